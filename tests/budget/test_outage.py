"""The outage bookkeeping on its own, on a fake clock: what a burst of calls in flight does."""

from __future__ import annotations

from binance_coinm.budget.outage import Outage


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_slow_answer_to_a_question_asked_before_the_outage_does_not_end_it() -> None:
    clock = FakeMonotonic()
    outage = Outage("the store", probe_after=1.0, clock=clock, fallback="alone")
    asked_early = outage.may_ask()
    assert asked_early is not None
    outage.failed("no answer")  # another call in flight found the store away
    outage.answered(asked_early)
    assert outage.may_ask() is None  # still backing off: only the probe's answer ends it


def test_the_probe_s_answer_ends_the_outage() -> None:
    clock = FakeMonotonic()
    outage = Outage("the store", probe_after=1.0, clock=clock, fallback="alone")
    outage.failed("no answer")
    clock.now += 1.0
    probe = outage.may_ask()
    assert probe is not None
    assert outage.may_ask() is None  # one probe at a time
    outage.answered(probe)
    assert outage.may_ask() is not None
