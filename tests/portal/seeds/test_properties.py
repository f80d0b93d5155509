"""Whatever an operator feeds the import, it imports or fails with a clean message."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.models import Post
from portal.seeds.parser import SeedFormatError, parse_document

pytestmark = pytest.mark.django_db

WORDS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=40
)
DATES = st.one_of(
    st.dates().map(lambda day: day.isoformat()),
    st.from_regex(r"\A\d{4}-\d{2}-\d{2}\Z"),
    WORDS,
)
LINES = st.one_of(
    WORDS.map(lambda title: f"• {title}"),
    WORDS.map(lambda title: f"  • [Video] {title}.."),
    st.tuples(DATES, WORDS).map(lambda pair: f"    등록일 {pair[0]} 글쓴이 {pair[1]}"),
    WORDS.map(lambda text: f"    - {text} 1. {text} 2. {text}   ① {text} ② ({text}"),
    WORDS.map(lambda text: f"{text}?"),
    WORDS,
    st.just(""),
)
DOCUMENTS = st.lists(LINES, max_size=25).map("\n".join)


@given(DOCUMENTS)
@settings(max_examples=200, deadline=None)
def test_parser_returns_records_or_a_clean_error(text):
    try:
        result = parse_document(text, "fuzz.txt")
    except SeedFormatError as error:
        assert str(error).startswith("fuzz.txt")
        assert "expected" in str(error)
        return
    assert all(post.title for post in result.posts)
    assert all(len(post.title) <= 300 for post in result.posts)


@given(st.one_of(DOCUMENTS.map(str.encode), st.binary(max_size=300)))
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_import_command_imports_or_fails_cleanly(tmp_path, content):
    path = tmp_path / "fuzz.txt"
    path.write_bytes(content)
    with transaction.atomic():
        try:
            call_command(
                "import_seeds", str(path), stdout=io.StringIO(), stderr=io.StringIO()
            )
        except CommandError as error:
            assert "Nothing was imported" in str(error)
            assert Post.objects.count() == 0
        transaction.set_rollback(True)
