"""Keyboard-wedge classifier: scanner bursts vs human typing (research §4.2), with an injected clock."""

from __future__ import annotations

from typing import Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devices.qr.wedge import WedgeClassifier, WedgeConfig, WedgeOutput

PRINTABLE = st.characters(min_codepoint=0x21, max_codepoint=0x7E)


def run(
    classifier: WedgeClassifier, keys: list[tuple[float, str]], end_ms: float | None = None
) -> WedgeOutput:
    """Feed keys and a final poll; returns all events concatenated."""
    events: list[tuple[Literal["keys", "scan"], str]] = []
    for t, ch in keys:
        events += classifier.feed(t, ch).events
    last = keys[-1][0] if keys else 0.0
    events += classifier.poll(end_ms if end_ms is not None else last + 10_000).events
    merged: list[tuple[Literal["keys", "scan"], str]] = []
    for kind, text in events:
        if merged and kind == "keys" and merged[-1][0] == "keys":
            merged[-1] = ("keys", merged[-1][1] + text)
        else:
            merged.append((kind, text))
    return WedgeOutput(tuple(merged))


def typed(text: str, start: float, gap: float) -> list[tuple[float, str]]:
    return [(start + i * gap, ch) for i, ch in enumerate(text)]


@pytest.mark.parametrize(
    ("keys", "scans", "passthrough"),
    [
        (typed("6901234567892\r", 0, 5), ("6901234567892",), ""),  # QTest delay=5 scanner (§4.2)
        (typed("6901234567892\r", 0, 50), ("6901234567892",), ""),  # exactly at the threshold
        (typed("6901234567892\r", 0, 51), (), "6901234567892\r"),  # just slower: a person
        (typed("hello\r", 0, 120), (), "hello\r"),  # QTest delay=120 human (§4.2)
        (typed("abc\r", 0, 5), (), "abc\r"),  # shorter than min_length: fast key pair, not a code
        (typed("X320101001", 0, 5), (), "X320101001"),  # no terminator: typing by default
        (typed("ab", 0, 200) + typed("X320101001\r", 1000, 8), ("X320101001",), "ab"),
        (typed("X320101001\r", 0, 8) + typed("ok", 2000, 150), ("X320101001",), "ok"),
        ([(0, "\r")], (), "\r"),
    ],
)
def test_table(keys: list[tuple[float, str]], scans: tuple[str, ...], passthrough: str) -> None:
    out = run(WedgeClassifier(), keys)
    assert out.scans == scans
    assert out.passthrough == passthrough


def test_events_keep_order() -> None:
    keys = typed("ab", 0, 200) + typed("CODE1234\r", 1000, 5) + typed("cd", 3000, 200)
    out = run(WedgeClassifier(), keys)
    assert out.events == (("keys", "ab"), ("scan", "CODE1234"), ("keys", "cd"))


def test_no_suffix_scanner_ends_a_scan_by_gap() -> None:
    classifier = WedgeClassifier(WedgeConfig(require_terminator=False))
    out = run(classifier, [*typed("X320101001", 0, 5), (2000, "\r")])
    assert out.events == (("scan", "X320101001"), ("keys", "\r"))


def test_keys_are_held_until_the_deadline() -> None:
    classifier = WedgeClassifier()
    assert classifier.feed(100, "a") == WedgeOutput()
    assert classifier.pending == "a"
    assert classifier.next_deadline_ms() == 150
    assert classifier.poll(150).passthrough == ""  # not yet: 50 ms is still a burst gap
    assert classifier.poll(151).passthrough == "a"
    assert classifier.next_deadline_ms() is None


def test_prefix_marks_a_scan_regardless_of_timing() -> None:
    classifier = WedgeClassifier(WedgeConfig(prefix="\x02"))
    keys = [(0, "x"), (500, "\x02"), *typed("AB12", 600, 200), (1500, "\r")]
    out = run(classifier, keys)
    assert out.events == (("keys", "x"), ("scan", "AB12"))


def test_prefixed_scan_without_terminator_times_out_to_typing() -> None:
    classifier = WedgeClassifier(WedgeConfig(prefix="\x02", prefix_timeout_ms=300))
    out = run(classifier, [(0, "\x02"), (10, "A"), (20, "B")], end_ms=400)
    assert out.events == (("keys", "AB"),)


@pytest.mark.parametrize("bad", [{"max_gap_ms": 0}, {"min_length": 0}, {"terminators": ""}, {"prefix": "ab"}])
def test_bad_config(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        WedgeConfig(**bad)  # type: ignore[arg-type]


def test_feed_one_character() -> None:
    with pytest.raises(ValueError):
        WedgeClassifier().feed(0, "ab")


@given(
    text=st.text(st.one_of(PRINTABLE, st.just("\r")), min_size=1, max_size=60),
    gaps=st.lists(st.floats(50.001, 2000), min_size=60, max_size=60),
    require_terminator=st.booleans(),
)
def test_human_typing_slower_than_threshold_is_never_a_scan(
    text: str, gaps: list[float], require_terminator: bool
) -> None:
    classifier = WedgeClassifier(WedgeConfig(max_gap_ms=50, require_terminator=require_terminator))
    t = 0.0
    keys = []
    for ch, gap in zip(text, gaps, strict=False):
        t += gap
        keys.append((t, ch))
    out = run(classifier, keys)
    assert out.scans == ()
    assert out.passthrough == text


@given(
    before=st.text(PRINTABLE, max_size=10),
    code=st.text(PRINTABLE, min_size=4, max_size=80),
    # Below the 50 ms limit: at exactly 50, timestamps summed in floats can differ by 50.000000000000114
    # (a gap the classifier rightly calls over the limit), which Hypothesis found once in make test.
    gaps=st.lists(st.floats(0, 49.9), min_size=81, max_size=81),
    terminator=st.sampled_from("\r\n"),
)
def test_scanner_bursts_are_scans(before: str, code: str, gaps: list[float], terminator: str) -> None:
    classifier = WedgeClassifier(WedgeConfig(max_gap_ms=50, min_length=4))
    keys = typed(before, 0, 200)
    t = len(before) * 200 + 1000.0
    for ch, gap in zip(code + terminator, gaps, strict=False):
        t += gap
        keys.append((t, ch))
    out = run(classifier, keys)
    assert out.scans == (code,)
    assert out.passthrough == before
