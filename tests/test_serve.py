"""`mkdocs serve` rebuilds when a draft changes (the plugin watches drafts/)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import FIXTURES

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, predicate, timeout: float = 60.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = fetch(url)
        if body is not None and predicate(body):
            return body
        time.sleep(0.3)
    raise AssertionError(f"{url} did not change in {timeout} s")


def test_editing_a_draft_rebuilds_the_page(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "bad" / "_base", project)
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/demo/v1/"
        wait_for(url, lambda body: "第一条（目的）" in body)
        draft = project / "drafts/demo/2025-01-01-v1.ja.md"
        draft.write_text(
            draft.read_text(encoding="utf-8").replace("（目的）", "（趣旨）"), encoding="utf-8"
        )
        wait_for(url, lambda body: "第一条（趣旨）" in body)
        added = project / "drafts/demo/2025-02-01-v2.ja.md"
        added.write_text(
            draft.read_text(encoding="utf-8")
            .replace("v1", "v2")
            .replace("2025-01-01", "2025-02-01"),
            encoding="utf-8",
        )
        wait_for(f"http://127.0.0.1:{port}/demo/v2/", lambda body: "第一条（趣旨）" in body)
    finally:
        server.terminate()
        server.wait(timeout=20)
