"""Backups and restores that a crafted archive, a damaged file or a signal cannot
turn against the site: a restore brings back only the files the portal writes,
within bounded sizes, or stops with one line; a backup is owner-only and leaves
nothing behind when it is cut short."""

import gzip
import io
import os
import signal
import subprocess
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from portal.database import backup
from portal.images.renditions import make_renditions
from portal.models import Image, Post
from tests.factories import ImageFactory, PartnerFactory, PostFactory
from tests.portal.test_uploads import image_bytes
from tests.support.served_site import ROOT, VENV_BIN, site_environment

pytestmark = pytest.mark.django_db(transaction=True)

MANIFEST = b'{"format": 1, "posts": 0, "files": 0, "created": "2026-01-01"}'


def crafted(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name, payload in {
            "manifest.json": MANIFEST,
            "data.json": b"[]",
            **members,
        }.items():
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))
    return path


def refusal(archive: Path) -> str:
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive), verbosity=0)
    return str(refused.value)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.mark.parametrize(
    "name",
    [
        "media/images/0a1b.html",
        "media/publications/report.pdf.js",
        "media/partners/logo.svg",
        "media/CACHE/images/images/0a1b/2c3d.html",
        "media/index.html",
        "media/images/deeper/photo.jpg",
        "extra.html",
    ],
)
def test_restore_refuses_files_the_portal_never_writes(media, tmp_path, name):
    archive = crafted(
        tmp_path / "crafted.tar.gz",
        {"media/images/fine.jpg": b"JFIF", name: b"<script>alert(1)</script>"},
    )

    message = refusal(archive)

    assert name in message and "not a kind of file the portal stores" in message
    assert not media.exists() or not list(media.rglob("*"))


@pytest.mark.parametrize(
    ("name", "limit"),
    [("data.json", "MAX_DATA_BYTES"), ("media/publications/a.pdf", "MAX_FILE_BYTES")],
)
def test_restore_refuses_a_member_that_unpacks_too_large(
    media, tmp_path, monkeypatch, name, limit
):
    monkeypatch.setattr(backup, limit, 1024 * 1024, raising=False)
    # 64 MB of spaces is 64 kB compressed: a small file that grows a thousandfold.
    bomb = crafted(tmp_path / "bomb.tar.gz", {name: b" " * (64 * 1024 * 1024)})
    assert bomb.stat().st_size < 200_000

    message = refusal(bomb)

    assert f"{name} would unpack to 67108864 bytes (at most 1048576)" in message
    assert "\n" not in message
    assert Post.objects.count() == 0


def test_restore_bounds_the_whole_archive(media, tmp_path, monkeypatch):
    monkeypatch.setattr(backup, "MAX_TOTAL_BYTES", 100, raising=False)
    archive = crafted(
        tmp_path / "many.tar.gz",
        {f"media/publications/{n}.pdf": b"%PDF-" + b"0" * 40 for n in range(3)},
    )

    assert "would unpack to more than 100 bytes" in refusal(archive)


@pytest.fixture
def real_backup(media, tmp_path) -> Path:
    PostFactory(kind=Post.Kind.PUBLICATION, file=ContentFile(b"%PDF-1.7", "r.pdf"))
    archive = tmp_path / "real.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    Post.objects.all().delete()
    return archive


@pytest.mark.parametrize(
    "damage",
    ["garbage", "truncated", "not_tar", "bad_json", "bad_manifest", "no_manifest"],
)
def test_a_damaged_archive_stops_with_one_line(real_backup, tmp_path, damage):
    whole = real_backup.read_bytes()
    archive = tmp_path / "damaged.tar.gz"
    if damage == "garbage":
        archive.write_bytes(b"\x1f\x8b" + os.urandom(4000))
    elif damage == "truncated":
        archive.write_bytes(whole[: len(whole) * 2 // 3])
    elif damage == "not_tar":
        archive.write_bytes(gzip.compress(b"just some text " * 100))
    elif damage == "bad_json":
        crafted(archive, {"data.json": b'[{"model": "portal.post", "pk": "x"'})
    elif damage == "bad_manifest":
        crafted(archive, {"manifest.json": b"\xff\xfe{"})
    else:
        with tarfile.open(archive, "w:gz") as tar:
            info = tarfile.TarInfo("data.json")
            info.size = 2
            tar.addfile(info, io.BytesIO(b"[]"))

    message = refusal(archive)

    assert message.startswith("Nothing was restored.")
    assert "\n" not in message and "Traceback" not in message
    assert Post.objects.count() == 0


def test_every_file_the_portal_writes_comes_back_from_a_restore(media, tmp_path):
    image = ImageFactory()
    image.renditions = make_renditions(image)
    image.save()
    partner = PartnerFactory()
    partner.logo.save("logo.webp", ContentFile(image_bytes("WEBP")), save=True)
    PostFactory(kind=Post.Kind.PUBLICATION, file=ContentFile(b"%PDF-1.7", "r.pdf"))
    files = {p.relative_to(media): p.read_bytes() for p in media.rglob("*.*")}
    assert {path.parts[0] for path in files} == {
        "CACHE",
        "images",
        "partners",
        "publications",
    }
    archive = tmp_path / "all.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    for path in media.rglob("*.*"):
        path.unlink()

    call_command("restore", str(archive), replace=True, verbosity=0)

    assert {p.relative_to(media): p.read_bytes() for p in media.rglob("*.*")} == files
    assert Image.objects.get().renditions == image.renditions


def test_archives_are_readable_by_their_owner_only(media, tmp_path):
    PostFactory()
    previous = os.umask(0o022)
    try:
        call_command("backup", str(tmp_path / "backups/site.tar.gz"), verbosity=0)
    finally:
        os.umask(previous)

    assert (tmp_path / "backups/site.tar.gz").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "backups").stat().st_mode & 0o777 == 0o700


def test_a_backup_that_fails_half_way_leaves_nothing(media, tmp_path, monkeypatch):
    PostFactory()
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(scratch))
    (media / "images").mkdir(parents=True)
    (media / "images/a.jpg").write_bytes(b"JFIF")
    real_addfile = tarfile.TarFile.addfile

    def failing_addfile(self, tarinfo, fileobj=None, **kwargs):
        if tarinfo.name.startswith("media/"):
            raise OSError(28, "No space left on device")
        return real_addfile(self, tarinfo, fileobj, **kwargs)

    monkeypatch.setattr(tarfile.TarFile, "addfile", failing_addfile)

    with pytest.raises(CommandError, match="No backup was written"):
        call_command("backup", str(tmp_path / "out/site.tar.gz"), verbosity=0)

    assert list((tmp_path / "out").iterdir()) == []
    assert list(scratch.iterdir()) == []


# The real command, run as manage.py runs it, in its own process: it holds still
# right after the dump went into the archive, until the test has looked and
# sent the signal.
PAUSED_BACKUP = """
import sys, tarfile, django
django.setup()
from django.core.management import execute_from_command_line
add = tarfile.TarFile.add
def paused(self, name, *args, **kwargs):
    add(self, name, *args, **kwargs)
    print("paused", flush=True)
    sys.stdin.readline()
tarfile.TarFile.add = paused
execute_from_command_line(["manage.py", "backup", sys.argv[1]])
"""


@pytest.fixture(scope="module")
def migrated_site(tmp_path_factory):
    var = tmp_path_factory.mktemp("site")
    env = site_environment(str(var), DJANGO_SETTINGS_MODULE="config.settings")
    subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return env


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_a_signalled_backup_leaves_no_partial_archive_or_dump(
    migrated_site, tmp_path, stop
):
    scratch, out = tmp_path / "tmp", tmp_path / "backups"
    scratch.mkdir()
    process = subprocess.Popen(
        [str(VENV_BIN / "python"), "-c", PAUSED_BACKUP, str(out / "site.tar.gz")],
        cwd=ROOT,
        env={**migrated_site, "TMPDIR": str(scratch)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout.readline() == "paused\n"
        (partial,) = out.iterdir()
        (dump,) = scratch.rglob("data.json")
        assert partial.name == "site.tar.gz.partial"
        assert partial.stat().st_mode & 0o777 == 0o600
        assert dump.stat().st_mode & 0o777 == 0o600

        process.send_signal(stop)
        _stdout, stderr = process.communicate(timeout=60)
    finally:
        process.kill()

    assert process.returncode == 1
    assert stderr.strip().splitlines() == [
        f"CommandError: No backup was written: stopped by {stop.name}."
    ]
    assert list(out.iterdir()) == []
    assert list(scratch.iterdir()) == []


def test_a_restore_whose_files_cannot_be_copied_says_the_records_are_in(
    settings, tmp_path
):
    archive = crafted(tmp_path / "backup.tar.gz", {"media/images/a.jpg": b"JFIF"})
    # A media folder that cannot be written: a file stands where it should be.
    blocked = tmp_path / "not-a-folder"
    blocked.write_bytes(b"")
    settings.MEDIA_ROOT = blocked / "media"

    with pytest.raises(CommandError) as refused:
        # --replace: migrations wrote the starting site pages.
        call_command("restore", str(archive), replace=True, verbosity=0)

    message = str(refused.value)
    assert "were restored" in message and "damaged" not in message
    assert "Nothing was restored" not in message
    assert "--replace" in message
