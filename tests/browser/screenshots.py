"""Screenshots of the home page and a post, desktop and phone, in Korean, English,
Arabic (right to left) and Chinese: one language of each script the site serves.

    make screenshots       # or: .venv/bin/python tests/browser/screenshots.py

Serves the seeded portal under gunicorn and writes docs/screenshots/*.jpg, which the
README shows.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
# tests.browser.conftest reads the declared languages from the settings.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.conftest import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    INSTALL_HINT,
    PHONE,
)
from tests.browser.lighthouse import PAGES  # noqa: E402
from tests.support.served_site import served_site  # noqa: E402

OUT = ROOT / "docs/screenshots"
SHOTS = {"home": PAGES["home"], "post": PAGES["post"]}
DEVICES = {"desktop": (DESKTOP, 1), "phone": (PHONE, 2)}
LANGUAGES = ("ko", "en", "ar", "zh-hans")


def main() -> int:
    if not CHROMIUM:
        print(INSTALL_HINT)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with served_site() as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        for device, (viewport, scale) in DEVICES.items():
            context = browser.new_context(viewport=viewport, device_scale_factor=scale)
            page = context.new_page()
            for lang in LANGUAGES:
                for name, path in SHOTS.items():
                    page.goto(base + path.format(lang=lang))
                    target = OUT / f"{name}-{lang}-{device}.jpg"
                    page.screenshot(path=target, type="jpeg", quality=80)
                    print(target.relative_to(ROOT))
            context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
