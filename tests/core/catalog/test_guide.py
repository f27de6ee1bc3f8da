"""办事指南: the guide of a real catalog matter and bundle, its text, JSON, receipt, printed bytes and CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.catalog import load_catalog
from core.catalog.guide import NOT_PUBLISHED, NOT_STATED, guide_of, guide_text, guide_to_json
from core.catalog.model import Catalog
from core.config import DeviceConfig
from core.errors import NotFoundError
from core.receipts import display_width, guide_receipt
from devices.printer.inspect import decode_escpos, printed_lines
from devices.printer.simulator import PrinterSimulator
from services.receipt_printing import DirectPrinter
from tests.core.cli.cli_kit import run

# 玉门市市民服务中心's guide of 建筑工程施工许可证核发（延期）: 法定 20 working days, 即办件,
# 不收费, 0 visits, one material (申请表, 原件, 3 份).
EXTENSION = "housing_construction_permit_extension"
CONFIG = DeviceConfig.demo()


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def printer() -> Iterator[PrinterSimulator]:
    sim = PrinterSimulator()
    sim.start()
    yield sim
    sim.stop()


def test_a_sourced_matter_guide_states_its_record(catalog: Catalog) -> None:
    guide = guide_of(catalog, EXTENSION)
    matter = catalog.matters[EXTENSION]
    assert guide.kind == "matter" and guide.name == matter.name == "建筑工程施工许可证核发（延期）"
    assert guide.limit_days == 0 and guide.catalog_version == catalog.version
    text = guide_text(guide)
    for line in (
        f"实施编码：{matter.code}",
        "事项类型：行政许可",
        "实施机构：玉门市住房和城乡建设局",
        "法定办结时限：20个工作日",
        "承诺办结时限：即办件",
        "收费：不收费",
        "到办事现场次数：0次",
        "通办范围：未注明",  # the record has no scope: said, not guessed
        "1. 建筑工程施工许可证核发（延期）申请表",
        "   原件；3份；核心材料",
    ):
        assert line in text.splitlines(), line
    (source,) = matter.sources
    assert source.title in text and source.url in text
    assert "演示用构造编码" not in text  # a published code is not called constructed


def test_unknown_facts_are_said_unknown_never_filled_in(catalog: Catalog) -> None:
    matter = next(
        m
        for m in catalog.matters.values()
        if m.promise_days is None and m.legal_days is None and not m.fee and not m.type
    )
    guide = guide_of(catalog, matter.id)
    lines = guide_text(guide).splitlines()
    assert f"法定办结时限：{NOT_PUBLISHED}" in lines and f"承诺办结时限：{NOT_PUBLISHED}" in lines
    assert f"收费：{NOT_STATED}" in lines and f"事项类型：{NOT_STATED}" in lines
    assert f"实施机构：{matter.agency or NOT_STATED}" in lines
    assert guide.limit_days is None
    data = guide_to_json(guide)
    assert data["limit_days"] is None and data["matters"][0]["promise_days"] is None
    assert data["matters"][0]["fee"] == "" and data["matters"][0]["type"] == ""
    assert f"实施编码：{matter.code}（演示用构造编码，非公布编码）" in lines


def test_a_matter_without_sources_says_so(catalog: Catalog) -> None:
    matter = next(m for m in catalog.matters.values() if not m.sources)
    guide = guide_of(catalog, matter.id)
    assert guide.sources == () and guide_to_json(guide)["sources"] == []
    lines = guide_text(guide).splitlines()
    assert lines[lines.index("【信息来源】") + 1] == "未注明（本事项记录未列出公开来源）"


def test_a_matter_without_materials_says_so(catalog: Catalog) -> None:
    matter = next(m for m in catalog.matters.values() if not m.materials)
    lines = guide_text(guide_of(catalog, matter.id)).splitlines()
    assert lines[lines.index("【申请材料】") + 1] == NOT_STATED


def test_found_by_id_and_by_code_alike_and_unknown_ids_refused(catalog: Catalog) -> None:
    matter = catalog.matters[EXTENSION]
    assert guide_of(catalog, matter.code) == guide_of(catalog, EXTENSION)
    with pytest.raises(NotFoundError, match="没有找到“nosuch”这个事项"):
        guide_of(catalog, "nosuch")


def test_a_bundle_guide_lists_its_matters_and_each_material_once(catalog: Catalog) -> None:
    bundle = catalog.bundles["newborn"]
    guide = guide_of(catalog, "newborn")
    assert guide.kind == "bundle"
    assert [m.code for m in guide.matters] == [s.code for s in bundle.sub_matters]
    assert [m.name for m in guide.materials] == [m.name for m in bundle.materials.values()]
    by_name = {m.name: m for m in guide.materials}
    # Every matter needs the form and the mother's ID; the father's ID depends on the situation.
    assert not by_name["出生“一件事”联办申请表"].conditional
    assert not by_name["母亲居民身份证"].conditional and by_name["母亲居民身份证"].licence == "居民身份证"
    assert by_name["父亲居民身份证"].conditional
    # Needed always by 生育报销, a matter done only when asked for: so only in that situation.
    assert by_name["生育医疗费用票据及出院小结"].conditional
    conditional = {m.name for m in guide.matters if m.conditional}
    assert conditional == {
        catalog.matter_by_code(s.code).name  # type: ignore[union-attr]
        for s in bundle.sub_matters
        if s.optional or s.when is not None
    }
    # 并联: the longest of the matters' limits.
    assert guide.limit_days == max(s.promise_days or 0 for s in bundle.sub_matters)
    assert f"办结时限：最长{guide.limit_days}个工作日（按所办事项中最长的时限计）" in guide_text(guide)
    assert guide.situations == tuple(q.text for q in bundle.questions)


def test_a_bundle_with_a_matter_without_a_limit_has_none(catalog: Catalog) -> None:
    bundle = next(b for b in catalog.bundles.values() if any(s.promise_days is None for s in b.sub_matters))
    guide = guide_of(catalog, bundle.id)
    assert guide.limit_days is None
    assert "办结时限：未公布（有事项未公布办结时限，以部门告知为准）" in guide_text(guide)


def test_the_receipt_is_titled_with_hall_and_version_and_names_no_one(catalog: Catalog) -> None:
    receipt = guide_receipt(guide_of(catalog, EXTENSION), CONFIG)
    assert (receipt.kind, receipt.title, receipt.reprint) == ("guide", "办事指南", False)
    texts = [b.text for b in receipt.blocks]
    assert texts[:2] == [CONFIG.hall_name, "办事指南"]
    assert f"事项目录版本：{catalog.version}" in texts
    assert CONFIG.operator not in "".join(texts)  # no staff member, no applicant
    assert not [b for b in receipt.blocks if b.kind in ("qr", "barcode")]
    assert "备注" not in texts  # the catalog's notes on its sources are not the citizen's


@pytest.mark.parametrize(("profile", "columns"), [("generic-80-gb18030", 48), ("generic-58-gbk", 32)])
def test_printed_through_the_printer_door_as_escpos(
    catalog: Catalog, printer: PrinterSimulator, profile: str, columns: int
) -> None:
    guide = guide_of(catalog, EXTENSION)
    door = DirectPrinter(f"{printer.uri}?profile={profile}", timeout=5.0)
    door.print_receipt(guide_receipt(guide, CONFIG)).result(10)
    ops = decode_escpos(printer.received, "gbk" if "gbk" in profile else "gb18030")
    lines = printed_lines(ops)
    assert "办事指南" in [line.strip() for line in lines]
    assert "承诺办结时限：即办件" in lines and "法定办结时限：20个工作日" in lines
    url = catalog.matters[EXTENSION].sources[0].url
    assert url in "".join(lines)  # wrapped to the paper, all there
    assert max(display_width(line) for line in lines) <= columns
    assert ("cut" in [op.name for op in ops]) is ("-80-" in profile)  # 58 mm: a tear bar


def test_cli_prints_the_guide_and_its_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, tmp_path, "catalog", "guide", EXTENSION)
    assert code == 0 and "承诺办结时限：即办件" in out.splitlines()
    code, out, _ = run(capsys, tmp_path, "catalog", "guide", "newborn", "--json")
    data = json.loads(out)
    assert code == 0 and data["kind"] == "bundle" and len(data["matters"]) == 6
    code, out, err = run(capsys, tmp_path, "catalog", "guide", "nosuch")
    assert code == 2 and "没有找到“nosuch”这个事项" in err and "unknown matter or bundle" in err
