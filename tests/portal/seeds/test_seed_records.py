"""What each record of the two seed documents must become, one by one."""

from datetime import date

import pytest
from django.conf import settings

from portal.management.commands.import_seeds import default_seed_paths
from portal.seeds.curated import load_curated
from portal.seeds.importer import language_of
from portal.seeds.parser import parse_paths
from portal.seeds.policy_fields import FieldMatcher

D = date.fromisoformat
# title, kind, language, date, author, policy field
POSTS = [
    ("Publication of “Changes to Life in Seoul” (2023)", "publication", "en",
     D("2023-01-06"), "", "urban-planning"),
    ("Comprehensive measures against accidents and disasters in summer", "news", "en",
     D("2023-05-23"), "", "environment"),
    ("Happy Parents Project to take care of 430,000 multi-children families", "news",
     "en", D("2023-05-22"), "", "social-policy"),
    ("Seoul launches 2023 Seoul dog patrol program to protect communities", "news",
     "en", D("2023-05-12"), "", "social-policy"),
    ("The Seoul Institute Annual Research Digest & Abstracts 2021・2022", "publication",
     "en", D("2023-03-10"), "", "urban-planning"),
    ("Global Startup City, Seoul – startup-friendly policies", "video", "en",
     D("2023-02-13"), "", "economy"),
    ("Smart City, Seoul – smart city policies", "video", "en", D("2023-02-13"),
     "", "urban-planning"),
    ("Clean and Clear City, Seoul – environmental policies", "video", "en",
     D("2023-02-13"), "", "environment"),
    ("Climate Card Sales Hit 1 Million With More Than 0.5 Million Weekday Users",
     "news", "en", D("2024-04-11"), "", "transportation"),
    ("Don’t forget to bring your ID to hospitals and clinics, starting from May 20…",
     "news", "en", D("2024-05-24"), "", "social-policy"),
    ("Mayor Oh Announces International Resident Policy Master Plan to Boost City’s…",
     "news", "en", D("2024-05-22"), "", "city-diplomacy"),
    ("Seoul Launches ‘Climate Card Tourist Pass’ With 1, 2, 3, and 5-day Options…",
     "news", "en", D("2024-05-20"), "", "transportation"),
    # A city initiative, whatever its title's "Index": news.
    ("Going Together with the Socially Neglected Index", "news", "en", D("2023-11-10"),
     "", "social-policy"),
]  # fmt: skip
CUT_OFF_TITLES = {POSTS[9][0], POSTS[10][0], POSTS[11][0]}


@pytest.fixture(scope="module")
def seeds():
    return parse_paths(default_seed_paths())


@pytest.fixture(scope="module")
def matcher():
    curated = load_curated()
    return FieldMatcher.from_curated(
        curated.policy_fields, curated.post_policy_fields, settings.SEED_LANGUAGES
    )


def test_the_seeds_hold_exactly_these_posts(seeds, matcher):
    found = [
        (
            post.title,
            post.kind,
            language_of(post.title),
            post.published_on,
            post.author,
            matcher.field_for(post),
        )
        for post in seeds.posts
    ]

    assert found == POSTS


def test_every_seed_post_reads_in_paragraphs_of_whole_sentences(seeds):
    for post in seeds.posts:
        assert post.needs_review == (post.title in CUT_OFF_TITLES), post.title
        if post.kind == "video":
            assert post.body == "", post.title
            continue
        assert post.body, post.title
        for block in post.body.split("\n\n"):
            assert len(block.split()) < 150, (post.title, block[:80])
            assert "\u00a0" not in block and "  " not in block


def test_the_seeds_hold_their_partners_and_programme(seeds):
    names = {partner.name for partner in seeds.partners}

    assert len(seeds.partners) == 28 and len(seeds.programs) == 1
    assert not any("로고" in name or "이미지" in name for name in names)
    assert {"KOICA", "K-Developedia", "서울시청", "MITI"} <= names
    assert seeds.programs[0].name == "공유도시 서울"
    assert seeds.duplicates == 32
