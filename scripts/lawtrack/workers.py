"""Independent tasks on every core the build may use: forked worker processes, results in order.

MkDocs converts pages on one core. The plugin's work before that (aligning and diffing every
pair of versions, rendering the families of pages) is made of independent tasks; on the 2-core
machines the project is measured on, the second core was idle all along (docs/performance.md).
`run` shares the tasks between this process and forked copies of it: each process takes the
next task not yet taken, and the results come back in the order of the tasks.

Deterministic: a task's result does not depend on which process computed it, so the same drafts
give the same site with any number of processes (tests/test_workers.py, test_determinism).
Tasks run one after another in this process when there is one CPU, when `LAWTRACK_JOBS=1`, when
the platform cannot fork, when other threads are running (a forked copy would inherit their
locks: `mkdocs serve` has its server's), and inside a worker.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
import traceback
from typing import TYPE_CHECKING, Any, TypeVar

from lawtrack.errors import LawtrackError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from multiprocessing.connection import Connection
    from multiprocessing.sharedctypes import Synchronized

T = TypeVar("T")

ENV = "LAWTRACK_JOBS"
"""How many processes may work at once (a whole number; 1 turns the workers off)."""

_in_worker = False
"""True in a forked worker, where `run` does not fork again."""


def requested() -> int | None:
    """The number of processes set in `LAWTRACK_JOBS`, or None when it is not set.

    Raises:
        LawtrackError: When it is not a whole number of at least 1.
    """
    value = os.environ.get(ENV, "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise LawtrackError(f"{ENV}={value!r}: expected a whole number of processes, 1 or more")
    return int(value)


def jobs() -> int:
    """The processes `run` may use: `LAWTRACK_JOBS` if set, else the CPUs this process may use.

    Raises:
        LawtrackError: When `LAWTRACK_JOBS` is not a whole number of at least 1.
    """
    chosen = requested()
    if chosen is not None:
        return chosen
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether worker processes may be forked from this one now."""
    return (
        not _in_worker
        and threading.active_count() == 1
        and "fork" in multiprocessing.get_all_start_methods()
    )


def run(
    tasks: Sequence[Callable[[], T]],
    *,
    processes: int | None = None,
    order: Sequence[int] | None = None,
) -> list[T]:
    """Every task's result, in the order of `tasks`.

    Args:
        tasks: Functions without arguments. In a worker they see this process's memory as it
            was when `run` was called; their results must be picklable.
        processes: How many processes may work at once, this one included (default `jobs()`).
        order: The order in which the tasks are taken (indexes into `tasks`; default their
            own). Longest first keeps the processes busy until the end.

    Raises:
        Whatever a task raised (with the worker's traceback added as a note), or LawtrackError
        when a worker process died without sending its results.
    """
    sequence = list(order) if order is not None else list(range(len(tasks)))
    if sorted(sequence) != list(range(len(tasks))):
        raise ValueError(f"order {sequence} is not an order of {len(tasks)} tasks")
    count = min(processes if processes is not None else jobs(), len(tasks))
    if count <= 1 or not can_fork():
        results = {index: tasks[index]() for index in sequence}
        return [results[index] for index in range(len(tasks))]
    context = multiprocessing.get_context("fork")
    taken = context.Value("i", 0)
    workers: list[tuple[Any, Connection]] = []
    # The objects that exist now are never freed by a worker: frozen, its garbage collector
    # leaves them alone instead of writing to every page of memory it shares with this one.
    gc.freeze()
    try:
        for _ in range(count - 1):
            receive, send = context.Pipe(duplex=False)
            process = context.Process(
                target=_work, args=(tasks, sequence, taken, send), daemon=True
            )
            process.start()
            send.close()
            workers.append((process, receive))
        results = {}
        while (index := _take(taken, sequence)) is not None:
            results[index] = tasks[index]()
        for process, receive in workers:
            results.update(_receive(process, receive))
    finally:
        gc.unfreeze()
        for process, receive in workers:
            receive.close()
            if process.is_alive():
                process.terminate()
            process.join()
    return [results[index] for index in range(len(tasks))]


def _take(taken: Synchronized[int], sequence: Sequence[int]) -> int | None:
    """The next task no process has taken yet, or None when all are taken."""
    with taken.get_lock():
        position = taken.value
        if position >= len(sequence):
            return None
        taken.value = position + 1
    return sequence[position]


def _work(
    tasks: Sequence[Callable[[], Any]],
    sequence: Sequence[int],
    taken: Synchronized[int],
    send: Connection,
) -> None:
    """A worker's life: take tasks until none is left, then send the results one by one.

    One by one, so that neither side ever holds the pickled form of all of them at once.
    """
    global _in_worker  # this process is a forked copy: the parent's stays False
    _in_worker = True
    done: list[tuple[int, Any]] = []
    try:
        while (index := _take(taken, sequence)) is not None:
            done.append((index, tasks[index]()))
    except BaseException as error:  # sent to the parent, which raises it
        _send(send, ("failed", (error, traceback.format_exc())))
        return
    for index, result in done:
        _send(send, ("result", (index, result)))
    _send(send, ("done", None))
    send.close()


def _send(send: Connection, message: tuple[str, Any]) -> None:
    try:
        send.send(message)
    except Exception as error:  # an unpicklable result or exception
        send.send(("failed", (LawtrackError(f"a worker could not send its results: {error}"), "")))


def _receive(process: Any, receive: Connection) -> list[tuple[int, Any]]:
    """A worker's results; its exception raised here."""
    done: list[tuple[int, Any]] = []
    while True:
        try:
            status, payload = receive.recv()
        except EOFError:
            process.join()
            raise LawtrackError(
                f"a worker process ended without its results (exit code {process.exitcode});"
                f" {ENV}=1 builds in one process"
            ) from None
        if status == "done":
            return done
        if status == "failed":
            error, trace = payload
            if trace:
                error.add_note(f"in a lawtrack worker process:\n{trace}")
            raise error
        done.append(payload)
