"""How far a device had numbered, as the platform knows it (GET P_DEVICE_MARKS).

A device brought back from an old backup has counters from the day of the backup; the cases and
events it made after that are here. It asks before it numbers again (core/store/numbering.py).
Runs on the storage worker thread.
"""

from __future__ import annotations

import sqlite_utils

from sync import contract


def device_marks(db: sqlite_utils.Database, device_id: str) -> contract.DeviceMarksResponse:
    """The highest event seq from ``device_id`` and its highest case number of each daily sequence.

    A case number is region (6) + YYMMDD (6) + device number (3) + sequence (4) + check digit,
    all fixed width (core/case_numbers.py): within one 15-digit prefix the greatest number is the
    greatest sequence. Official numbers (bound later by departments) are not the device's.
    """
    seq = db.execute("SELECT coalesce(max(seq), 0) FROM events WHERE device_id = ?", (device_id,)).fetchone()
    numbers = db.execute(
        "SELECT max(case_number) FROM cases WHERE device_id = ? AND length(case_number) = 20"
        " GROUP BY substr(case_number, 1, 15) ORDER BY 1",
        (device_id,),
    ).fetchall()
    return {"device_id": device_id, "event_seq": int(seq[0]), "case_numbers": [str(r[0]) for r in numbers]}
