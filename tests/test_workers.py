"""lawtrack.workers: tasks shared between forked processes, results in order, errors raised.

And the site rendered by several processes is the site rendered by one (render_site); the
built site is compared byte for byte in test_determinism.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build
from lawtrack import workers
from lawtrack.analysis import analyze
from lawtrack.corpus import load_corpus
from lawtrack.errors import LawtrackError
from lawtrack.pages import render_site


def fresh(check: str) -> None:
    """Run `check` of this module in a new Python process.

    Forking needs a process without other threads, and the session's browser fixtures leave a
    server thread in this one; in a fresh process the forking path is really taken.
    """
    code = f"import test_workers as t; t.{check}()"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "tests"), *sys.path])}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]


def _square(number: int) -> int:
    return number * number


def _slow_pid(_: int) -> int:
    time.sleep(0.2)
    return os.getpid()


@pytest.mark.parametrize("processes", [1, 2, 3, 8])
def test_results_come_back_in_the_order_of_the_tasks(processes: int) -> None:
    tasks = [functools.partial(_square, n) for n in range(25)]
    assert workers.run(tasks, processes=processes) == [n * n for n in range(25)]


@pytest.mark.parametrize("processes", [1, 2])
def test_a_taking_order_changes_only_who_does_what(processes: int) -> None:
    tasks = [functools.partial(_square, n) for n in range(6)]
    order = [5, 4, 3, 2, 1, 0]
    assert workers.run(tasks, processes=processes, order=order) == [n * n for n in range(6)]


def test_an_order_must_name_every_task_once() -> None:
    tasks = [functools.partial(_square, n) for n in range(3)]
    with pytest.raises(ValueError, match="not an order of 3 tasks"):
        workers.run(tasks, processes=2, order=[0, 0, 1])


def check_the_work_is_shared() -> None:
    assert workers.can_fork()
    pids = workers.run([functools.partial(_slow_pid, n) for n in range(6)], processes=2)
    assert len(set(pids)) == 2
    assert os.getpid() in pids


def test_the_work_is_shared() -> None:
    fresh("check_the_work_is_shared")


def test_one_process_when_threads_are_running() -> None:
    """A forked copy would inherit other threads' locks (mkdocs serve runs a server thread)."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not workers.can_fork()
        pids = workers.run([functools.partial(_slow_pid, n) for n in range(3)], processes=2)
    finally:
        stop.set()
        thread.join()
    assert set(pids) == {os.getpid()}


def _fails_in_worker(parent: int, _: int) -> int:
    time.sleep(0.1)
    if os.getpid() != parent:
        raise ValueError("broken in a worker")
    return 1


def _dies_in_worker(parent: int, _: int) -> int:
    time.sleep(0.1)
    if os.getpid() != parent:
        os._exit(3)
    return 1


def check_a_worker_error_is_raised_here_with_its_traceback() -> None:
    tasks = [functools.partial(_fails_in_worker, os.getpid(), n) for n in range(4)]
    with pytest.raises(ValueError, match="broken in a worker") as caught:
        workers.run(tasks, processes=2)
    notes = "\n".join(getattr(caught.value, "__notes__", []))
    assert "in a lawtrack worker process" in notes
    assert "_fails_in_worker" in notes


def test_a_worker_error_is_raised_here_with_its_traceback() -> None:
    fresh("check_a_worker_error_is_raised_here_with_its_traceback")


def _unpicklable_in_worker(parent: int, _: int) -> object:
    time.sleep(0.1)
    if os.getpid() != parent:
        return threading.Lock()  # cannot be pickled back to the parent
    return 1


def check_a_result_that_cannot_be_sent_is_an_error() -> None:
    tasks = [functools.partial(_unpicklable_in_worker, os.getpid(), n) for n in range(4)]
    with pytest.raises(LawtrackError, match="a worker could not send its results"):
        workers.run(tasks, processes=2)


def test_a_result_that_cannot_be_sent_is_an_error() -> None:
    fresh("check_a_result_that_cannot_be_sent_is_an_error")


def check_a_dead_worker_is_an_error_not_missing_pages() -> None:
    tasks = [functools.partial(_dies_in_worker, os.getpid(), n) for n in range(4)]
    with pytest.raises(LawtrackError, match=r"ended without its results \(exit code 3\)"):
        workers.run(tasks, processes=2)


def test_a_dead_worker_is_an_error_not_missing_pages() -> None:
    fresh("check_a_dead_worker_is_an_error_not_missing_pages")


@pytest.mark.parametrize(("value", "expected"), [("1", 1), ("3", 3), (" 2 ", 2)])
def test_lawtrack_jobs_sets_the_number(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: int
) -> None:
    monkeypatch.setenv(workers.ENV, value)
    assert workers.jobs() == expected
    assert workers.requested() == expected


@pytest.mark.parametrize("value", ["0", "two", "-1", "1.5"])
def test_a_bad_lawtrack_jobs_is_refused(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(workers.ENV, value)
    with pytest.raises(LawtrackError, match=r"LAWTRACK_JOBS=.*expected a whole number"):
        workers.jobs()


def test_without_lawtrack_jobs_every_usable_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(workers.ENV, raising=False)
    assert workers.requested() is None
    assert workers.jobs() == len(os.sched_getaffinity(0))


def check_the_site_is_the_same_rendered_by_several_processes() -> None:
    corpus = load_corpus(Path(ROOT), "drafts").corpus
    assert corpus is not None
    analysis = analyze(corpus)
    one = render_site(corpus, analysis, processes=1)
    for processes in (2, 3):
        several = render_site(corpus, analysis, processes=processes)
        assert [p.src for p in several.pages] == [p.src for p in one.pages]
        assert several.pages == one.pages
        assert several.files == one.files
        assert several.nav == one.nav


def test_the_site_is_the_same_rendered_by_several_processes() -> None:
    fresh("check_the_site_is_the_same_rendered_by_several_processes")


def test_a_bad_lawtrack_jobs_stops_the_build_with_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(workers.ENV, "zero")
    done = mkdocs_build(ROOT / "mkdocs.yml", tmp_path / "site")
    assert done.returncode == 1
    assert "LAWTRACK_JOBS='zero': expected a whole number of processes" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "site" / "index.html").exists()
