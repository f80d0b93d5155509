"""The shipped nginx configuration passes ``nginx -t`` as Debian's nginx reads it."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "config/deploy/nginx.conf"
NGINX = shutil.which("nginx") or shutil.which("/usr/sbin/nginx")
INSTALL_HINT = "nginx is not installed: apt-get install nginx openssl"


@pytest.fixture
def nginx():
    if NGINX and shutil.which("openssl"):
        return NGINX
    if os.environ.get("PORTAL_REQUIRE_NGINX"):
        pytest.fail(INSTALL_HINT)
    pytest.skip(INSTALL_HINT)


def self_signed(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "fullchain.pem", folder / "privkey.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=policy.example.org",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def site_config(folder: Path) -> str:
    """The shipped file with this machine's paths, as an operator edits it."""
    cert, key = self_signed(folder)
    return (
        SITE.read_text(encoding="utf-8")
        .replace("/etc/ssl/portal/fullchain.pem", str(cert))
        .replace("/etc/ssl/portal/privkey.pem", str(key))
        .replace("/var/cache/nginx/portal", str(folder / "cache"))
        .replace("/srv/portal", str(ROOT))
    )


def main_config(folder: Path, site: Path) -> str:
    """What Debian's /etc/nginx/nginx.conf does around a sites-enabled file."""
    mime = (
        "include /etc/nginx/mime.types;"
        if Path("/etc/nginx/mime.types").exists()
        else ""
    )
    return f"""
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 256; }}
http {{
    {mime}
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {site};
}}
"""


def test_the_shipped_nginx_configuration_passes_nginx_t(nginx, tmp_path):
    site = tmp_path / "portal.conf"
    site.write_text(site_config(tmp_path), encoding="utf-8")
    main = tmp_path / "nginx.conf"
    main.write_text(main_config(tmp_path, site), encoding="utf-8")

    result = subprocess.run(
        [nginx, "-t", "-c", str(main), "-p", str(tmp_path)],
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_the_configuration_keeps_what_the_deployment_needs():
    text = SITE.read_text(encoding="utf-8")

    assert "return 301 https://$host$request_uri;" in text
    assert "listen 443 ssl" in text and "ssl_certificate " in text
    assert "proxy_buffering on;" in text and "proxy_request_buffering on;" in text
    assert 'add_header Cache-Control "public, max-age=31536000, immutable";' in text
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in text
    for bypass in ("sessionid=", "/search/", "/preview/", "/admin/"):
        assert bypass in text
