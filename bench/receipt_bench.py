"""Bytes sent for a newborn acceptance receipt: text + native QR (ours) against the whole receipt as one raster image."""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.receipts import Receipt
from devices.printer.profiles import DEFAULT_PROFILE, PROFILES, get_profile
from devices.printer.raster import find_cjk_fonts
from devices.printer.render import render_receipt


def newborn_receipt() -> Receipt:
    """The acceptance receipt of the shipped newborn example, taken in through core into a temp store."""
    from core.cli.context import Context
    from core.cli.intake_json import load_intake_file
    from core.clock import SystemClock
    from core.receipts import acceptance_receipt

    example = Path(__file__).resolve().parents[1] / "assets" / "examples" / "newborn-case.json"
    with tempfile.TemporaryDirectory(prefix="tongban-receipt-bench-") as data_dir:
        ctx = Context(
            data_dir=Path(data_dir), config_path=Path(data_dir) / "tongban.toml", clock=SystemClock()
        )
        try:
            case = ctx.cases().accept(load_intake_file(example).request)
            return acceptance_receipt(case, ctx.config)
        finally:
            ctx.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profile", default=DEFAULT_PROFILE, choices=sorted(PROFILES))
    parser.add_argument("--rounds", type=int, default=20, help="renderings timed per variant")
    args = parser.parse_args()
    profile = get_profile(args.profile)
    raster = dataclasses.replace(profile, name=profile.name + "+raster", raster_only=True)
    fonts = find_cjk_fonts()
    receipt = newborn_receipt()
    sizes, seconds = {}, {}
    for variant in (profile, raster):
        started = time.perf_counter()
        for _ in range(args.rounds):
            data = render_receipt(receipt, variant, fonts).data
        seconds[variant.name] = (time.perf_counter() - started) / args.rounds
        sizes[variant.name] = len(data)
    ours, baseline = sizes[profile.name], sizes[raster.name]
    print(f"profile={profile.name} font={fonts[0].family}")
    print(f"ours_bytes={ours} render_ms={seconds[profile.name] * 1000:.1f}")
    print(f"raster_bytes={baseline} render_ms={seconds[raster.name] * 1000:.1f}")
    print(f"ratio={ours / baseline:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
