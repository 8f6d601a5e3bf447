"""The worker watchdog (scale._Watchdog): ends a worker for a hang, never for a loaded machine.

A document's thread that works past the limit (CPU), or sits past it in wall time doing nothing
(a wait), is over; one that is slow in wall time only because the machine is busy (its CPU clock
still advancing) is not, up to the cap of ten times the limit.
"""
from __future__ import annotations

import threading
import time

from warcount.scale import _Armed, _Watchdog


def entry(limit: float, wall0: float = 0.0, cpu0: float = 0.0) -> _Armed:
    return _Armed("doc", limit, wall0, 1, cpu0, cpu0, wall0)


def test_work_past_the_limit_is_an_overrun() -> None:
    e = entry(40)
    assert not _Watchdog.overrun(e, now=20, cpu=20)
    assert _Watchdog.overrun(e, now=41, cpu=40.5)


def test_a_loaded_machine_is_not_an_overrun() -> None:
    """Nine processes on two cores: 40 s of wall time gave the document 5 s of CPU."""
    e = entry(40)
    for now in range(1, 200):
        assert not _Watchdog.overrun(e, now=now, cpu=now * 0.12), now


def test_waiting_past_the_limit_is_an_overrun() -> None:
    e = entry(2)
    assert not _Watchdog.overrun(e, now=1, cpu=0.3)  # worked a little, then waits
    assert not _Watchdog.overrun(e, now=2.5, cpu=0.3)  # past the limit but idle only 1.5 s
    assert _Watchdog.overrun(e, now=3.5, cpu=0.3)  # idle 2.5 s, past the limit


def test_the_wall_cap_holds_whatever_the_cpu() -> None:
    busy = entry(2)
    assert not _Watchdog.overrun(busy, now=19, cpu=1.9)
    assert _Watchdog.overrun(busy, now=20.5, cpu=1.95)  # crawling: ten times the limit in wall time


def test_the_thread_cpu_clock_is_read() -> None:
    """arm() finds the calling thread's CPU clock, and it advances with work, not with sleep."""
    w = _Watchdog.__new__(_Watchdog)
    w.lock, w.deadlines = threading.Lock(), {}
    w.arm("doc", 10)
    e = w.deadlines[threading.get_ident()]
    assert e.clock is not None
    c0 = time.clock_gettime(e.clock)
    time.sleep(0.2)
    slept = time.clock_gettime(e.clock) - c0
    t = time.perf_counter()
    while time.perf_counter() - t < 0.2:
        pass
    worked = time.clock_gettime(e.clock) - c0 - slept
    assert slept < 0.05 and worked > 0.1
    w.disarm()
    assert not w.deadlines
