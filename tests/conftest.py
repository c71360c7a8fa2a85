"""Shared fixtures: the project, the CLI runner, a strictly built site, a server and a browser.

Browser tests skip when Chromium is missing, unless LAWTRACK_REQUIRE_BROWSER=1 (set by CI),
which turns a missing browser into a failure.
"""

from __future__ import annotations

import ast
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def importers_of(*packages: str) -> list[str]:
    """The modules of the lawtrack package that import any of these top-level packages.

    Paths relative to the project, sorted; for the one-adapter-per-library checks.
    """
    found = []
    for path in sorted((ROOT / "scripts" / "lawtrack").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name.split(".")[0] in packages for name in names):
                found.append(path.relative_to(ROOT).as_posix())
                break
    return found


@pytest.fixture(scope="session")
def project_root() -> Path:
    """The repository root (holds mkdocs.yml and drafts/)."""
    return ROOT


@pytest.fixture
def runner() -> CliRunner:
    """A click runner for the lawtrack CLI."""
    return CliRunner()


def mkdocs_build(
    config: Path, site_dir: Path, *, strict: bool = True, quiet: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run a real `mkdocs build` (in a subprocess, as a user would) into `site_dir`."""
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site_dir)]
    if quiet:
        command.append("-q")
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        command, capture_output=True, text=True, env=env, check=False, cwd=config.parent
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped site, built once per session with `mkdocs build --strict`."""
    site = tmp_path_factory.mktemp("site") / "site"
    result = mkdocs_build(ROOT / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served over HTTP on 127.0.0.1 (a random free port)."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def find_chromium() -> str | None:
    """The Chromium executable, if installed."""
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """A headless Chromium driven by Playwright (Debian's /usr/bin/chromium)."""
    executable = find_chromium()
    if executable is None:
        if os.environ.get("LAWTRACK_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required (LAWTRACK_REQUIRE_BROWSER=1) but not installed")
        pytest.skip("Chromium not installed; set LAWTRACK_REQUIRE_BROWSER=1 to make this a failure")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh browser page that records console errors and outside requests.

    `page.console_errors` lists console messages of type error; `page.outside_requests` lists
    requests to any host other than 127.0.0.1.
    """
    context = browser.new_context()  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.console_errors = []
    tab.outside_requests = []
    tab.on(
        "console",
        lambda message: message.type == "error" and tab.console_errors.append(message.text),
    )
    tab.on("pageerror", lambda error: tab.console_errors.append(str(error)))

    def watch(request: object) -> None:
        address = request.url  # type: ignore[attr-defined]
        if address.startswith(("http://", "https://")) and not address.startswith(
            "http://127.0.0.1"
        ):
            tab.outside_requests.append(address)

    tab.on("request", watch)
    yield tab
    context.close()
