"""Decoding uploaded files in a child process with hard limits.

A few hundred bytes of PDF can make PDFium draw a form that draws itself, nested,
until it has taken gigabytes; a JPEG with tens of thousands of empty scans holds a
CPU for minutes while its pixel count looks harmless. Neither can be stopped from
inside the web worker (the work runs in C, and PDFium aborts the whole process when
memory runs out), so every decode of an upload that can explode runs here instead:
a fresh ``python -m portal.uploads.sandbox TASK`` that caps its own address space
and CPU time before it reads a byte, while the parent waits at most WALL_SECONDS.

The file goes in on stdin and the result comes back on stdout (a line of JSON,
then the bytes made): no temporary files to clean up, nothing that assumes a local
path (uploads may live on S3), and the child needs no access to media or the
database. The child gets an environment holding only the import path (none of the
site's DJANGO_* secrets), starts in an empty temporary folder and imports no
Django: only the task's module, Pillow and pypdfium2. These are limits on what a
decode may cost, not a privilege boundary: the child runs as the web's user, so an
exploit in PDFium or Pillow would still have that user's file rights.

The limits are set by the child itself rather than in ``preexec_fn``, which is not
safe in a threaded parent (gunicorn's gthread workers) and forces a fork of the
whole worker.
"""

import importlib
import json
import logging
import resource
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Address space of the child: a 50-megapixel photo decodes into ~150 MB, turning
# it upright makes a second copy; PDFium opening a 50 MB report needs far less.
MEMORY_BYTES = 1024 * 1024 * 1024
# CPU time of the child: decoding and re-encoding the largest photo allowed takes
# about 2 s here, drawing an ordinary report's first page well under 1 s.
CPU_SECONDS = 10
# How long the web worker waits for the child, whatever it does (blocked, or
# starved of CPU by other work): well inside gunicorn's 30 s worker timeout.
WALL_SECONDS = 15

# What a child may be asked to do: task name -> "module:function". Each function
# takes the file's bytes and keyword arguments and returns (facts, bytes made).
TASKS = {
    "image": "portal.uploads.decoding:rewrite",
    "pdf": "portal.uploads.documents:read_pdf",
}

ROOT = Path(__file__).resolve().parents[2]
logger = logging.getLogger(__name__)


class Refused(Exception):
    """The file is not what it claims, or breaks a rule; ``code`` says which."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


class LimitExceeded(Exception):
    """The child ran out of time or memory, or died: the file cannot be used."""


@dataclass(frozen=True)
class Outcome:
    facts: dict
    data: bytes


def run(task: str, data: bytes, **arguments) -> Outcome:
    """Run ``task`` on ``data`` in a limited child.

    Raises Refused with the child's reason, or LimitExceeded when it was stopped.
    """
    command = [
        sys.executable,
        "-m",
        __name__,
        task,
        json.dumps(arguments),
        str(MEMORY_BYTES),
        str(CPU_SECONDS),
    ]
    try:
        with tempfile.TemporaryDirectory(prefix="portal-decode-") as empty:
            done = subprocess.run(
                command,
                input=data,
                capture_output=True,
                timeout=WALL_SECONDS,
                cwd=empty,
                env={"PYTHONPATH": str(ROOT)},
                check=False,
            )
    except subprocess.TimeoutExpired:
        # subprocess.run() has killed the child and waited for it.
        logger.warning("%s task stopped after %s s", task, WALL_SECONDS)
        raise LimitExceeded(task) from None
    if done.returncode != 0:
        logger.warning(
            "%s task ended with %s: %s",
            task,
            done.returncode,
            done.stderr[-500:].decode(errors="replace"),
        )
        raise LimitExceeded(task)
    header, _, made = done.stdout.partition(b"\n")
    try:
        facts = json.loads(header)
    except ValueError:
        # Anything but our line of JSON (a library writing to stdout) is unusable.
        logger.warning("%s task wrote no result line", task)
        raise LimitExceeded(task) from None
    if not isinstance(facts, dict):
        raise LimitExceeded(task)
    if "refused" in facts:
        raise Refused(facts["refused"])
    return Outcome(facts, made)


def limit_this_process(memory_bytes: int, cpu_seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    # The soft limit sends SIGXCPU, the hard one a second later SIGKILL.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    # SIGXCPU and PDFium's abort() would otherwise write a core file.
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main(argv: list[str]) -> None:
    task, arguments, memory_bytes, cpu_seconds = argv
    limit_this_process(int(memory_bytes), int(cpu_seconds))
    data = sys.stdin.buffer.read()
    module, function = TASKS[task].split(":")
    work = getattr(importlib.import_module(module), function)
    try:
        facts, made = work(data, **json.loads(arguments))
    except Refused as refusal:
        facts, made = {"refused": refusal.code}, b""
    sys.stdout.buffer.write(json.dumps(facts).encode() + b"\n" + made)


if __name__ == "__main__":
    # Through the imported module, not this __main__ copy, so that the tasks'
    # Refused is the class main() catches.
    from portal.uploads import sandbox

    sandbox.main(sys.argv[1:])
