"""The pre-commit hook and the GitHub Actions workflow run exactly the commands tested here."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
INSTALL = "pip install -e ."
"""The README's set-up command; the tests run in an environment where it has been run."""
CHECKS = ["lawtrack validate", "mkdocs build --strict"]
"""What the workflow runs after installing, in order, and what these tests run."""
COPY_IGNORE = shutil.ignore_patterns(
    ".git", "site", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".cache"
)


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def run_steps() -> list[str]:
    return [step["run"] for step in workflow()["jobs"]["build"]["steps"] if "run" in step]


def environment() -> dict[str, str]:
    """The environment of the workflow's steps, with this interpreter's scripts on PATH."""
    scripts = str(Path(sys.executable).parent)
    return {**os.environ, **workflow()["env"], "PATH": scripts + os.pathsep + os.environ["PATH"]}


def test_workflow_runs_exactly_the_tested_commands() -> None:
    assert run_steps() == [INSTALL, *CHECKS]


def test_workflow_installs_as_the_readme_says() -> None:
    assert f"{INSTALL} && mkdocs serve" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_workflow_builds_with_full_history_and_deploys_main_to_pages() -> None:
    data = workflow()
    triggers = data[True]  # PyYAML reads the key `on` as the boolean true (YAML 1.1)
    assert triggers["push"]["branches"] == ["main"]
    assert "pull_request" in triggers
    build, deploy = data["jobs"]["build"], data["jobs"]["deploy"]
    checkout = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0, "provenance needs the whole history"
    upload = next(s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "refs/heads/main" in deploy["if"]
    assert any("actions/deploy-pages" in s.get("uses", "") for s in deploy["steps"])
    assert data["permissions"] == {"contents": "read"}


def test_pre_commit_hook_runs_the_tested_validate_command() -> None:
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hook["id"] == "lawtrack-validate"
    assert hook["entry"] == CHECKS[0]
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False, "validate checks drafts/ as a whole"
    assert hook["files"] == "^drafts/"


@pytest.mark.slow
def test_workflow_commands_pass_on_a_fresh_copy(tmp_path: Path) -> None:
    """Run the steps as the workflow does, in a copy of the project (no git: 'not in git')."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
    for command in CHECKS:
        result = subprocess.run(
            shlex.split(command),
            cwd=copy,
            env=environment(),
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, f"{command}: {result.stdout}{result.stderr}"
    page = (copy / "site" / "ai-law" / "promulgated" / "index.html").read_text(encoding="utf-8")
    assert "not in git" in page


@pytest.mark.slow
def test_pre_commit_hook_fails_on_an_invalid_draft(tmp_path: Path) -> None:
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=COPY_IGNORE)
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    broken = copy / "drafts" / "ai-law" / "2025-06-04-promulgated.ja.md"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("date: 2025-06-04", "date: 2025-02-30")
    )
    result = subprocess.run(
        shlex.split(hook["entry"]), cwd=copy, env=environment(), capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "2025-06-04-promulgated.ja.md:" in result.stderr
