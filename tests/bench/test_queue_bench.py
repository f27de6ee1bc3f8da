"""bench/queue_bench.py runs end to end on a tiny hall (its figures printed, no time asserted), and
a SIGTERM mid-run stops its hall server and removes its directory."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BENCH = [sys.executable, str(REPO / "bench" / "queue_bench.py")]
TINY = ["--windows", "3", "--kiosks", "1", "--per-hour", "6000", "--speed", "60"]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def test_the_bench_prints_its_figures_for_a_tiny_hall() -> None:
    done = subprocess.run(
        [*BENCH, *TINY, "--minutes", "1"], capture_output=True, text=True, timeout=120, env=_env(), cwd=REPO
    )
    assert done.returncode == 0, done.stdout + done.stderr
    figures = dict(re.findall(r"^(\w+)=(\S+)$", done.stdout, re.MULTILINE))
    for name in ("call_p50_ms", "call_p99_ms", "server_cpu_pct", "poll_p99_ms", "call_ratio"):
        assert float(figures[name]) >= 0, name
    assert int(figures["calls"]) > 0 and figures["missed"] == "0"
    directory = re.search(r"^hall server: pid \d+ at \S+, in (\S+)$", done.stdout, re.MULTILINE)
    assert directory is not None and not Path(directory.group(1)).exists()


def test_a_sigterm_stops_the_hall_server_and_removes_the_directory() -> None:
    bench = subprocess.Popen(
        [*BENCH, *TINY, "--minutes", "60"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    try:
        assert bench.stdout is not None
        line = bench.stdout.readline()
        started = re.match(r"^hall server: pid (\d+) at \S+, in (\S+)$", line.strip())
        assert started is not None, line
        assert bench.stdout.readline().startswith("hall: ")  # the devices are enrolled; phase one runs
        bench.send_signal(signal.SIGTERM)
        _, err = bench.communicate(timeout=60)
    finally:
        if bench.poll() is None:
            bench.kill()
            bench.wait()
    assert bench.returncode == 130 and "interrupted" in err
    assert not Path(started.group(2)).exists()
    assert not Path(f"/proc/{started.group(1)}").exists()  # the hall server is gone (and reaped)
