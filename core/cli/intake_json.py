"""The JSON document ``tongban cases add --json FILE`` accepts, turned into an IntakeRequest."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from core.cases.intake import IntakeRequest, MaterialInput
from core.cases.model import ItemState
from core.errors import ValidationError
from core.flows.intake import CardData, card_problems
from core.validation.scans import read_regular_file, read_scan_file

TOP_KEYS = {"bundle", "applicant", "answers", "materials", "form", "operator", "applicant_source"}
MATERIAL_KEYS = {"state", "deadline", "files", "note", "licence_number"}
MAX_JSON_BYTES = 10 * 1024 * 1024  # an intake document is a few KB; its scans are separate files
CARD_KEYS = ("valid_from", "valid_to")  # the ID card's 有效期, given in "applicant" beside its fields
LONG_TERM = "长期"


def _bad(field: str, message: str, detail: str = "") -> ValidationError:
    return ValidationError(field, message, detail)


@dataclass(frozen=True, slots=True)
class IntakeDocument:
    """A parsed intake document. ``file_problems`` are scan files that could not be read; their
    materials carry an empty placeholder page so that the other rules can be checked first."""

    request: IntakeRequest
    operator: str | None
    file_problems: tuple[ValidationError, ...] = ()
    card: CardData | None = None  # when the applicant names the ID card's 有效期

    def check_card(self, today: date) -> None:
        """Refuse a card core's card_problems refuses (expired, not yet valid), as the kiosk does;
        at the command line no supervisor can decide otherwise (the window asks one)."""
        for problem in card_problems(self.card, today) if self.card is not None else ():
            raise ValidationError(problem.field, problem.message, problem.detail)


def _material(
    material_id: str, raw: Any, base: Path, data_dir: Path | None, problems: list[ValidationError]
) -> MaterialInput:
    where = f"materials.{material_id}"
    if isinstance(raw, str):
        raw = {"state": raw}
    if not isinstance(raw, Mapping):
        raise _bad(
            where, '应为状态文字或对象，如 "paper" 或 {"state": "deficient", "deadline": "2026-12-01"}'
        )
    for key in raw:
        if key not in MATERIAL_KEYS:
            raise _bad(
                f"{where}.{key}", f"材料登记中没有“{key}”这一项（可用：{'、'.join(sorted(MATERIAL_KEYS))}）"
            )
    try:
        state = ItemState(str(raw.get("state")))
    except ValueError:
        allowed = "、".join(f"{s.value}（{s.label}）" for s in ItemState if s is not ItemState.PENDING)
        raise _bad(f"{where}.state", f"材料状态“{raw.get('state')}”无效，可用：{allowed}") from None
    deadline = None
    if raw.get("deadline"):
        try:
            deadline = date.fromisoformat(str(raw["deadline"]))
        except ValueError:
            raise _bad(f"{where}.deadline", f"补齐期限“{raw['deadline']}”应为 YYYY-MM-DD 日期") from None
    pages = []
    files = raw.get("files", [])
    if not isinstance(files, list):
        raise _bad(f"{where}.files", "扫描页应为文件路径列表")
    for name in files:
        try:  # a scan is a regular file of bounded size, an image or PDF, not ours (core.validation.scans)
            pages.append(read_scan_file(base / str(name), field=f"{where}.files", data_dir=data_dir))
        except ValidationError as exc:
            problems.append(exc)
            pages.append(b"")
    return MaterialInput(
        state=state,
        deadline=deadline,
        pages=tuple(pages),
        note=str(raw.get("note", "")),
        licence_number=str(raw.get("licence_number", "")),
    )


def parse_intake_document(data: Any, base: Path, *, data_dir: Path | None = None) -> IntakeDocument:
    """Validate the document's shape; returns the request, the operator it names (if any) and
    the scan files that could not be read or are no scans.

    Relative scan file paths are resolved against ``base`` (the JSON file's folder); no scan may
    lie under ``data_dir`` (the device's own data: its key, its store).
    """
    if not isinstance(data, Mapping):
        raise _bad("$", "受理数据应为 JSON 对象")
    for key in data:
        if key not in TOP_KEYS:
            raise _bad(key, f"受理数据中没有“{key}”这一项（可用：{'、'.join(sorted(TOP_KEYS))}）")
    if not isinstance(data.get("bundle"), str):
        raise _bad("bundle", '请写明要办的“一件事”编号，如 "bundle": "newborn"')
    for key in ("applicant", "answers", "materials", "form"):
        if key in data and not isinstance(data[key], Mapping):
            raise _bad(key, f"“{key}”应为 JSON 对象")
    if "applicant" not in data:
        raise _bad("applicant", "缺少申请人信息 applicant")
    applicant = dict(data["applicant"])
    card = _card(applicant)
    problems: list[ValidationError] = []
    materials = {
        str(k): _material(str(k), v, base, data_dir, problems) for k, v in data.get("materials", {}).items()
    }
    request = IntakeRequest(
        bundle_id=data["bundle"],
        applicant=applicant,
        answers=dict(data.get("answers", {})),
        materials=materials,
        form=dict(data.get("form", {})),
        applicant_source=str(data.get("applicant_source", "typed")),
    )
    operator = data.get("operator")
    return IntakeDocument(request, str(operator) if operator else None, tuple(problems), card)


def _card(applicant: dict[str, Any]) -> CardData | None:
    """Take the card's 有效期 out of ``applicant`` (the rest is the applicant as the window has it)."""
    if not any(key in applicant for key in CARD_KEYS):
        return None
    dates: dict[str, date | None] = {}
    for key in CARD_KEYS:
        raw = applicant.pop(key, None)
        if raw is None or (key == "valid_to" and raw == LONG_TERM):
            dates[key] = None
            continue
        try:
            dates[key] = date.fromisoformat(raw if isinstance(raw, str) else "")
        except ValueError:
            also = "或“长期”" if key == "valid_to" else ""
            raise _bad(
                f"applicant.{key}",
                f"证件有效期“{raw}”应为 YYYY-MM-DD 日期{also}",
                f"{key} {raw!r} is not a date",
            ) from None
    return CardData(
        name=str(applicant.get("name", "")),
        id_number=str(applicant.get("id_number", "")),
        valid_from=dates["valid_from"],
        valid_to=dates["valid_to"],
    )


def load_intake_file(path: Path, *, data_dir: Path | None = None) -> IntakeDocument:
    """Read and parse an intake document (``parse_intake_document``); the file itself must be a
    regular file of at most MAX_JSON_BYTES (a FIFO or /dev/zero is refused, not waited on)."""
    try:
        raw = read_regular_file(
            path, field="--json", limit=MAX_JSON_BYTES, noun=("受理数据文件", "intake file")
        )
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _bad(
            "--json", f"受理数据文件 {path} 不是 UTF-8 编码", f"intake file {path} is not UTF-8"
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _bad(
            "--json", f"受理数据文件 {path} 不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列）", str(exc)
        ) from None
    return parse_intake_document(data, path.parent, data_dir=data_dir)
