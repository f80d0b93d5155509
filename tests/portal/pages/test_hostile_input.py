"""Random and malicious paths and query strings against every public URL pattern,
in both languages: the answer is always 2xx, 3xx, 400 or 404, never a 5xx and
never a traceback."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import PolicyFieldFactory, PostFactory, ProgramFactory
from tests.support.hostile import (
    LANGUAGES,
    PATTERNS,
    QUERY_KEYS,
    SEGMENTS,
    acceptable,
    encode,
    hostile_path,
)

pytestmark = pytest.mark.django_db

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
segments = st.one_of(st.sampled_from(SEGMENTS), text)
queries = st.lists(
    st.tuples(st.one_of(st.sampled_from(QUERY_KEYS), text), segments), max_size=4
)


@pytest.fixture
def content(db):
    field = PolicyFieldFactory(slug="environment")
    PostFactory(slug="a-post", policy_field=field)
    ProgramFactory(slug="a-programme")


def assert_survives(client, path):
    response = client.get(path)
    assert acceptable(response.status_code), (path, response.status_code)
    body = b"" if response.streaming else response.content
    assert b"Traceback" not in body, path


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    pattern=st.sampled_from(PATTERNS),
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


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("segment", SEGMENTS)
@pytest.mark.parametrize(
    "key", ["page", "q", "year", "field", "policy_field", "kind", "p"]
)
def test_every_known_bad_value_in_every_parameter(client, content, lang, segment, key):
    for path in (
        f"/{lang}/news/",
        f"/{lang}/search/",
        f"/{lang}/policy-fields/environment/",
    ):
        assert_survives(client, f"{path}?{key}={encode(segment)}")
    assert_survives(client, f"/sitemap-posts.xml?p={encode(segment)}")


def test_the_fuzz_generator_hits_every_pattern(client, content):
    rng = random.Random(8)
    for _ in range(300):
        assert_survives(client, hostile_path(rng))


@pytest.mark.parametrize("segment", SEGMENTS)
def test_every_known_bad_segment_in_every_pattern(client, content, segment):
    """The property test above draws its cases at random: a known bad segment
    reached the one pattern it breaks only in some runs (a /media/ name longer
    than the file system allows, which answered 500), so that test failed now
    and then. Here every known segment meets every pattern, in every run."""
    for pattern in PATTERNS:
        path = pattern.replace("{lang}", "ko").replace("{x}", encode(segment))
        assert_survives(client, path)
