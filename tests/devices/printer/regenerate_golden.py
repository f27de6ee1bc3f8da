"""Rewrite tests/devices/printer/golden/*.bin from the current renderer.

Run ``.venv/bin/python tests/devices/printer/regenerate_golden.py`` after an intended change to the
ESC/POS output, check the new bytes (``tongban devices inspect-receipt FILE``), and commit them with
the change. The tests never regenerate: they fail until this is run.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from devices.printer.profiles import DEFAULT_PROFILE, get_profile
from devices.printer.render import render_receipt
from tests.devices.printer.printer_samples import GOLDEN, GOLDEN_DIR, golden_fonts


def main() -> int:
    fonts = golden_fonts()
    if fonts is None:
        print("Noto Sans CJK is not installed (fonts-noto-cjk); golden files need it", file=sys.stderr)
        return 1
    GOLDEN_DIR.mkdir(exist_ok=True)
    for kind, (build, _needs_font) in GOLDEN.items():
        data = render_receipt(build(), get_profile(DEFAULT_PROFILE), fonts).data
        path = GOLDEN_DIR / f"{kind}.bin"
        path.write_bytes(data)
        print(f"{path}: {len(data)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
