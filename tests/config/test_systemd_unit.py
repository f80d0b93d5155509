"""The shipped systemd unit is one systemd accepts, and runs what it should."""

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UNIT = ROOT / "config/deploy/portal.service"


def unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read_string(UNIT.read_text(encoding="utf-8"))
    return parser


def test_the_unit_runs_gunicorn_with_the_projects_config_as_its_own_user():
    service = unit()["Service"]

    assert service["ExecStart"].endswith("gunicorn -c config/gunicorn.conf.py")
    assert service["User"] == "portal" and service["EnvironmentFile"]
    assert service["ExecReload"] == "/bin/kill -HUP $MAINPID"
    assert service["ReadWritePaths"] == "/srv/portal/var"
    assert service["NoNewPrivileges"] == "yes"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd here")
def test_systemd_accepts_the_unit(tmp_path):
    # As installed: the paths pointing at this checkout, whose gunicorn exists.
    copy = tmp_path / "portal.service"
    copy.write_text(
        UNIT.read_text(encoding="utf-8").replace("/srv/portal", str(ROOT)),
        encoding="utf-8",
    )

    result = subprocess.run(
        ["systemd-analyze", "verify", str(copy)], capture_output=True, text=True
    )

    assert result.returncode == 0 and not result.stderr.strip(), result.stderr
