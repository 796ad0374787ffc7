"""A real IMAP server for the mailbox-capture tests (issue 20 item 2): Debian's Dovecot,
started on a free 127.0.0.1 port with a throwaway configuration (plain-text login over
an unencrypted local port, maildirs in a temporary folder), stopped after the test."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USER, PASSWORD = "sam@example.com", "app-password-1"

CONFIG = """
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{d}/mail/%u
default_internal_user = dovecot
default_login_user = dovenull
mail_uid = dovecot
mail_gid = dovecot
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/passwd
}}
userdb {{
  driver = static
  args = uid=dovecot gid=dovecot home={d}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
namespace inbox {{
  inbox = yes
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
}}
"""


@dataclass
class Dovecot:
    port: int
    user: str = USER
    password: str = PASSWORD


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(name="dovecot")
def dovecot_server() -> Iterator[Dovecot]:
    if not Path(DOVECOT).exists():
        pytest.skip("Dovecot is not installed (apt-get install dovecot-imapd)")
    if os.geteuid() != 0:
        pytest.skip("this Dovecot configuration starts as root (mail as the dovecot user)")
    d = Path(tempfile.mkdtemp(prefix="salesops-dovecot-"))
    d.chmod(0o755)
    (d / "mail").mkdir(mode=0o777)
    (d / "mail").chmod(0o777)
    (d / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
    port = _free_port()
    (d / "dovecot.conf").write_text(CONFIG.format(d=d, port=port))
    # The daemon keeps no handle on the caller's output (a pipe would never close).
    subprocess.run(
        [DOVECOT, "-c", str(d / "dovecot.conf")],
        check=True,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    try:
        yield Dovecot(port)
    finally:
        for _ in range(200):
            if (d / "run" / "master.pid").exists():
                break
            time.sleep(0.05)
        pid = (d / "run" / "master.pid").read_text().strip()
        os.kill(int(pid), signal.SIGTERM)
        for _ in range(100):
            try:
                os.kill(int(pid), 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        shutil.rmtree(d, ignore_errors=True)
