"""GB/T 2260 administrative division codes: whether a code is known, and its full name."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path

from core.assets import assets_dir
from core.errors import TongbanError

_TABLE = Path("regions") / "gb2260.tsv"


class RegionTableError(TongbanError):
    """The bundled region table is missing or malformed: a broken installation, not a user error."""


def is_known_region(code: str) -> bool:
    """Whether ``code`` is a GB/T 2260 code, current or historic (old ID numbers keep old codes)."""
    return code in _full_names()


def region_name(code: str) -> str | None:
    """The full name, e.g. ``江苏省南京市江宁区`` for 320115; None for an unknown code.

    A renamed code answers with its latest name; an abolished one with the name it last had.
    """
    return _full_names().get(code)


def _full_names() -> Mapping[str, str]:
    return _load(assets_dir() / _TABLE)


def _is_placeholder(name: str) -> bool:
    # GB/T 2260 lists grouping entries that are not part of a place's name: 市辖区 (a city's
    # districts), 县 (a municipality's counties), 省直辖县级行政单位 (counties under a province).
    return name in {"市辖区", "县"} or "直辖" in name


@functools.cache
def _load(path: Path) -> Mapping[str, str]:
    """Reads the table once per path (cached: the file is read-only data) into code → full name."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RegionTableError(
            "行政区划代码表缺失，请重新安装通办。", f"cannot read region table {path}: {exc}"
        ) from exc
    latest: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line or line.startswith("#") or line.startswith("code\t"):
            continue
        columns = line.split("\t")
        code = columns[0]
        if len(columns) < 2 or len(code) != 6 or not code.isdigit() or not columns[1]:
            raise RegionTableError(
                "行政区划代码表已损坏，请重新安装通办。", f"{path}:{number}: malformed row {line!r}"
            )
        latest[code] = columns[1]  # rows are oldest first, so the last one wins
    return {code: _compose(code, name, latest) for code, name in latest.items()}


def _compose(code: str, name: str, short: Mapping[str, str]) -> str:
    """Province + prefecture + county, each from its own code (PP0000, PPCC00, PPCCXX)."""
    if code.endswith("0000"):
        return name
    parts = []
    province = short.get(code[:2] + "0000")
    if province is not None:
        parts.append(province)
    if not code.endswith("00"):
        prefecture = short.get(code[:4] + "00")
        if prefecture is not None and not _is_placeholder(prefecture):
            parts.append(prefecture)
    parts.append(name)
    return "".join(parts)
