"""Changes: what a store operation or a sync round changed, as a plain value the screens test against."""

from __future__ import annotations

from services.changes import Changes
from tests.sync_samples import sync_report

NUMBER = "3201150012026000001"


def test_a_case_operation_changes_its_case_and_the_outbox() -> None:
    changes = Changes.for_cases([NUMBER])
    assert changes.touches(NUMBER) and not changes.touches("3201150012026000002")
    assert changes.outbox and changes.any_case and not changes.sync_status and not changes.prints


def test_nothing_changed_is_false() -> None:
    assert not Changes()
    assert Changes(catalog=True)


def test_an_empty_round_changed_only_its_status() -> None:
    changes = Changes.of_round(sync_report(ok=True))
    assert changes == Changes(sync_status=True)
    assert not changes.any_case and not changes.outbox
    assert Changes.of_failed_round() == Changes(sync_status=True)


def test_a_round_says_what_it_pushed_and_pulled() -> None:
    pulled = Changes.of_round(sync_report(ok=True, pulled_updates=3, applied_updates=2))
    assert pulled.all_cases and pulled.touches(NUMBER) and not pulled.outbox
    repeats = Changes.of_round(sync_report(ok=True, pulled_updates=3, applied_updates=0))
    assert not repeats.any_case, "updates already applied change nothing"
    acked = Changes.of_round(sync_report(ok=True, pushed=4, acked=4))
    assert acked.outbox and not acked.any_case
    held = Changes.of_round(sync_report(ok=True, quarantined=(NUMBER,)))
    assert held.cases == frozenset({NUMBER}) and held.outbox and not held.all_cases
    other = Changes.of_round(sync_report(ok=True, catalog_version="2026.3", staff_accounts=2))
    assert other.catalog and other.staff and not other.any_case
