"""Search finds policy cases in every language, by title, summary and body, and
says that a hit is a policy case."""

import pytest
from django.utils import translation

from portal.languages import language_codes, localized
from portal.models import PolicyCase
from tests.conftest import parse
from tests.factories import OutcomeFactory, PolicyCaseFactory, PostFactory

pytestmark = pytest.mark.django_db

# A word of each language that no factory text holds.
WORDS = {
    "ko": "따릉이",
    "en": "bikeshare",
    "es": "bicicletas",
    "fr": "vélos",
    "ar": "الدراجات",
    "zh-hans": "共享单车",
}


def results(client, lang: str, query: str) -> list[tuple[str, str]]:
    page = parse(client.get(f"/{lang}/search/", {"q": query}))
    return [
        (
            item.select_one(".search-result__title a")["href"],
            item.select_one(".search-result__kind").get_text(strip=True),
        )
        for item in page.select(".search-result")
    ]


@pytest.mark.parametrize("lang", language_codes())
@pytest.mark.parametrize("field", ["title", "summary", "approach"])
def test_a_case_is_found_in_its_language_by_title_summary_and_body(client, lang, field):
    word = WORDS.get(lang, "bikeshare")
    text = f"<p>Seoul {word} plan</p>" if field == "approach" else f"Seoul {word} plan"
    case = PolicyCaseFactory(**{localized(field, lang): text})
    with translation.override(lang):
        url = case.get_absolute_url()
        kind = str(PolicyCase._meta.verbose_name).capitalize()

    found = results(client, lang, word)

    assert (url, kind) in found


def test_an_outcome_figure_finds_its_case(client):
    case = PolicyCaseFactory()
    OutcomeFactory(case=case, text_en="weekday riders counted by smartcard")

    found = [url for url, _kind in results(client, "en", "smartcard")]

    assert found == [case.get_absolute_url()]


def test_cases_rank_with_posts_and_draft_cases_are_not_found(client):
    post = PostFactory(title_en="Climate Card news")
    case = PolicyCaseFactory(title_en="Climate Card case")
    PolicyCaseFactory(title_en="Climate Card secret", status=PolicyCase.Status.DRAFT)

    found = [url for url, _kind in results(client, "en", "climate card")]

    assert set(found) == {post.get_absolute_url(), case.get_absolute_url()}
