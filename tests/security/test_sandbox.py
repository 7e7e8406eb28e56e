"""``orders.sandbox.run_limited``: a reader of untrusted bytes runs in a child process that is
stopped at its memory, CPU-time and wall-clock limits; its result or documented refusal comes
back, and the calling process is unaffected."""

import os
import re
import resource
import time

import pytest

from orders.sandbox import ERROR_TOO_COMPLEX, ERROR_UNREADABLE, Limits, TooComplex, Unreadable, run_limited

SMALL = Limits(memory_bytes=64 * 1024 * 1024, cpu_seconds=1, wall_seconds=3.0)


class Refusal(ValueError):
    pass


def _upper(data: bytes) -> bytes:
    return data.upper()


def _pid(_data) -> int:
    return os.getpid()


def _refuse(data: bytes):
    raise Refusal(f"not this: {data.decode()}")


def _crash(_data):
    raise KeyError("a bug")


def _allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))


def _spin(_data):
    while True:
        pass


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


def _huge_result(_data) -> str:
    return "x" * (32 * 1024 * 1024)


def test_the_result_comes_back_from_a_child_process():
    assert run_limited(_upper, b"order", limits=SMALL) == b"ORDER"
    assert run_limited(_pid, None, limits=SMALL) != os.getpid()


def test_a_documented_refusal_passes_through_with_its_message():
    with pytest.raises(Refusal, match="not this: x"):
        run_limited(_refuse, b"x", limits=SMALL, passthrough=(Refusal,))


def test_any_other_exception_is_a_plain_refusal_not_a_crash():
    with pytest.raises(Unreadable, match=re.escape(ERROR_UNREADABLE)):
        run_limited(_crash, b"", limits=SMALL, passthrough=(Refusal,))


def test_memory_past_the_limit_is_too_complex_and_the_caller_keeps_its_memory():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert run_limited(_allocate, 16, limits=SMALL) == 16 * 1024 * 1024
    with pytest.raises(TooComplex, match=re.escape(ERROR_TOO_COMPLEX)):
        run_limited(_allocate, 512, limits=SMALL)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 64 * 1024  # KB: < 64 MB


def test_cpu_time_past_the_limit_is_too_complex():
    started = time.monotonic()
    with pytest.raises(TooComplex):
        run_limited(_spin, None, limits=SMALL)
    assert time.monotonic() - started < 3.5


def test_a_child_that_waits_past_the_wall_clock_limit_is_killed():
    started = time.monotonic()
    with pytest.raises(TooComplex):
        run_limited(_sleep, 30, limits=Limits(wall_seconds=0.5))
    assert time.monotonic() - started < 2


def test_a_result_past_its_size_limit_is_refused():
    with pytest.raises(TooComplex):
        run_limited(_huge_result, None, limits=Limits(max_result_bytes=1024 * 1024))


def test_no_child_is_left_behind():
    for _ in range(5):
        with pytest.raises(TooComplex):
            run_limited(_sleep, 30, limits=Limits(wall_seconds=0.05))
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)
