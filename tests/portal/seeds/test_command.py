import io
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from portal.models import Partner, Post

pytestmark = pytest.mark.django_db

GOOD = "• News\n  등록일 2023-01-01 글쓴이 s\n  Body.\n• KDI 로고이미지\n"


def write(tmp_path, name, content):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def import_seeds(*args, verbosity=1):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_seeds", *args, stdout=out, stderr=err, verbosity=verbosity)
    return out.getvalue(), err.getvalue()


def test_default_paths_import_the_real_seeds():
    out, _err = import_seeds()

    assert "posts: 13 created" in out
    assert "partners: 28 created" in out
    assert "programs: 1 created" in out


def test_report_counts_unchanged_on_second_run(tmp_path):
    path = write(tmp_path, "a.txt", GOOD)
    import_seeds(path)

    out, _err = import_seeds(path)

    assert "posts: 0 created, 0 updated, 1 unchanged, 0 kept" in out


def test_dry_run_reports_and_writes_nothing(tmp_path):
    out, _err = import_seeds(write(tmp_path, "a.txt", GOOD), "--dry-run")

    assert "posts: 1 created" in out
    assert "Dry run" in out
    assert Post.objects.count() == 0


def test_overwrite_flag_replaces_edits(tmp_path):
    path = write(tmp_path, "a.txt", GOOD)
    import_seeds(path)
    Post.objects.update(title_en="Edited")

    kept, _err = import_seeds(path)
    replaced, _err = import_seeds(path, "--overwrite")

    assert "kept because staff edited them" in kept.lower()
    assert "post Edited (" in kept
    assert "posts: 0 created, 1 updated" in replaced
    assert Post.objects.get().title_en == "News"


BAD_INPUTS = [
    ("missing", None, "no such file"),
    ("directory", None, "a directory"),
    ("empty.txt", b"", "an empty file"),
    ("binary.txt", b"\x00\x01\x02", "binary data"),
    ("latin1.txt", "* Caf\xe9\n".encode("latin-1"), "not UTF-8"),
    ("date.txt", "• A\n  등록일 2023-13-45 글쓴이 s\n", "2023-13-45"),
    ("orphan.txt", "  등록일 2023-01-01 글쓴이 s\n", "no title above it"),
]


@pytest.mark.parametrize("name,content,message", BAD_INPUTS)
def test_bad_input_rolls_everything_back(tmp_path, name, content, message):
    good = write(tmp_path, "good.txt", GOOD)
    if name == "directory":
        bad = str(tmp_path / "subdir")
        (tmp_path / "subdir").mkdir()
    elif content is None:
        bad = str(tmp_path / name)
    else:
        bad = write(tmp_path, name, content)

    with pytest.raises(CommandError) as error:
        import_seeds(good, bad)

    assert message in str(error.value)
    assert bad in str(error.value)
    assert "Nothing was imported" in str(error.value)
    assert Post.objects.count() == Partner.objects.count() == 0


def test_error_names_file_and_line_and_exits_non_zero(tmp_path):
    bad = write(tmp_path, "bad.txt", "• A\n  등록일 2023-02-30 글쓴이 s\n")

    finished = subprocess.run(
        [sys.executable, "manage.py", "import_seeds", "--dry-run", bad],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )

    assert finished.returncode == 1
    assert f"{bad}:2: found the date '2023-02-30'" in finished.stderr
    assert "Traceback" not in finished.stderr


def test_warnings_are_printed_with_file_and_line(tmp_path):
    path = write(tmp_path, "a.txt", "Header text\n" + GOOD)

    _out, err = import_seeds(path)

    assert f"warning: {path}:1: skipped text before the first entry" in err


def test_verbosity_zero_is_silent(tmp_path):
    path = write(tmp_path, "a.txt", "Header text\n" + GOOD)

    assert import_seeds(path, verbosity=0) == ("", "")
    assert Post.objects.count() == 1


def test_large_inputs_show_a_progress_bar(tmp_path):
    entries = "".join(
        f"• Item {n}\n  등록일 2023-01-01 글쓴이 s\n  Body {n}.\n" for n in range(600)
    )
    path = write(tmp_path, "big.txt", entries)

    _out, err = import_seeds(path)
    _out, quiet = import_seeds(path, verbosity=0)

    assert "600/600" in err
    assert "#" * 30 in err
    assert quiet == ""


def planner_row_estimate(table: str) -> float:
    """What the database's planner believes the table holds; 0 when it has no idea."""
    from django.db import DatabaseError, connection, transaction

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # -1 until the table is first analysed.
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            return max(cursor.fetchone()[0], 0)
        try:
            with transaction.atomic():
                cursor.execute(
                    "SELECT stat FROM sqlite_stat1 WHERE tbl = %s AND idx IS NULL "
                    "OR tbl = %s AND idx IS NOT NULL LIMIT 1",
                    [table, table],
                )
                row = cursor.fetchone()
        except DatabaseError:  # no sqlite_stat1 table: never analysed
            return 0
        return float(row[0].split()[0]) if row else 0


def test_import_refreshes_the_query_planners_statistics(tmp_path):
    # Before each import the estimate is stale (PostgreSQL keeps it even when a
    # test's transaction is rolled back), so each import must bring it up to date.
    table = Post._meta.db_table
    import_seeds()
    seeded = Post.objects.count()
    assert planner_row_estimate(table) == seeded

    import_seeds(write(tmp_path, "more.txt", GOOD))

    assert planner_row_estimate(table) == seeded + 1 == Post.objects.count()
