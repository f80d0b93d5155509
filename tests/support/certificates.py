"""Throwaway TLS certificates for the servers the tests start on loopback."""

import ipaddress
import subprocess
from pathlib import Path


def self_signed(folder: Path, host: str) -> tuple[Path, Path]:
    """(certificate, key) for ``host`` (a name or an address), valid a day,
    made with openssl; the name is also a subject alternative name, which
    clients that verify (Python's ssl) require."""
    try:
        alternative = f"IP:{ipaddress.ip_address(host)}"
    except ValueError:
        alternative = f"DNS:{host}"
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
            f"/CN={host}",
            "-addext",
            f"subjectAltName={alternative}",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key
