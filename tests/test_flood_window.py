"""The flood gate's moving window: the limit per sender, the window sliding, and memory that
holds only senders heard from within the last window (the gate runs on every update)."""

from __future__ import annotations

from bot.handlers.throttle import FloodGate, MovingWindow


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_sender_gets_the_limit_then_waits_for_the_window_to_slide():
    clock = FakeClock()
    window = MovingWindow(3, 60, clock=clock)
    assert [window.hit(7) for _ in range(4)] == [True, True, True, False]
    assert window.hit(8), "another sender is not affected"
    clock.now += 59.9
    assert not window.hit(7), "refused hits do not count, but the window has not moved yet"
    clock.now += 0.2
    assert [window.hit(7) for _ in range(4)] == [True, True, True, False]


def test_quiet_senders_are_forgotten_so_memory_stays_bounded():
    clock = FakeClock()
    window = MovingWindow(2, 60, clock=clock)
    for sender in range(1000):
        window.hit(sender)
    assert len(window) == 1000
    clock.now += 61
    window.hit(5000)
    assert len(window) == 1, "only the sender of the last window is kept"


def test_the_gate_admits_up_to_the_limit_and_notices_once_a_minute():
    clock = FakeClock()
    gate = FloodGate(2, clock=clock)
    assert [gate.admit(1), gate.admit(1), gate.admit(1)] == [True, True, False]
    assert [gate.first_notice(1), gate.first_notice(1)] == [True, False]
    clock.now += 60.5
    assert gate.first_notice(1) and gate.admit(1)
