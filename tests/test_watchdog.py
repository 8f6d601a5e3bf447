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


def _spin(cpu_seconds: float, wall_cap: float = 60.0) -> None:
    """Work until this thread has had ``cpu_seconds`` of CPU (not of wall time: beside two busy
    cores a 0.2 s wall-time spin got 0.03 s of CPU and the test failed 10 runs in 10)."""
    t0, w0 = time.thread_time(), time.monotonic()
    while time.thread_time() - t0 < cpu_seconds:
        assert time.monotonic() - w0 < wall_cap, "the thread got no CPU in a minute"


def test_the_thread_cpu_clock_is_read() -> None:
    """arm() finds the calling thread's CPU clock: it advances with this thread's work, not with
    its sleep, nor with another thread's work (a process clock would count that)."""
    w = _Watchdog.__new__(_Watchdog)
    w.lock, w.deadlines = threading.Lock(), {}
    w.arm("doc", 10)
    e = w.deadlines[threading.get_ident()]
    assert e.clock is not None
    c0 = time.clock_gettime(e.clock)
    time.sleep(0.2)
    other = threading.Thread(target=_spin, args=(0.2,))
    other.start()
    other.join()
    idle = time.clock_gettime(e.clock) - c0
    c1 = time.clock_gettime(e.clock)
    _spin(0.2)
    worked = time.clock_gettime(e.clock) - c1
    # idle: the sleep and the join cost this thread microseconds (0.05 s is a quarter of the other
    # thread's 0.2 s, so a process-wide clock fails); worked: the same clock as time.thread_time
    assert idle < 0.05, idle
    assert 0.19 < worked < 0.3, worked
    w.disarm()
    assert not w.deadlines
