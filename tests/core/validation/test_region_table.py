"""The GB/T 2260 region table: the shipped data, full names, historic codes, and its converter."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from core.assets import assets_dir
from core.validation import RegionTableError, is_known_region, region_name

REPO = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("320115", "江苏省南京市江宁区"),
        ("320100", "江苏省南京市"),
        ("320000", "江苏省"),
        ("110105", "北京市朝阳区"),  # 110100 市辖区 is a grouping, not part of the name
        ("429004", "湖北省仙桃市"),  # under 省直辖县级行政单位
        ("120110", "天津市东丽区"),  # renamed from 东郊区 in 1992: the latest name
        ("110103", "北京市崇文区"),  # abolished 2010, still in old ID numbers
        ("810000", "香港特别行政区"),
    ],
)
def test_full_names(code: str, name: str) -> None:
    assert is_known_region(code)
    assert region_name(code) == name


@pytest.mark.parametrize("code", ["999999", "110199", "", "11010", "1101051", "abcdef", "830000"])
def test_unknown_codes(code: str) -> None:
    assert not is_known_region(code)
    assert region_name(code) is None


def test_the_shipped_table_covers_the_country() -> None:
    rows = [
        line.split("\t")
        for line in (assets_dir() / "regions" / "gb2260.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith(("#", "code\t"))
    ]
    codes = {row[0] for row in rows}
    provinces = {code[:2] for code in codes}
    assert len(codes) > 6000
    assert len(provinces) == 34  # 31 mainland + 台湾 + 香港 + 澳门
    assert all(len(row) == 4 and row[1] for row in rows)


def test_an_override_assets_dir_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "regions").mkdir()
    (tmp_path / "regions" / "gb2260.tsv").write_text(
        "# test\ncode\tname\tsince\tuntil\n990000\t测试省\t\t\n990100\t甲市\t\t\n990101\t旧区\t\t2000\n990101\t新区\t2001\t\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("TONGBAN_ASSETS", str(tmp_path))
    assert region_name("990101") == "测试省甲市新区"
    assert not is_known_region("320115")


def test_a_missing_table_is_a_loud_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TONGBAN_ASSETS", str(tmp_path))
    with pytest.raises(RegionTableError, match="行政区划代码表缺失"):
        is_known_region("320115")


def test_a_malformed_table_is_a_loud_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "regions").mkdir()
    (tmp_path / "regions" / "gb2260.tsv").write_text("code\tname\n32011\t江宁区\n", encoding="utf-8")
    monkeypatch.setenv("TONGBAN_ASSETS", str(tmp_path))
    with pytest.raises(RegionTableError, match="已损坏"):
        region_name("320115")


def _converter() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_regions", REPO / "installer" / "tools" / "make_regions.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_converter_reads_stdnum_loc_dat(tmp_path: Path) -> None:
    loc = tmp_path / "loc.dat"
    loc.write_text(
        "# Downloaded from somewhere\n"
        '12 province="天津市"\n'
        '  0000 county="天津市"\n'
        '  0110 county="[-1991]东郊区,[1992-]东丽区"\n'
        '  0103 county="[-2009]河西区"\n',
        encoding="utf-8",
    )
    target = tmp_path / "gb2260.tsv"
    assert _converter().main([str(loc), str(target)]) == 0
    lines = [line for line in target.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert lines == [
        "code\tname\tsince\tuntil",
        "120000\t天津市\t\t",
        "120103\t河西区\t\t2009",
        "120110\t东郊区\t\t1991",
        "120110\t东丽区\t1992\t",
    ]


def test_converter_refuses_a_line_it_cannot_read(tmp_path: Path) -> None:
    loc = tmp_path / "loc.dat"
    loc.write_text('12 province="天津市"\n  01x0 county="坏"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        _converter().main([str(loc), str(tmp_path / "out.tsv")])
