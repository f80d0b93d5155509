"""Random and malicious paths and query strings against every public URL pattern,
in both languages: the answer is always 2xx, 3xx, 400 or 404, never a 5xx and
never a traceback. The patterns and the real pages come from the URLconf
(tests/support/public_pages.py), so a new page is attacked the day it is added."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.languages import default_language, language_codes
from portal.params import query_parameters
from tests.factories import one_of_everything
from tests.support.hostile import (
    LANGUAGES,
    OUTSIDE,
    QUERY_KEYS,
    SEGMENTS,
    acceptable,
    encode,
    hostile_path,
)
from tests.support.public_pages import (
    hostile_templates,
    public_addresses,
    public_routes,
    route_of,
)
from tests.support.sampling import default_whole_others_shared

pytestmark = pytest.mark.django_db

TEMPLATES = hostile_templates()
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
segments = st.one_of(st.sampled_from(SEGMENTS), text)
queries = st.lists(
    st.tuples(st.one_of(st.sampled_from(QUERY_KEYS), text), segments), max_size=4
)


@pytest.fixture
def content(db):
    one_of_everything()


@pytest.fixture
def addresses(content) -> list[str]:
    """Every public address, in every language, with real rows."""
    return sorted(
        {
            address.path
            for lang in language_codes()
            for address in public_addresses(lang)
        }
    )


def assert_survives(client, path):
    response = client.get(path)
    assert acceptable(response.status_code), (path, response.status_code)
    body = b"" if response.streaming else response.content
    assert b"Traceback" not in body, path
    return response


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    pattern=st.sampled_from(TEMPLATES + OUTSIDE),
    lang=st.one_of(st.sampled_from(LANGUAGES), text),
    parts=st.lists(segments, min_size=2, max_size=2),
    query=queries,
)
def test_no_path_or_query_string_breaks_the_site(
    client, content, pattern, lang, parts, query
):
    path = pattern.replace("{lang}", encode(lang))
    for part in parts:
        path = path.replace("{x}", encode(part), 1)
    if query:
        path += "?" + "&".join(f"{encode(k)}={encode(v)}" for k, v in query)

    assert_survives(client, path)


@pytest.mark.parametrize("lang", language_codes())
def test_every_known_bad_value_in_every_parameter_of_every_page(client, content, lang):
    # Per page, every parameter its view declares at once (so the value reaches
    # the filters), then every parameter anyone might send: an old one such as
    # "field" redirects before any filter reads the rest. The values reach the
    # same parsers in any language, so the default language tries every one on
    # every page, and the others share them out: each proves its own search,
    # filters and fallbacks take hostile values, at a fraction of the cost.
    # Addresses without a language (media, feeds) are the default one's.
    pages = [
        (address.path, sorted(query_parameters(address.route.pattern.callback)))
        for address in public_addresses(lang)
        if lang == default_language() or address.path.startswith(f"/{lang}/")
    ]
    assert len(pages) > 10, pages
    tried = set()
    for segment in default_whole_others_shared(SEGMENTS, lang):
        for path, declared in pages:
            for keys in (declared, QUERY_KEYS):
                query = "&".join(f"{key}={encode(segment)}" for key in keys)
                if (address := f"{path}?{query}") not in tried:
                    tried.add(address)
                    assert_survives(client, address)


def test_the_fuzz_generator_hits_every_pattern(client, addresses):
    rng = random.Random(8)
    answered = set()
    # Every real page once with a hostile query string (a random draw among
    # them missed the one media address as pages were added), then at random.
    drawn = [
        f"{path}?{encode(rng.choice(QUERY_KEYS))}={encode(rng.choice(SEGMENTS))}"
        for path in addresses
    ]
    drawn += [hostile_path(rng, TEMPLATES, addresses) for _ in range(300)]
    for path in drawn:
        response = assert_survives(client, path)
        if response.status_code != 404:
            answered.add(route_of(response.request["PATH_INFO"]))

    public = {route.route for route in public_routes() if not route.staff_only}
    assert public - answered == set()


@pytest.mark.parametrize("segment", SEGMENTS)
def test_every_known_bad_segment_in_every_pattern(client, content, segment):
    """The property test above draws its cases at random: a known bad segment
    reached the one pattern it breaks only in some runs (a /media/ name longer
    than the file system allows, which answered 500), so that test failed now
    and then. Here every known segment meets every pattern, in every run."""
    for pattern in TEMPLATES + OUTSIDE:
        path = pattern.replace("{lang}", "ko").replace("{x}", encode(segment))
        assert_survives(client, path)
