"""No code outside the settings and the migrations names a language.

Adding or removing a language is its declaration in config/settings.py, a
generated migration and its catalogs (docs/languages.md): a language code written
anywhere else is a place that declaration does not reach. Comments and docstrings
may give examples; code, templates, scripts and styles may not.
"""

import io
import re
import tokenize
from pathlib import Path

import pytest
from django.conf import settings

from portal.languages import language_codes

ROOT = Path(settings.BASE_DIR)
SKIPPED = ("portal/migrations/", "portal/static/portal/vendor/", "config/settings.py")


def sources(*suffixes: str) -> list[Path]:
    found = []
    for folder in ("portal", "config"):
        for path in sorted((ROOT / folder).rglob("*")):
            relative = path.relative_to(ROOT).as_posix()
            if path.suffix in suffixes and not relative.startswith(SKIPPED):
                found.append(path)
    return found


def _codes() -> str:
    codes = {*language_codes(), *(code.replace("-", "_") for code in language_codes())}
    return "|".join(sorted(map(re.escape, codes), key=len, reverse=True))


def named_in_python(text: str) -> list[str]:
    """Code tokens naming a language: the string "ko", a column title_ko, a path
    /ko/. Comments and docstrings are other tokens, or longer strings."""
    codes = _codes()
    literal = re.compile(rf"^[rbfu]*(['\"])({codes})\1$", re.I)
    column = re.compile(rf"^[rbfu]*(['\"])\w+_({codes})\1$", re.I)
    path = re.compile(rf"/({codes})/")
    suffix = re.compile(rf"^\w+_({codes})$")
    found = []
    for token in tokenize.generate_tokens(io.StringIO(text).readline):
        value = token.string
        if token.type == tokenize.STRING and (
            literal.match(value)
            or column.match(value)
            or (path.search(value) and "\n" not in value)
        ):
            found.append(f"line {token.start[0]}: {value}")
        elif token.type == tokenize.NAME and suffix.match(value):
            found.append(f"line {token.start[0]}: {value}")
    return found


def named_in_markup(text: str) -> list[str]:
    codes = _codes()
    pattern = re.compile(
        rf"(['\"])({codes})\1|\w_({codes})\b|/({codes})/|:lang\(({codes})\)"
    )
    text = re.sub(r"\{#.*?#\}|<!--.*?-->|/\*.*?\*/", "", text, flags=re.S)
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("//"):
            continue
        found += [f"line {number}: {m.group(0)}" for m in pattern.finditer(line)]
    return found


@pytest.mark.parametrize(
    "path", sources(".py"), ids=lambda path: path.relative_to(ROOT).as_posix()
)
def test_python_names_no_language(path):
    assert named_in_python(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "path",
    sources(".html", ".txt", ".xml", ".js", ".css"),
    ids=lambda path: path.relative_to(ROOT).as_posix(),
)
def test_templates_scripts_and_styles_name_no_language(path):
    assert named_in_markup(path.read_text(encoding="utf-8")) == []


def test_the_check_finds_a_language_named_in_code():
    code = 'LABELS = {"ko": 1}\nrow.title_en\nurl = "/fr/news/"\n'

    assert len(named_in_python(code)) == 3
    assert named_in_python('"""Columns such as title_ko."""\n# title_en\n') == []
    assert named_in_markup('<html lang="ar">') != []
