"""Files named as scans (``cases add --json``, ``cases supplement --page``) are refused unless they are scans.

Issue #10 bug 10: a FIFO hung ``cases add``, /dev/zero ate memory, the device key and
/proc/self/environ were taken in and uploaded, a text file passed for a scanned JPEG.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.core.cli.cli_kit import EXAMPLE, add_case, example, identity, run

KEY_PATTERNS = ("*.key", "keys/*")


def add_with_scan(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, scan: Path, data: Path | None = None
) -> tuple[int, str, Path]:
    """``cases add`` of the example with ``scan`` as its one scanned page; (exit code, stderr, data dir)."""
    data = data or tmp_path / "data"
    if not (data / "tongban.toml").exists():
        identity(data / "tongban.toml")
    doc = example()
    doc["materials"]["host_hukou"]["files"] = [str(scan)]
    folder = tmp_path / "intake"
    folder.mkdir(exist_ok=True)
    (folder / "case.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, data, "cases", "add", "--json", str(folder / "case.json"))
    return code, err, data


def refused(code: int, err: str, scan: Path, why: str) -> None:
    assert code == 2 and "Traceback" not in err, err
    lines = err.strip().splitlines()
    (chinese,) = [line for line in lines if line.startswith("错误：")]  # after any note on a new store
    assert str(scan) in chinese and why in chinese and "materials.host_hukou.files" in chinese
    assert lines[lines.index(chinese) + 1].startswith("error: ") and str(scan) in lines[-1]


def no_cases(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    code, out, _ = run(capsys, data, "cases", "list", "--json")
    assert code == 0 and json.loads(out)["cases"] == []


@pytest.mark.timeout(30)
def test_a_fifo_is_refused_at_once(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    fifo = tmp_path / "page.jpg"
    os.mkfifo(fifo)
    code, err, data = add_with_scan(capsys, tmp_path, fifo)
    refused(code, err, fifo, "管道")
    no_cases(capsys, data)


@pytest.mark.timeout(30)
def test_dev_zero_is_refused_without_reading_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, err, data = add_with_scan(capsys, tmp_path, Path("/dev/zero"))
    refused(code, err, Path("/dev/zero"), "字符设备")
    no_cases(capsys, data)


def test_nothing_of_the_data_directory_is_a_scan(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "data"
    add_case(capsys, data)  # the store and the device key now exist
    secrets = [p for pattern in KEY_PATTERNS for p in data.glob(pattern) if p.is_file()]
    assert secrets, list(data.iterdir())
    for secret in [*secrets, data / "tongban.db"]:
        code, err, _ = add_with_scan(capsys, tmp_path, secret, data)
        refused(code, err, secret, "数据目录")
    code, out, _ = run(capsys, data, "cases", "list", "--json")
    assert len(json.loads(out)["cases"]) == 1  # only the first case


def test_proc_self_environ_is_not_a_scan(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    environ = Path("/proc/self/environ")
    code, err, data = add_with_scan(capsys, tmp_path, environ)
    refused(code, err, environ, "不是 JPEG、PNG 图片或 PDF 文件")
    no_cases(capsys, data)


def test_a_text_file_is_not_a_scanned_jpeg(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = tmp_path / "hukou-page.jpg"
    text.write_text("户口簿首页（其实是一段文字）\n", encoding="utf-8")
    code, err, data = add_with_scan(capsys, tmp_path, text)
    refused(code, err, text, "不是 JPEG、PNG 图片或 PDF 文件")
    no_cases(capsys, data)


def test_the_example_scan_is_still_taken_in(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, err, _ = add_with_scan(capsys, tmp_path, EXAMPLE.parent / "hukou-page.jpg")
    assert code == 0, err


@pytest.mark.timeout(60)
def test_supplement_pages_are_checked_the_same_way(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    number = add_case(capsys, data)
    fifo = tmp_path / "bank.jpg"
    os.mkfifo(fifo)
    text = tmp_path / "bank.png"
    text.write_text("not a picture", encoding="utf-8")
    for page, why in [(fifo, "管道"), (Path("/dev/zero"), "字符设备"), (text, "不是 JPEG")]:
        code, _, err = run(
            capsys,
            data,
            "cases",
            "supplement",
            number,
            "--material",
            "bank_card",
            "--page",
            f"bank_card={page}",
        )
        assert code == 2 and str(page) in err and why in err and "\nerror: " in err, err
    code, out, _ = run(capsys, data, "cases", "show", number, "--json")
    assert json.loads(out)["status"] == "accepted_deficient"  # nothing was supplied


@pytest.mark.timeout(30)
def test_the_intake_file_itself_must_be_a_regular_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fifo = tmp_path / "case.json"
    os.mkfifo(fifo)
    for intake in (fifo, Path("/dev/zero")):
        code, _, err = run(capsys, tmp_path / "data", "cases", "add", "--json", str(intake))
        assert code == 2 and str(intake) in err and "受理数据文件" in err and "\nerror: " in err, err
