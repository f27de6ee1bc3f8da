"""A read that line noise got past the 8-bit XOR checksum is discarded and read again (issue #10 bug 9)."""

from __future__ import annotations

from datetime import date

from devices.errors import DeviceProtocolError
from devices.id_reader import CardProblem, IdCard
from devices.id_reader.card_file import SimCard
from devices.id_reader.sim_machine import Fault
from devices.id_reader.simulator import IdReaderSimulator
from services.card_checks import card_check
from tests.devices.id_reader.conftest import MakeReader
from tests.devices.id_reader.id_reader_support import Recorder

TODAY = date(2026, 11, 23)
PLACEMENTS = 150


def test_line_noise_past_the_checksum_never_delivers_a_card_the_checks_refuse(
    demo_cards: list[SimCard], make_reader: MakeReader
) -> None:
    check = card_check(lambda: TODAY)  # core's GB 11643 rules, as the services layer wires them
    recorder = Recorder()
    with IdReaderSimulator(demo_cards, baud=0, seed=10) as sim:  # a seeded fuzz over a pty
        sim.set_fault(Fault.LINE_NOISE)
        reader = make_reader(sim.port, validate=check)  # baud=0: the path, no rate
        reader.start(recorder.on_card, recorder.on_error, recorder.on_state)
        for placement in range(PLACEMENTS):
            placed = demo_cards[placement % len(demo_cards)].card
            cards, errors, states = len(recorder.cards), len(recorder.errors), len(recorder.states)
            sim.place_card(placement % len(demo_cards))
            recorder.wait(
                lambda r, c=cards, e=errors: len(r.cards) > c or len(r.errors) > e, what="a card or an error"
            )
            if len(recorder.cards) > cards:
                delivered = recorder.cards[-1]
                assert _vouched(delivered) == _vouched(placed), f"placement {placement}: a wrong card"
                assert check(delivered) is None
            # A read card is not found again (§1.10 step 5): wait for that before the next placement.
            recorder.wait_state("no_card", after=states)
        reads = sim.counts()["30 10"]
    refused = [e for e in recorder.errors if isinstance(e, DeviceProtocolError)]
    assert len(recorder.cards) + len(refused) == PLACEMENTS and len(refused) == len(recorder.errors)
    assert reads > PLACEMENTS  # the noise made the driver read again, and again it was heard
    assert len(recorder.cards) > PLACEMENTS * 0.8  # most placements end in the right card
    assert all("请将证件取走后重新放置" in e.message for e in refused)


def _vouched(card: IdCard) -> tuple[object, ...]:
    """The fields a check can vouch for; a Chinese character flipped into another cannot be seen."""
    return (card.card_type, card.id_number, card.birth_date, card.sex, card.nation, card.nationality)


def test_a_refused_read_is_read_again_on_the_same_placement(
    sim: IdReaderSimulator, make_reader: MakeReader, demo_cards: list[SimCard]
) -> None:
    verdicts: list[CardProblem | None] = [CardProblem("号码有误", "number refused"), None]
    seen: list[IdCard] = []

    def check(card: IdCard) -> CardProblem | None:
        seen.append(card)
        return verdicts[len(seen) - 1]

    recorder = Recorder()
    sim.place_card(0)
    make_reader(sim.uri, validate=check).start(recorder.on_card, recorder.on_error, recorder.on_state)
    assert recorder.wait_cards(1) == demo_cards[0].card
    assert sim.counts()["30 10"] == 2 and sim.counts()["20 01"] >= 1 and recorder.errors == []
    assert "20 02" in sim.counts() and sim.counts()["20 02"] == 1  # no new find/select in between


def test_a_card_refused_on_every_read_is_one_error_and_never_reaches_the_consumer(
    sim: IdReaderSimulator, make_reader: MakeReader
) -> None:
    recorder = Recorder()
    sim.place_card(1)
    reader = make_reader(sim.uri, validate=lambda _card: CardProblem("证件号码校验位不正确", "check char"))
    reader.start(recorder.on_card, recorder.on_error, recorder.on_state)
    error = recorder.wait_errors(1)
    assert isinstance(error, DeviceProtocolError)
    assert "证件号码校验位不正确" in error.message and "请将证件取走后重新放置" in error.message
    assert "check char" in error.detail and error.detail.isascii()
    recorder.wait_state("no_card", after=recorder.states.index("awaiting_removal"))
    assert recorder.cards == [] and sim.counts()["30 10"] == 3 and len(recorder.errors) == 1


def test_a_failing_check_refuses_the_card_and_the_reader_lives_on(
    sim: IdReaderSimulator, make_reader: MakeReader
) -> None:
    def broken(_card: IdCard) -> CardProblem | None:
        raise RuntimeError("validator bug")

    recorder = Recorder()
    sim.place_card(0)
    make_reader(sim.uri, validate=broken).start(recorder.on_card, recorder.on_error, recorder.on_state)
    assert isinstance(recorder.wait_errors(1), DeviceProtocolError)
    recorder.wait_state("no_card", after=recorder.states.index("awaiting_removal"))
    assert recorder.cards == [] and "disconnected" not in recorder.states
