"""Camera QR decoding per 1280×720 frame: our FramePipeline against a naive ``pyzbar.decode(frame)``.

Run: ``.venv/bin/python bench/qr_bench.py [--frames 48] [--seed 2024] [--engine auto|zxing|pyzbar] [--rounds 3]``.
Frames are generated with a fixed seed: our receipt payload, a verification URL, Chinese text in
UTF-8 and in GBK; codes of 110–380 px (≈3–12 px per module) at random positions and angles,
with perspective, defocus blur, sensor noise and dim lighting (research/devices.md §3.2, §6.3).
Both sides decode the same frames in the same run, interleaved frame by frame so drift in the
machine's speed hits both; each frame's time is the best of ``--rounds``.

A frame counts as a success when the expected text comes out exactly: for us ``ScanResult.text``;
for the naive side ``data.decode("utf-8")``, what a caller of pyzbar gets (§3.3: zbar converts
non-ECI byte data by guessing, so Chinese is often wrong). "found" counts frames where the side
returned any code at all. Prints per-frame times, both rates and ``speedup=<naive/ours>``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pyzbar import pyzbar

from devices.qr.camera_decoder import FramePipeline
from devices.qr.payloads import make_receipt_payload
from devices.qr.scenes import code_scene

PAYLOADS: tuple[tuple[str, str], ...] = (
    ("receipt", make_receipt_payload("20240101330100000123")),
    ("url", "https://zwfw.example.gov.cn/verify?id=8f3a9c2e77b14d0c9a1e"),
    ("zh-utf8", "出生医学证明 王小明 浙江省杭州市上城区"),
    ("zh-gbk", "王小明 出生医学证明 浙江省"),
)


def make_frames(count: int, seed: int) -> list[tuple[str, str, bytes, np.ndarray]]:
    """(label, expected text, raw bytes, frame) for ``count`` frames, reproducible from ``seed``."""
    rng = np.random.default_rng(seed)
    frames = []
    for i in range(count):
        label, text = PAYLOADS[i % len(PAYLOADS)]
        raw = text.encode("gbk" if label == "zh-gbk" else "utf-8")
        frame = code_scene(
            raw,
            seed * 1000 + i,
            size_px=float(rng.uniform(110, 380)),
            blur_sigma=float(rng.choice([0.0, 0.8, 1.5])),
            noise_sigma=float(rng.choice([0.0, 6.0, 12.0])),
            gain=float(rng.uniform(0.6, 1.05)),
        )
        frames.append((label, text, raw, frame))
    return frames


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=48)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--engine", choices=["auto", "zxing", "pyzbar"], default="auto")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    frames = make_frames(args.frames, args.seed)
    pipeline = FramePipeline(engine=args.engine)
    print(f"frames={len(frames)} size=1280x720 engine={pipeline.engine} rounds={args.rounds}")
    pipeline.decode(frames[0][3])  # warm-up: library loading is not per-frame cost
    pyzbar.decode(frames[0][3])

    ours_ms: list[float] = []
    naive_ms: list[float] = []
    ours_ok = naive_ok = ours_found = naive_found = 0
    print(f"{'#':>3} {'payload':<8} {'ours ms':>8} {'naive ms':>9}  ours  naive")
    for index, (label, text, _raw, frame) in enumerate(frames):
        best_ours = best_naive = float("inf")
        for _ in range(args.rounds):
            t0 = time.perf_counter()
            results = pipeline.decode(frame)
            best_ours = min(best_ours, time.perf_counter() - t0)
            t0 = time.perf_counter()
            decoded = pyzbar.decode(frame)
            best_naive = min(best_naive, time.perf_counter() - t0)
        ours_hit = any(r.text == text for r in results)
        naive_hit = any(_utf8(d.data) == text for d in decoded)
        ours_ok += ours_hit
        naive_ok += naive_hit
        ours_found += bool(results)
        naive_found += bool(decoded)
        ours_ms.append(best_ours * 1000)
        naive_ms.append(best_naive * 1000)
        print(
            f"{index:>3} {label:<8} {ours_ms[-1]:>8.2f} {naive_ms[-1]:>9.2f}  "
            f"{'ok' if ours_hit else '--':>4}  {'ok' if naive_hit else '--':>5}"
        )

    n = len(frames)
    print(
        f"ours:  mean={statistics.fmean(ours_ms):.2f} ms median={statistics.median(ours_ms):.2f} ms "
        f"max={max(ours_ms):.2f} ms success={ours_ok}/{n} ({100 * ours_ok / n:.0f}%) found={ours_found}/{n}"
    )
    print(
        f"naive: mean={statistics.fmean(naive_ms):.2f} ms median={statistics.median(naive_ms):.2f} ms "
        f"max={max(naive_ms):.2f} ms success={naive_ok}/{n} ({100 * naive_ok / n:.0f}%) found={naive_found}/{n}"
    )
    print(f"speedup={sum(naive_ms) / sum(ours_ms):.1f}")
    return 0


def _utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


if __name__ == "__main__":
    sys.exit(main())
