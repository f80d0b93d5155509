import pytest
from django.utils import translation

from portal.exchange.units import Unit
from portal.text.rich import sanitize

# Plain and rich texts in the languages whose scripts stress a file format:
# Hangul, Arabic with right-to-left marks, Han, and English with every
# character XML and HTML escape, plus quotes, emoji and line breaks.
PLAIN = {
    "ko": ("서울시 공공자전거 “따릉이” & <요금> 안내\n두 번째 줄", "따릉이 요금"),
    "ar": ("دراجات سيول العامة\u200f: «الأسعار» & <الخصم>", "الأسعار"),
    "zh-hans": ("首尔公共自行车 “叮铃” & <价格>\n第二行 🚲", "价格"),
    "en": ('Seoul\'s bikes: "Ttareungyi" & <fares> 🚲\r\nline two\ttab', "Fares"),
}
RICH = {
    "ko": (
        '<p>따릉이는 <strong>서울</strong>의 <a href="https://www.bikeseoul.com/?a=1&b=2">'
        "공공자전거</a>입니다 &amp; 1 &lt; 2</p><ul><li>하나</li><li>둘<br>셋</li></ul>"
    ),
    "ar": (
        "<h2>الدراجات</h2><p>\u200fمرحبا <em>سيول</em> &amp; "
        '<a href="https://example.org/ar" title="عنوان &quot;x&quot;">رابط</a></p>'
    ),
    "zh-hans": (
        "<p>首尔<strong>自行车</strong>&nbsp;🚲</p><figure>"
        '<img src="https://example.org/a.png" alt="图 &gt; 1">'
        "<figcaption>图片</figcaption></figure>"
        "<table><tbody><tr><td>一</td><td>二</td></tr></tbody></table>"
    ),
    "en": (
        '<blockquote><p>"Quoted" &amp; <em>emphasis</em></p></blockquote>'
        '<ol start="3"><li>Three</li></ol><p class="source">Source: City</p>'
    ),
}


@pytest.fixture(autouse=True)
def _english():
    """Problems are read in English here, the catalogs' source language."""
    with translation.override("en"):
        yield


@pytest.fixture
def units() -> list[Unit]:
    """A plain and a rich unit in each language, each with its translation."""
    made = []
    for code, (text, term) in PLAIN.items():
        made.append(
            Unit(
                id=f"portal.post.{code}.title",
                source=text,
                target=text[::-1],
                note=f"News · {term} · title",
                glossary=((term, term.upper()),),
            )
        )
        body = sanitize(RICH[code])
        made.append(
            Unit(
                id=f"portal.post.{code}.body",
                source=body,
                target=body.replace("<p>", "<p>T: ").replace("<li>", "<li>T "),
                note=f"News · {term} · body",
                rich=True,
            )
        )
    return made


def rows(units) -> list[tuple[str, str, str]]:
    return [(unit.id, unit.source, unit.target) for unit in units]
