"""Run a reader of untrusted bytes in a child process with limits.

``run_limited(func, data, limits=..., passthrough=(SomeRefusal,))`` forks the process, sets the
child's address-space (``RLIMIT_AS``, counted above what the process already maps) and CPU-time
(``RLIMIT_CPU``) limits, runs ``func(data)`` there and returns its result to the parent through a
pipe, waiting at most ``limits.wall_seconds``. A child that passes a limit (out of memory, out of
CPU time, too slow, a result over ``limits.max_result_bytes``, killed by a signal) is killed and
reported as ``TooComplex`` (“too complex to read”); an exception of a ``passthrough`` class raised
in the child (the reader's own documented refusals) is raised again in the parent; any other
exception in the child becomes ``Unreadable``. The server's worker never parses the bytes itself,
so a PDF, HTML or ZIP bomb costs one short-lived child, never the worker.

What this is not: a security boundary against code execution. The child runs as the same user
with the same files (it protects the server's memory and time, not its data).

``fork`` (not ``spawn``/``forkserver``) because the child then starts with Django and the
readers' libraries already imported: a fork costs a few milliseconds, a fresh interpreter with
pdfminer or juriscraper hundreds. The readers called here touch no database and no threads.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import resource
import select
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

logger = logging.getLogger(__name__)

ERROR_TOO_COMPLEX = "too complex to read (the file needs more memory or time than any real one would)"
ERROR_UNREADABLE = "the file could not be read"

T = TypeVar("T")

_OK, _PASSTHROUGH, _FAILED, _LIMIT = "ok", "passthrough", "failed", "limit"


class SandboxRefused(ValueError):
    """The file was not read; ``str(error)`` is the message for the user."""


class TooComplex(SandboxRefused):
    """The reader passed a memory, CPU-time, wall-clock or output limit."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(ERROR_TOO_COMPLEX)
        self.detail = detail


class Unreadable(SandboxRefused):
    """The reader failed in a way it does not document (logged with its traceback)."""

    def __init__(self) -> None:
        super().__init__(ERROR_UNREADABLE)


@dataclass(frozen=True)
class Limits:
    """What one read may use: memory above what the worker already maps, CPU seconds, seconds
    of wall-clock time (a child waiting on nothing is killed too), and the pickled result's size."""

    memory_bytes: int = 256 * 1024 * 1024
    cpu_seconds: int = 5
    wall_seconds: float = 8.0
    max_result_bytes: int = 16 * 1024 * 1024


DEFAULT_LIMITS = Limits()

# ``bench/bench_hostile.py`` turns the child process off to measure what it costs; nothing else does.
_enabled = True


def set_enabled(enabled: bool) -> None:
    """Run readers in a child process (the default) or, for a benchmark's comparison, in-process."""
    global _enabled
    _enabled = enabled


def run_limited(
    func: Callable[[Any], T],
    data: Any,
    *,
    limits: Limits = DEFAULT_LIMITS,
    passthrough: tuple[type[BaseException], ...] = (),
) -> T:
    """``func(data)`` computed in a child process within ``limits``; see the module's docstring."""
    if not _enabled:
        return func(data)
    read_end, write_end = os.pipe()
    # Frozen objects are left alone by the child's garbage collector, so it does not copy every
    # page of the worker's heap it inherits (the collector writes to each object it visits).
    gc.freeze()
    try:
        pid = os.fork()
    except BaseException:
        gc.unfreeze()
        os.close(read_end)
        os.close(write_end)
        raise
    if pid == 0:  # pragma: no cover - the child (coverage does not follow a fork's os._exit)
        os.close(read_end)
        _child(func, data, limits, passthrough, write_end)
    gc.unfreeze()
    os.close(write_end)
    try:
        payload, timed_out = _collect(read_end, limits)
    finally:
        os.close(read_end)
        status = _reap(pid)
    return _outcome(payload, timed_out, status)


def _child(func, data, limits: Limits, passthrough, write_end: int) -> None:  # pragma: no cover
    """Set the limits, run, write ``(kind, value)`` pickled to the pipe, and exit without running
    any of the parent's exit handlers (database connections, logging, temporary files)."""
    code = 0
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        _set_limits(limits)
        try:
            message: tuple[str, Any] = (_OK, func(data))
        except passthrough as refusal:
            message = (_PASSTHROUGH, refusal)
        except (MemoryError, RecursionError) as error:
            message = (_LIMIT, type(error).__name__)
        except Exception:  # reported to the parent, which logs it
            message = (_FAILED, traceback.format_exc(limit=20))
        try:
            payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            payload = pickle.dumps((_LIMIT, "MemoryError"))
        except Exception:  # an unpicklable result or refusal
            payload = pickle.dumps((_FAILED, traceback.format_exc(limit=5)))
        if len(payload) > limits.max_result_bytes:
            payload = pickle.dumps((_LIMIT, f"result of {len(payload)} bytes"))
        view = memoryview(payload)
        while view:
            view = view[os.write(write_end, view) :]
    except BaseException:  # whatever happens, the child must not return
        code = 1
    finally:
        os._exit(code)


def _set_limits(limits: Limits) -> None:  # pragma: no cover - runs in the child
    mapped = _mapped_bytes()
    memory = mapped + limits.memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 1))


def _mapped_bytes() -> int:
    """The process's virtual size now (the limit counts only what the reader adds to it)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def _collect(read_end: int, limits: Limits) -> tuple[bytes, bool]:
    """Everything the child writes until it closes the pipe, or ``timed_out`` at the deadline."""
    deadline = time.monotonic() + limits.wall_seconds
    chunks: list[bytes] = []
    size = 0
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return b"", True
        ready, _, _ = select.select([read_end], [], [], remaining)
        if not ready:
            return b"", True
        chunk = os.read(read_end, 1 << 20)
        if not chunk:
            return b"".join(chunks), False
        size += len(chunk)
        if size > limits.max_result_bytes + 4096:
            return b"", True
        chunks.append(chunk)


def _reap(pid: int) -> int:
    """The child's exit status, killing it first if it is still running (past the deadline)."""
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        return status
    os.kill(pid, signal.SIGKILL)
    return os.waitpid(pid, 0)[1]


def _outcome(payload: bytes, timed_out: bool, status: int) -> Any:
    if timed_out:
        raise TooComplex("wall-clock limit")
    if not payload:
        raise TooComplex(f"child ended without a result ({_describe(status)})")
    kind, value = pickle.loads(payload)  # noqa: S301 - our own child's message
    if kind == _OK:
        return value
    if kind == _PASSTHROUGH:
        raise value
    if kind == _LIMIT:
        raise TooComplex(value)
    logger.error("A sandboxed reader failed:\n%s", value)
    raise Unreadable()


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exit status {os.WEXITSTATUS(status)}"
