"""Re-imports after staff acted, as a hostile operator would run them: in an
order nobody planned, one capture at a time."""

from pathlib import Path

import pytest

from portal.models import Post, SeedTombstone
from portal.seeds.importer import import_records
from portal.seeds.parser import parse_paths

pytestmark = pytest.mark.django_db

OLD_SITE = Path(__file__).with_name("old_site")
LIST_2016 = OLD_SITE / "2016-03_list.txt"
DETAIL = OLD_SITE / "2020-02_detail_9826.txt"


def import_files(*paths, **options):
    return import_records(parse_paths(paths), **options)


# A tombstone holds one key, the row's; a cut title and its whole one have two.
# The tombstone's day and titles find the other.


def test_a_post_staff_deleted_under_its_cut_title_stays_deleted_when_whole():
    import_files(LIST_2016)
    cut = Post.objects.get(needs_review=True, title_en__startswith="Seoul Expands")
    SeedTombstone.remember([cut], deleted_by="editor")
    cut.delete()

    import_files(DETAIL)

    assert not Post.objects.filter(title_en__startswith="Seoul Expands").exists()


def test_a_post_staff_deleted_under_its_whole_title_stays_deleted_when_cut():
    import_files(DETAIL)
    whole = Post.objects.get(title_en__startswith="Seoul Expands")
    SeedTombstone.remember([whole], deleted_by="editor")
    whole.delete()

    import_files(LIST_2016)

    assert not Post.objects.filter(title_en__startswith="Seoul Expands").exists()
