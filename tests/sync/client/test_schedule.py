"""RoundScheduler, the one sync schedule of the daemon and both GUIs: pure, stepped by hand."""

from __future__ import annotations

import random

import pytest

from sync import backoff
from sync.errors import SyncPermanentError, SyncTransientError
from sync.report import SyncReport
from sync.schedule import Outcome, Plan, RoundScheduler, Step, outcome_of, outcome_of_error
from tests.sync_samples import OK_REPORT, LongestJitter, sync_report


def failed(code: str, retry_after: float | None = None) -> SyncReport:
    return sync_report(ok=False, error_code=code, retry_after_s=retry_after)


def scheduler(interval: float | None = 30.0, seed: int = 7) -> RoundScheduler:
    return RoundScheduler(interval=interval, probe_interval=1.0, rng=random.Random(seed))


@pytest.mark.parametrize(
    ("report", "outcome"),
    [
        (OK_REPORT, Outcome.OK),
        (failed("unreachable"), Outcome.UNREACHABLE),
        (failed("timeout"), Outcome.UNREACHABLE),
        (failed("network"), Outcome.UNREACHABLE),
        (failed("tls"), Outcome.NO_LINK),
        (failed("pin_mismatch"), Outcome.NO_LINK),
        (failed("bad_url"), Outcome.NO_LINK),
        (failed("rate_limited", 5.0), Outcome.ANSWERED),
        (failed("http_503"), Outcome.ANSWERED),
        (failed("validation"), Outcome.ANSWERED),
        (failed("bad_reply"), Outcome.ANSWERED),
    ],
)
def test_a_report_is_classified_by_what_the_platform_did(report: SyncReport, outcome: Outcome) -> None:
    assert outcome_of(report) is outcome


def test_a_raised_error_is_classified_by_its_code() -> None:
    down = SyncTransientError("连不上省级平台", "refused", code="unreachable", unreachable=True)
    refused = SyncPermanentError("数据不符合规范", "HTTP 422", code="validation")
    assert outcome_of_error(down) is Outcome.UNREACHABLE
    assert outcome_of_error(refused) is Outcome.ANSWERED
    assert outcome_of_error(OSError("disk full")) is Outcome.LOCAL, (
        "a local failure says nothing of the platform"
    )


def test_all_well_means_one_round_per_interval_or_only_when_woken() -> None:
    s = scheduler()
    assert s.online is None and s.wake(100.0) == Plan(Step.ROUND, 100.0)
    assert s.round_ended(Outcome.OK, 101.0) == Plan(Step.ROUND, 131.0)
    assert s.online is True and s.failures == 0
    quiet = scheduler(interval=None)
    assert quiet.idle(100.0) == Plan(Step.ROUND, None)
    assert quiet.round_ended(Outcome.OK, 101.0).at is None
    assert quiet.wake(150.0) == Plan(Step.ROUND, 150.0)
    assert scheduler(interval=0).round_ended(Outcome.OK, 7.0) == Plan(Step.ROUND, 7.0), "back to back"
    assert Plan(Step.ROUND, None).wait_s(5.0) is None and Plan(Step.ROUND, 4.0).wait_s(5.0) == 0.0


def test_unreachable_backs_off_and_probes_meanwhile_then_rounds_at_once_when_it_answers() -> None:
    s = RoundScheduler(interval=30.0, probe_interval=1.0, rng=LongestJitter())
    s.wake(0.0)
    for _ in range(8):  # the backoff grows to the cap
        s.round_ended(Outcome.UNREACHABLE, 0.0)
    plan = s.round_ended(Outcome.UNREACHABLE, 10.0)
    assert s.online is False and s.failures == 9
    assert plan == Plan(Step.PROBE, 11.0), "the first probe one probe interval later"
    assert s.due == 10.0 + backoff.CAP_S
    assert s.probe_ended(False, 11.2) == Plan(Step.PROBE, 12.2) and s.online is False
    assert s.probe_ended(True, 12.3) == Plan(Step.ROUND, 12.3), "a round as soon as it answers"
    assert s.online is True


def test_the_backoff_is_capped_jittered_and_never_shorter_than_a_probe_interval() -> None:
    s = scheduler(seed=3)
    s.wake(0.0)
    waits = []
    for _ in range(40):
        s.round_ended(Outcome.UNREACHABLE, 0.0)
        due = s.due
        assert due is not None
        waits.append(due)
    assert all(1.0 <= w <= backoff.CAP_S for w in waits)
    assert len({round(w, 6) for w in waits[10:]}) > 20, "jitter spreads a hall's devices apart"


def test_an_answer_with_an_error_waits_out_the_backoff_without_probing_and_honours_retry_after() -> None:
    s = scheduler()
    s.wake(0.0)
    plan = s.round_ended(Outcome.ANSWERED, 10.0, retry_after=60.0)
    assert plan.step is Step.ROUND and plan.at is not None and plan.at >= 70.0
    assert s.online is True, "a platform that answers, even with 429, is online"
    assert s.probe_ended(True, 11.0) == plan, "a stray probe answer does not cut Retry-After short"
    assert s.request_ended(Outcome.OK, 12.0) == plan


def test_no_link_is_offline_without_probing_and_a_local_failure_leaves_online_as_it_was() -> None:
    s = scheduler()
    s.wake(0.0)
    s.round_ended(Outcome.OK, 1.0)
    plan = s.round_ended(Outcome.LOCAL, 2.0)
    assert s.online is True and plan.step is Step.ROUND and s.failures == 1
    plan = s.round_ended(Outcome.NO_LINK, 3.0)
    assert s.online is False and plan.step is Step.ROUND


def test_any_answered_request_means_online_and_ends_the_wait_for_the_platform() -> None:
    s = scheduler()
    s.wake(0.0)
    plan = s.round_ended(Outcome.UNREACHABLE, 0.5)
    assert s.online is False
    assert s.request_ended(Outcome.UNREACHABLE, 0.6) == plan, "only rounds and probes count failures"
    assert s.online is False
    assert s.request_ended(Outcome.OK, 0.7) == Plan(Step.ROUND, 0.7)
    assert s.online is True
    s.round_ended(Outcome.OK, 1.0)
    assert s.request_ended(Outcome.ANSWERED, 2.0) == Plan(Step.ROUND, 31.0), "online already: nothing changes"


def test_sync_now_starts_a_round_at_once_even_while_probing() -> None:
    s = scheduler()
    s.wake(0.0)
    s.round_ended(Outcome.UNREACHABLE, 0.0)
    assert s.wake(0.3) == Plan(Step.ROUND, 0.3)
