"""Rendering receipts to ESC/POS: golden bytes per receipt kind, GB18030 text, raster fallback, wrapping.

Golden files live in tests/devices/printer/golden/. After an intended change of the output, rewrite
them with ``.venv/bin/python tests/devices/printer/regenerate_golden.py``, look at them with
``tongban devices inspect-receipt FILE`` and commit them; these tests never rewrite them. The
"test" page holds a raster line, so its golden bytes depend on the Noto Sans CJK file and Pillow.
"""

from __future__ import annotations

import pytest

from devices.errors import DeviceUnavailableFeature
from devices.printer import raster
from devices.printer.inspect import EscPosOp, decode_escpos, describe, printed_lines, raster_image
from devices.printer.profiles import DEFAULT_PROFILE, PROFILES, get_profile
from devices.printer.raster import find_cjk_fonts
from devices.printer.render import REPRINT_MARK, ReceiptLayoutError, render_receipt
from devices.printer.textlayout import text_columns
from tests.devices.printer.printer_samples import (
    CASE_DISPLAY,
    GOLDEN,
    GOLDEN_DIR,
    QR_PAYLOAD,
    Block,
    Receipt,
    acceptance_receipt,
    golden_fonts,
    t,
)

P80 = get_profile(DEFAULT_PROFILE)
P58 = get_profile("generic-58-gbk")
FONTS = golden_fonts()
needs_font = pytest.mark.skipif(FONTS is None, reason="Noto Sans CJK (fonts-noto-cjk) is not installed")


def ops_of(receipt: Receipt, profile: str = DEFAULT_PROFILE) -> list[EscPosOp]:
    return decode_escpos(
        render_receipt(receipt, get_profile(profile), FONTS).data, get_profile(profile).encoding
    )


def names(ops: list[EscPosOp]) -> list[str]:
    return [op.name for op in ops]


@pytest.mark.parametrize("kind", sorted(GOLDEN))
def test_golden_bytes(kind: str) -> None:
    build, needs_font_file = GOLDEN[kind]
    if needs_font_file and FONTS is None:
        pytest.skip("Noto Sans CJK (fonts-noto-cjk) is not installed")
    expected = (GOLDEN_DIR / f"{kind}.bin").read_bytes()
    actual = render_receipt(build(), P80, FONTS).data
    if actual != expected:
        want, got = describe(decode_escpos(expected)), describe(decode_escpos(actual))
        first = next(
            (i for i, (a, b) in enumerate(zip(want, got, strict=False)) if a != b), min(len(want), len(got))
        )
        pytest.fail(
            f"{kind}: ESC/POS output changed ({len(expected)} → {len(actual)} bytes); first difference at "
            f"operation {first}: golden {want[first : first + 3]} vs now {got[first : first + 3]}. "
            "If intended, run tests/devices/printer/regenerate_golden.py."
        )


@pytest.mark.parametrize("kind", sorted(GOLDEN))
def test_every_receipt_starts_with_init_and_ends_with_a_cut(kind: str) -> None:
    build, needs_font_file = GOLDEN[kind]
    if needs_font_file and FONTS is None:
        pytest.skip("Noto Sans CJK (fonts-noto-cjk) is not installed")
    data = render_receipt(build(), P80, FONTS).data
    assert data.startswith(b"\x1b@\x1c&")  # ESC @, FS &
    assert data.endswith(b"\x1bd\x06\x1dV\x01")  # ESC d 6, GS V 1 (partial cut)


def test_chinese_is_sent_as_gb18030_text_without_magicencode_code_page_switches() -> None:
    data = render_receipt(acceptance_receipt(), P80).data
    assert "受理回执".encode("gb18030") in data
    assert "：".encode("gb18030") in data  # MagicEncode sends a lone "：" as ESC t 0 + "?" (§2.3)
    assert b"\x1bt" not in data  # no ESC t code page selection at all
    assert "申请人：王*明" in printed_lines(decode_escpos(data))


def test_the_qr_code_holds_the_case_number_and_is_native_on_a_capable_profile() -> None:
    ops = ops_of(acceptance_receipt())
    stored = [op for op in ops if op.name == "qr_store"]
    assert [op.text for op in stored] == [QR_PAYLOAD]
    assert next(op for op in ops if op.name == "qr_ec").args == (49,)  # level M
    assert next(op for op in ops if op.name == "qr_model").args == (50, 0)  # model 2
    assert names(ops).index("qr_print") == names(ops).index("qr_store") + 1
    assert CASE_DISPLAY in printed_lines(ops)


def test_without_native_qr_the_code_is_a_raster_image_that_scans_back() -> None:
    ops = ops_of(acceptance_receipt(), "basic-58-gb2312")
    assert "qr_store" not in names(ops)
    images = [raster_image(op) for op in ops if op.name == "raster"]
    square = [img for img in images if img.height > 100]
    assert square, describe(ops)
    assert all(img.width == 384 for img in images)


def test_barcode_is_code128_set_b_natively_and_bars_plus_text_otherwise() -> None:
    ops = ops_of(acceptance_receipt())
    assert [op.text for op in ops if op.name == "barcode"] == ["{B33010620261123000127"]
    assert next(op for op in ops if op.name == "barcode").args == (73,)  # GS k m=73: CODE128
    raster = ops_of(acceptance_receipt(), "basic-58-gb2312")
    assert "barcode" not in names(raster)
    assert "33010620261123000127" in printed_lines(raster)  # the human-readable line


@needs_font
def test_a_rare_character_sends_only_its_own_line_as_an_image() -> None:
    receipt = Receipt(
        "receipt",
        "受理回执",
        (t("申请人：王*明"), t("申请人：𠮷*明"), t("监护人：㐂*"), t("电话：138****0000")),
    )
    ops = ops_of(receipt)
    lines = printed_lines(ops)
    assert lines == ["申请人：王*明", "[image 576x30]", "[image 576x30]", "电话：138****0000"]
    result = render_receipt(receipt, P80, FONTS)
    assert result.raster_lines == 2
    assert result.missing_glyphs == ()
    image = raster_image(next(op for op in ops if op.name == "raster"))
    ink = image.point(lambda v: 255 if v < 128 else 0).getbbox()
    assert ink is not None and ink[0] < 12 and ink[2] < 200  # left-aligned, about 7 characters wide


@needs_font
def test_in_a_long_paragraph_only_the_wrapped_line_with_the_rare_character_is_an_image() -> None:
    text = "申请人及监护人信息已经核对无误，新生儿姓名为王小𠮷，出生日期二〇二六年十一月二十日，出生地点为本市妇幼保健院。"
    lines = printed_lines(ops_of(Receipt("receipt", "x", (t(text),))))
    assert lines.count("[image 576x30]") == 1
    assert all(text_columns(line) <= 48 for line in lines if not line.startswith("[image"))
    assert len(lines) == 3


@needs_font
def test_characters_outside_gbk_fall_back_on_a_gbk_profile_but_not_common_ones() -> None:
    receipt = Receipt("receipt", "x", (t("费用：€0.00"), t("姓名：欧阳·明"), t("金额：￥0.00"), t("说明：¥")))
    lines = printed_lines(ops_of(receipt, "generic-58-gbk"))
    assert lines == ["[image 384x30]", "姓名：欧阳·明", "金额：￥0.00", "[image 384x30]"]


def test_text_wraps_at_the_profile_width_and_titles_at_half_of_it() -> None:
    body = "容缺受理的材料应当在承诺期限内补齐，逾期未补齐的，本次申请将终止办理，已提交材料可以申请退回。"
    title = "一次性告知书（容缺受理补齐材料通知书）"
    for profile, columns in ((P80, 48), (P58, 32)):
        for text, emphasis, width in ((body, "normal", columns), (title, "title", columns // 2)):
            data = render_receipt(Receipt("notice", "x", (t(text, emphasis=emphasis),)), profile).data
            lines = printed_lines(decode_escpos(data, profile.encoding))
            assert "".join(lines) == text  # nothing lost, nothing added
            assert all(text_columns(line) <= width for line in lines), lines
            assert all(text_columns(line) >= width - 2 for line in lines[:-1]), lines  # lines are filled


def test_reprint_is_marked_at_the_top() -> None:
    lines = printed_lines(ops_of(acceptance_receipt(reprint=True)))
    assert lines[0] == REPRINT_MARK
    assert REPRINT_MARK not in printed_lines(ops_of(acceptance_receipt()))


def test_a_profile_without_cutter_feeds_instead_of_cutting() -> None:
    data = render_receipt(acceptance_receipt(), P58).data
    assert data.endswith(b"\x1bd\x06")
    assert b"\x1dV" not in data


def test_control_characters_in_data_cannot_inject_printer_commands() -> None:
    data = render_receipt(Receipt("receipt", "x", (t("申请人：王\x1bi\x1dV\x00明"),)), P80).data
    assert "申请人：王iV明".encode("gb18030") in data
    assert data.count(b"\x1dV") == 1  # only the real cut


def test_unknown_block_kind_is_a_layout_error() -> None:
    with pytest.raises(ReceiptLayoutError, match="无法打印"):
        render_receipt(Receipt("receipt", "x", (Block("table", "a"),)), P80)
    with pytest.raises(ReceiptLayoutError):
        render_receipt(Receipt("receipt", "x", (Block("barcode", "编号"),)), P80)


@needs_font
def test_raster_only_profile_sends_the_whole_receipt_as_one_image() -> None:
    ops = ops_of(acceptance_receipt(), "raster-80")
    assert names(ops)[0] == "init"
    assert "text" not in names(ops) and "qr_store" not in names(ops)
    rasters = [op for op in ops if op.name == "raster"]
    assert rasters and sum(op.args[1] for op in rasters) > 1000
    assert all(op.args[1] <= 960 for op in rasters)  # escpos splits into 960-row fragments


def test_missing_font_is_reported_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    raster._find_cjk_fonts.cache_clear()  # the search is cached per process
    monkeypatch.setattr("devices.printer.raster.KNOWN_FONT_FILES", ())
    monkeypatch.setattr("devices.printer.raster._ASSET_FONTS", GOLDEN_DIR / "no-such-dir")
    monkeypatch.setattr("devices.printer.raster._fontconfig_faces", list)
    with pytest.raises(DeviceUnavailableFeature, match="未找到中文字体"):
        find_cjk_fonts()
    with pytest.raises(DeviceUnavailableFeature):
        render_receipt(Receipt("receipt", "x", (t("𠮷"),)), P80)
    raster._find_cjk_fonts.cache_clear()


def test_every_profile_renders_every_golden_receipt() -> None:
    for profile in PROFILES.values():
        if profile.raster_only and FONTS is None:
            continue
        for kind, (build, needs_font_file) in GOLDEN.items():
            if needs_font_file and FONTS is None:
                continue
            data = render_receipt(build(), profile, FONTS).data
            ops = decode_escpos(data, profile.encoding)
            assert ops[0].name == "init", (profile.name, kind)
            assert "unknown" not in names(ops) and "truncated" not in names(ops), (profile.name, kind)
            rasters = [op for op in ops if op.name == "raster"]
            assert all(op.args[0] * 8 == profile.dots for op in rasters), (profile.name, kind)


def test_rules_fill_the_line_with_the_given_character() -> None:
    blocks = (
        Block("rule"),
        Block("rule", "="),
        Block("rule", "─"),
        Block("rule", "\n"),
        Block("rule", "\u0301"),
    )
    lines = printed_lines(ops_of(Receipt("receipt", "x", blocks), "generic-58-gbk"))
    assert lines == ["-" * 32, "=" * 32, "─" * 16, "-" * 32, "-" * 32]
