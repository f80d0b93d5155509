"""The shipped systemd units are ones systemd accepts, and run what they should."""

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "config/deploy"
UNIT = DEPLOY / "portal.service"
UNITS = sorted([*DEPLOY.glob("*.service"), *DEPLOY.glob("*.timer")])


def unit(path: Path = UNIT) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read_string(path.read_text(encoding="utf-8"))
    return parser


def test_the_unit_runs_gunicorn_with_the_projects_config_as_its_own_user():
    service = unit()["Service"]

    assert service["ExecStart"].endswith("gunicorn -c config/gunicorn.conf.py")
    assert service["User"] == "portal" and service["EnvironmentFile"]
    assert service["ExecReload"] == "/bin/kill -HUP $MAINPID"
    assert service["ReadWritePaths"] == "/srv/portal/var"
    assert service["NoNewPrivileges"] == "yes"


@pytest.mark.parametrize("name", sorted(path.name for path in DEPLOY.glob("*.service")))
def test_every_service_runs_as_the_site_does(name):
    # A job with other settings (another database, no retention period) would
    # work on something else than the site.
    site, service = unit()["Service"], unit(DEPLOY / name)["Service"]

    for key in ("User", "Group", "WorkingDirectory", "EnvironmentFile"):
        assert service[key] == site[key], key
    for key in ("NoNewPrivileges", "ProtectSystem", "ReadWritePaths"):
        assert service[key] == site[key], key


@pytest.mark.parametrize(
    "name,command,calendar",
    [
        ("portal-purge-requests", "manage.py purge_requests", "*-*-* 03:00:00"),
        ("portal-orphaned-files", "manage.py delete_orphaned_files", "*-*-* 04:00:00"),
        ("portal-send-mail", "manage.py send_queued_mail", "*:0/5"),
    ],
)
def test_each_timer_runs_its_job_and_catches_up_after_downtime(name, command, calendar):
    service = unit(DEPLOY / f"{name}.service")["Service"]
    timer = unit(DEPLOY / f"{name}.timer")["Timer"]

    assert service["Type"] == "oneshot"
    assert service["ExecStart"] == f"/srv/portal/.venv/bin/python {command}"
    assert timer["OnCalendar"] == calendar
    assert timer["Persistent"] == "true" and timer["RandomizedDelaySec"]
    assert unit(DEPLOY / f"{name}.timer")["Install"]["WantedBy"] == "timers.target"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd here")
@pytest.mark.parametrize("name", [path.name for path in UNITS])
def test_systemd_accepts_the_unit(tmp_path, name):
    # As installed, side by side (a timer needs its service): the paths pointing
    # at this checkout, whose gunicorn and python exist.
    for path in UNITS:
        (tmp_path / path.name).write_text(
            path.read_text(encoding="utf-8").replace("/srv/portal", str(ROOT)),
            encoding="utf-8",
        )

    result = subprocess.run(
        ["systemd-analyze", "verify", str(tmp_path / name)],
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0 and not result.stderr.strip(), result.stderr
