"""Time the vendor files of 1,000 objects in six languages, as staff use them.

    python tests/benchmarks/vendor_files_benchmark.py [OBJECTS] [--format xliff|po]

On a throw-away SQLite database (or DATABASE_URL), OBJECTS posts (1,000 by
default) are written in Korean with an English translation: a title, a summary
and a rich body of about 2 KB. Then, each in a fresh process, measured from
outside (wall time including Django's start-up, and the peak resident memory
of the process, ``ru_maxrss`` from wait4):

- export: every post into each of the five other languages, one file each, in a
  zip, as the export page builds it;
- import: each returned file (the "vendor" copied every source into its
  target, keeping the markup) is read, previewed and applied, one revision per
  object, as the preview page does.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.support.served_site import site_environment  # noqa: E402

PARAGRAPH = (
    "<p>서울시는 <strong>공공자전거</strong> 따릉이를 2015년부터 운영하고 있으며, "
    '<a href="https://example.org/bike?a=1&amp;b=2">대여소</a>는 2,700곳이 넘습니다. '
    "시민 누구나 <em>휴대전화</em>로 빌릴 수 있습니다.</p>"
)


def body() -> str:
    """About 2 KB of rich text: paragraphs with inline codes and a list."""
    parts = []
    while sum(len(part.encode()) for part in parts) < 1800:
        parts.append(PARAGRAPH)
    parts.append("<ul><li>첫째 항목</li><li>둘째 항목</li></ul>")
    return "".join(parts)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def make_content(count: int) -> None:
    setup_django()
    from django.contrib.auth import get_user_model

    from portal.models import Post

    get_user_model().objects.create_superuser("bench", "bench@example.org", "x")
    text = body()
    Post.objects.bulk_create(
        Post(
            slug=f"bench-{n}",
            status=Post.Status.PUBLISHED,
            title_ko=f"서울 공공자전거 안내 {n}",
            title_en=f"Seoul public bicycles {n}",
            summary_ko="따릉이 요금과 대여 방법을 알려 드립니다.",
            summary_en="Fares and how to rent a Ttareungyi.",
            body_ko=text,
            body_en="<p>Seoul runs <strong>public bicycles</strong>.</p>",
        )
        for n in range(count)
    )


def export(folder: Path, file_format: str) -> None:
    setup_django()
    from django.utils import timezone

    from portal.admin.vendor_files import selection
    from portal.languages import default_language, language_codes

    entry = selection.entry_for("portal.Post")
    download = selection.export(
        selection.Selection(entries=(entry,)),
        targets=[code for code in language_codes() if code != default_language()],
        file_format=file_format,
        source=default_language(),
        day=timezone.localdate(),
    )
    (folder / download.filename).write_bytes(download.data)


def translate(data: bytes, file_format: str) -> bytes:
    """What a vendor returns: every target written, here as a copy of its source."""
    if file_format == "po":
        import polib

        catalog = polib.pofile(data.decode())
        for entry in catalog:
            entry.msgstr = entry.msgid
        return str(catalog).encode()
    from copy import deepcopy

    from lxml import etree

    ns = "{urn:oasis:names:tc:xliff:document:2.0}"
    tree = etree.fromstring(data)
    for segment in tree.iter(f"{ns}segment"):
        old = segment.find(f"{ns}target")
        if old is not None:
            segment.remove(old)
        target = deepcopy(segment.find(f"{ns}source"))
        target.tag = f"{ns}target"
        segment.append(target)
    return etree.tostring(tree, xml_declaration=True, encoding="utf-8")


def vendor(folder: Path, file_format: str) -> None:
    """Unpack the export and translate each file (not measured)."""
    import zipfile

    [archive] = folder.glob("*.zip")
    with zipfile.ZipFile(archive) as bundle:
        for name in bundle.namelist():
            (folder / f"returned-{name}").write_bytes(
                translate(bundle.read(name), file_format)
            )


def import_back(folder: Path) -> None:
    setup_django()
    from types import SimpleNamespace

    from django.contrib.auth import get_user_model

    from portal.admin.vendor_files import applying
    from portal.models import TranslationUpload

    request = SimpleNamespace(user=get_user_model().objects.get(username="bench"))
    applied = 0
    for path in sorted(folder.glob("returned-*")):
        data = path.read_bytes()
        returned = applying.read(data)
        upload = TranslationUpload.objects.create(
            uploaded_by=request.user,
            filename=path.name,
            file_format=applying.file_format(data),
            source_language=returned.source_language,
            target_language=returned.target_language,
            data=data,
            units=applying.stored(returned),
        )
        preview = applying.preview(upload, request)
        if preview.counts[applying.REJECTED]:
            raise SystemExit(f"{path.name}: {preview.of(applying.REJECTED)[:3]}")
        applied += applying.apply(upload, request).units
    print(applied)


def run(args: list[str], env: dict) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB) and output of one phase in its own process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, __file__, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    output = process.stdout.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{args[0]} failed: {process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024, output.strip()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("objects", nargs="?", type=int, default=1000)
    parser.add_argument("--format", default="xliff", choices=["xliff", "po"])
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.phase:
        folder = Path(options.folder)
        {
            "setup": lambda: make_content(options.objects),
            "export": lambda: export(folder, options.format),
            "vendor": lambda: vendor(folder, options.format),
            "import": lambda: import_back(folder),
        }[options.phase]()
        return
    with tempfile.TemporaryDirectory() as tmp:
        env = site_environment(tmp)
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        common = [str(options.objects), "--format", options.format, "--folder", tmp]
        run([*common, "--phase", "setup"], env)
        exported = run([*common, "--phase", "export"], env)
        size = sum(path.stat().st_size for path in Path(tmp).glob("*.zip")) / 1e6
        run([*common, "--phase", "vendor"], env)
        returned = sum(path.stat().st_size for path in Path(tmp).glob("returned-*"))
        imported = run([*common, "--phase", "import"], env)

    rows = [
        (
            f"export {options.objects:,} posts × 5 languages ({size:.1f} MB zip)",
            exported,
        ),
        (
            f"import back: preview + apply ({returned / 1e6:.1f} MB, "
            f"{imported[2]} translations written)",
            imported,
        ),
    ]
    width = max(len(label) for label, _ in rows)
    print(
        f"{options.format}: {'run':<{width - len(options.format) - 2}}  wall s  peak MB"
    )
    for label, (seconds, peak, _output) in rows:
        print(f"{label:<{width}}  {seconds:6.2f}  {peak:7.1f}")


if __name__ == "__main__":
    main()
