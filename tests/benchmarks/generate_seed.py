"""Write a seed document of N entries in the scraped format (for import benchmarks).

    python tests/benchmarks/generate_seed.py 10000 > /tmp/seed-10000.txt

The mix follows the real seeds: mostly news with one-line bodies that carry
highlights, numbered and circled items; some videos, publications and partners; and
a Korean question block at the end. A third of the posts show their old-site
address, as detail pages do, so the import records redirects for them.
"""

import random
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

WORDS = (
    "Seoul city policy citizens transport housing climate card program support "
    "public facilities safety welfare district residents budget project plan"
).split()
KOREAN = "서울 시민 정책 공유 도시 교통 주택 기후 지원 안전 복지".split()


def sentence(rng: random.Random, words: int = 14) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def body(rng: random.Random) -> str:
    parts = [f"- {sentence(rng, 8)[:-1]} - {sentence(rng, 6)[:-1]}  "]
    parts += [sentence(rng) for _ in range(rng.randint(6, 20))]
    parts.append("1. First measure 2. Second measure 3. Third measure.")
    parts.append("<Details> ① one item ② another item ※ A note website (, and portal (")
    parts += [sentence(rng) for _ in range(rng.randint(3, 10))]
    return " ".join(parts)


def entries(count: int, seed: int = 2024):
    rng = random.Random(seed)
    start = date(2015, 1, 1)
    for number in range(count):
        day = start + timedelta(days=rng.randrange(3650))
        roll = rng.random()
        if roll < 0.05:
            yield f"• CITY-{number} 로고이미지"
            continue
        if roll < 0.15:
            title = f"[Video] {sentence(rng, 5)[:-1]} {number}"
        elif roll < 0.25:
            title = f"Seoul Research Report {number}: {sentence(rng, 6)[:-1]}"
        elif roll < 0.30:
            title = f"{' '.join(rng.choice(KOREAN) for _ in range(5))} {number}"
        else:
            title = f"{sentence(rng, 8)[:-1]} {number}"
        if rng.random() < 0.1:
            title = title[:60] + ".."
        lines = [f"  • {title}", f"    등록일 {day.isoformat()} 글쓴이 seoulsolution"]
        if rng.random() < 0.3:
            # A detail page's capture shows the item's old address.
            lines.append(f"    https://www.seoulsolution.kr/en/node/{10_000 + number}")
        if not title.startswith("[Video]"):
            lines.append(f"    {body(rng)}")
        yield "\n".join(lines)
    yield "• 공유도시(Sharing City) 서울은?\n\n공유가 활성화된 도시입니다.\n"


def import_entries(env: dict[str, str], count: int) -> None:
    """Import a document of ``count`` generated entries into the site ``env``
    describes (tests/support/served_site.py); the document stays in its
    DJANGO_VAR_DIR."""
    root = Path(__file__).resolve().parents[2]
    document = Path(env["DJANGO_VAR_DIR"]) / "corpus.txt"
    document.write_text("\n".join(entries(count)) + "\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "manage.py", "import_seeds", str(document), "-v", "0"],
        cwd=root,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    sys.stdout.write("\n".join(entries(count)) + "\n")


if __name__ == "__main__":
    main()
