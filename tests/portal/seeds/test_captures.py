"""Documents scraped the way the seeds were, which the import had never seen.

The target: at least 95 % of records right by kind, title and its language, date,
author, body and policy field. The documents in ``captures/`` hold every variant
the import must read; ``captures/expected.toml`` says what each record must become.
"""

import tomllib
from pathlib import Path

import pytest
from django.conf import settings

from portal.models import PolicyField, Post
from portal.seeds.curated import load_curated
from portal.seeds.importer import import_records, language_of
from portal.seeds.parser import parse_paths
from portal.seeds.policy_fields import FieldMatcher

CAPTURES = Path(__file__).with_name("captures")
EXPECTED = tomllib.loads((CAPTURES / "expected.toml").read_text(encoding="utf-8"))
TARGET = 0.95


def documents() -> list[Path]:
    # Given newest first: the later capture must win whatever the order.
    return sorted(CAPTURES.glob("*.txt"), reverse=True)


def described(post, matcher) -> dict:
    return {
        "title": post.title,
        "kind": post.kind,
        "lang": language_of(post.title),
        "date": post.published_on,
        "author": post.author,
        "policy_field": matcher.field_for(post),
        "body": post.body.split("\n\n") if post.body else [],
    }


def test_at_least_95_percent_of_unseen_records_come_through_right():
    result = parse_paths(documents())
    curated = load_curated()
    matcher = FieldMatcher.from_curated(
        curated.policy_fields, curated.post_policy_fields, settings.SEED_LANGUAGES
    )
    found = {post.title: described(post, matcher) for post in result.posts}

    wrong = {}
    for expected in EXPECTED["posts"]:
        got = found.get(expected["title"])
        if got is None:
            wrong[expected["title"]] = "missing"
            continue
        differences = {
            name: (got[name], value)
            for name, value in expected.items()
            if got[name] != value
        }
        if differences:
            wrong[expected["title"]] = differences
    partners = sorted(partner.name for partner in result.partners)
    total = len(EXPECTED["posts"]) + len(EXPECTED["partners"]["names"])
    right = total - len(wrong) - len(set(EXPECTED["partners"]["names"]) ^ set(partners))

    assert len(result.posts) == len(EXPECTED["posts"])
    assert right / total >= TARGET, wrong
    assert wrong == {}


@pytest.mark.django_db
def test_imported_captures_fill_every_policy_field_and_report_no_strays():
    report = import_records(parse_paths(documents()))

    assert report.unmatched == []
    for policy_field in PolicyField.objects.all():
        assert Post.objects.published().filter(policy_field=policy_field).exists(), (
            policy_field.slug
        )
    climate = Post.objects.get(title_en="Climate Card Sales Hit 1 Million")
    assert "counted from January" in climate.body_text_en
    assert Post.objects.filter(body_ko__gt="").count() == 6
