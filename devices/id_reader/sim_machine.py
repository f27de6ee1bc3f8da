"""What a simulated SAM reader answers to each command: card placement, state machine and faults (no I/O)."""

from __future__ import annotations

import random
import threading
from collections import Counter
from enum import StrEnum

from devices.id_reader import IdCard
from devices.id_reader.sam import (
    BAUD_PARAS,
    FIND_CARD,
    READ_NEW_ADDRESS,
    READ_TEXT_PHOTO,
    READ_TEXT_PHOTO_FP,
    RESET_SAM,
    SAM_ID,
    SAM_STATUS,
    SELECT_CARD,
    SET_BAUD_CMD,
    SET_RF_MAX,
    SW3_FOUND,
    SW3_NO_CARD,
    SW3_NO_CONTENT,
    SW3_OK,
    Frame,
    build_read_response,
    build_response,
)
from devices.id_reader.text_block import encode_text_block

# Canonical stray bytes (guocihong readidentifiercardinfoutil.cpp shows "AA 00 AA AA 96 69 …",
# §1.10 item 7) plus a false partial preamble, so the host must really resynchronise.
STRAY_BYTES = b"\xaa\x00\x55\xaa\xaa\x96"
SAM_ID_DATA = bytes.fromhex("0500 0100 15cd5b07 00000000 d2a8a20b")  # §1.9: u16 u16 u32 u32 u32, LE
_SW3_READ_FAILED = 0x41
_SW3_SELECT_FAILED = 0x81
_SW3_SAM_FAULT = 0x60
_SW3_COMMAND_ERROR = 0x21
_BAUDS = {para: baud for baud, para in BAUD_PARAS.items()}


class Fault(StrEnum):
    """Faults a test can switch on; they last until cleared (research/devices.md §6.1)."""

    BAD_CHECKSUM = "bad_checksum"  # read answers carry a wrong CHK
    # Line noise the 8-bit XOR checksum cannot see (§1.2): about every other read answer has the
    # same bits flipped in two bytes of its text block, so the frame checks and the card is wrong.
    LINE_NOISE = "line_noise"
    STRAY_BYTES = "stray_bytes"  # every answer is preceded by line noise
    TRUNCATED = "truncated"  # read answers stop half-way, then silence
    READ_FAILURE = "read_failure"  # read answers SW3 41 (card must be re-placed)
    SELECT_FAILURE = "select_failure"  # select answers SW3 81
    SAM_FAULT = "sam_fault"  # every command answers SW3 60 (SAM self-test failed)
    SILENT = "silent"  # no answer at all
    SPLIT_WRITES = "split_writes"  # answers arrive in random small pieces (transport level)


class CardState(StrEnum):
    """The simulated field: §6.1 no_card → card_present → found → selected → read_done."""

    NO_CARD = "no_card"
    PRESENT = "card_present"
    FOUND = "found"
    SELECTED = "selected"
    READ_DONE = "read_done"  # find answers 80 until the card is re-placed (§1.10 step 5)


class SamCardMachine:
    """The reader's answers. Thread-safe: the serving thread answers, tests place cards and faults."""

    def __init__(self, refind_after_read: bool = False, seed: int | None = None) -> None:
        # Readers following §1.10 step 5 answer 80 to find after a read until the card is
        # re-placed; refind_after_read models readers that keep finding it (the host debounces).
        self._refind_after_read = refind_after_read
        self._lock = threading.Lock()
        self._random = random.Random(seed)  # only LINE_NOISE draws from it
        self._card: IdCard | None = None
        self._state = CardState.NO_CARD
        # After a good read the card stays selected: reading again needs no new find/select
        # (§1.10 step 6 says so of 30 03; a repeated 30 01/30 10 is answered the same way).
        # After a failed read it must be re-placed (§1.10 step 6).
        self._readable = False
        self._faults: frozenset[Fault] = frozenset()
        self._counts: Counter[str] = Counter()
        self.baud_request: int | None = None  # set by 60 xx; the transport applies it after answering

    @property
    def state(self) -> CardState:
        with self._lock:
            return self._state

    @property
    def faults(self) -> frozenset[Fault]:
        with self._lock:
            return self._faults

    def place(self, card: IdCard) -> None:
        encode_text_block(card)  # fail here, not on the serving thread, if the card cannot be stored
        with self._lock:
            self._card, self._state, self._readable = card, CardState.PRESENT, False

    def remove(self) -> None:
        with self._lock:
            self._card, self._state, self._readable = None, CardState.NO_CARD, False

    def set_faults(self, faults: frozenset[Fault]) -> None:
        with self._lock:
            self._faults = faults

    def counts(self) -> dict[str, int]:
        """Commands answered so far, keyed like ``"20 01"``."""
        with self._lock:
            return dict(self._counts)

    def reset_counts(self) -> None:
        with self._lock:
            self._counts.clear()

    def answer(self, frame: Frame) -> bytes | None:
        """The bytes to send back for one command frame (None: stay silent)."""
        with self._lock:
            self._counts[f"{frame.cmd[0]:02X} {frame.cmd[1]:02X}"] += 1
            faults = self._faults
            if Fault.SILENT in faults:
                return None
            reply = self._reply(frame.cmd, faults)
        return STRAY_BYTES + reply if Fault.STRAY_BYTES in faults else reply

    def answer_damaged(self, reason: str) -> bytes:
        """The answer to a command the host sent with a bad checksum (10) or length (11), §1.4."""
        return build_response(0x10 if reason == "checksum" else 0x11)

    def _reply(self, cmd: tuple[int, int], faults: frozenset[Fault]) -> bytes:
        if Fault.SAM_FAULT in faults:
            return build_response(_SW3_SAM_FAULT)
        if cmd in (RESET_SAM, SAM_STATUS, SET_RF_MAX):
            return build_response(SW3_OK)
        if cmd == SAM_ID:
            return build_response(SW3_OK, SAM_ID_DATA)
        if cmd[0] == SET_BAUD_CMD and cmd[1] in _BAUDS:
            self.baud_request = _BAUDS[cmd[1]]
            return build_response(SW3_OK)
        if cmd == FIND_CARD:
            if self._state is CardState.READ_DONE and self._refind_after_read:
                self._state = CardState.PRESENT
            if self._state in (CardState.NO_CARD, CardState.READ_DONE):
                return build_response(SW3_NO_CARD)
            self._state = CardState.FOUND if self._state is CardState.PRESENT else self._state
            return build_response(SW3_FOUND, bytes(4))  # IIN, usually zeros (§1.3)
        if cmd == SELECT_CARD:
            if Fault.SELECT_FAILURE in faults or self._state not in (CardState.FOUND, CardState.SELECTED):
                return build_response(_SW3_SELECT_FAILED)
            self._state = CardState.SELECTED
            return build_response(SW3_OK, bytes(8))  # SN, usually zeros (§1.3)
        if cmd in (READ_TEXT_PHOTO, READ_TEXT_PHOTO_FP):
            return self._read(cmd == READ_TEXT_PHOTO_FP, faults)
        if cmd == READ_NEW_ADDRESS:
            # No appended address on our cards: 91 "no content" (§1.3).
            return build_response(SW3_NO_CONTENT)
        return build_response(_SW3_COMMAND_ERROR)

    def _read(self, with_fingerprint: bool, faults: frozenset[Fault]) -> bytes:
        card = self._card
        selected = self._state is CardState.SELECTED or self._readable
        if not selected or card is None or Fault.READ_FAILURE in faults:
            self._state = CardState.READ_DONE if card is not None else CardState.NO_CARD
            self._readable = False
            return build_response(_SW3_READ_FAILED)
        self._state, self._readable = CardState.READ_DONE, True
        fingerprint = (card.fingerprint or b"") if with_fingerprint else None
        text = encode_text_block(card)
        if Fault.LINE_NOISE in faults and self._random.random() < 0.5:
            text = self._noisy(text)
        reply = build_read_response(text, card.photo_wlt, fingerprint)
        if Fault.BAD_CHECKSUM in faults:
            reply = reply[:-1] + bytes([reply[-1] ^ 0x5A])
        if Fault.TRUNCATED in faults:
            reply = reply[: len(reply) // 2]
        return reply

    def _noisy(self, text: bytes) -> bytes:
        """``text`` with one random bit mask XORed into two of its bytes: the XOR of the frame,
        and so its checksum, stays the same (§1.2)."""
        first, second = self._random.sample(range(len(text)), 2)
        mask = self._random.randrange(1, 256)
        damaged = bytearray(text)
        damaged[first] ^= mask
        damaged[second] ^= mask
        return bytes(damaged)
