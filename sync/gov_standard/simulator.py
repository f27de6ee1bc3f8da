"""A simulator of a provincial 统一受理 / 办件汇聚 interface (the ``gov-standard`` flavour).

``tongban platform serve --flavour gov-standard`` runs it; tests and the demo sync against it
through the gov-standard adapter (sync/gov_standard/adapter.py). It keeps what such a platform
keeps: registered terminals with their app secrets, 办件 records in the national data model
(core/banjian, read strictly: a record that breaks the model is refused naming its field), the
办件编号 it binds, material files, 好差评 — and plays the departments: each accepted 办件 goes to
its department (8 部门开始办理) and is settled (11 办结（通过）) after a delay, unless 容缺 materials
are still open. Every change it makes is a row of ``changes``, read by terminals in id order.

Its rules are the interface's own, not copies of the reference platform's: app-key signatures
(wire.py), reports idempotent by their serial ``sn``, a record's local number inside the
terminal's own (region, number) range. One SQLite file; one lock (the interface is small).
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import secrets
import sqlite3
import threading
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Final

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from core.banjian.codec import record_from_json
from core.banjian.model import BanjianRecord
from core.case_numbers import parse_case_number
from core.errors import ValidationError
from sync.gov_standard import wire

logger = logging.getLogger(__name__)

PLATFORM_ID: Final = "gov-standard-sim"
VERSION: Final = "gov-standard/1"
MAX_BODY: Final = 8 * 1024 * 1024
MAX_FILE: Final = 64 * 1024 * 1024
_SCHEMA: Final = (
    """CREATE TABLE IF NOT EXISTS reg_codes (code TEXT PRIMARY KEY, issued_at TEXT NOT NULL, used_by TEXT)""",
    """CREATE TABLE IF NOT EXISTS terminals (
        terminal_id TEXT PRIMARY KEY, terminal_no INTEGER NOT NULL, area_code TEXT NOT NULL,
        role TEXT NOT NULL, secret BLOB NOT NULL, registered_at TEXT NOT NULL,
        UNIQUE (area_code, terminal_no))""",
    """CREATE TABLE IF NOT EXISTS nonces (app_key TEXT NOT NULL, nonce TEXT NOT NULL, at_ms INTEGER NOT NULL,
        PRIMARY KEY (app_key, nonce))""",
    """CREATE TABLE IF NOT EXISTS reports (sn TEXT PRIMARY KEY, terminal_id TEXT NOT NULL,
        local_projid TEXT NOT NULL, event TEXT NOT NULL, digest TEXT NOT NULL, receipt_id TEXT NOT NULL,
        received_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS cases (local_projid TEXT PRIMARY KEY, terminal_id TEXT NOT NULL,
        projid TEXT NOT NULL UNIQUE, dispatched INTEGER NOT NULL DEFAULT 0)""",
    """CREATE TABLE IF NOT EXISTS banjian (local_projid TEXT NOT NULL, matter_id TEXT NOT NULL,
        projid TEXT NOT NULL UNIQUE, servicecode TEXT NOT NULL, handlestart TEXT NOT NULL,
        record TEXT NOT NULL, open_materials INTEGER NOT NULL, due_at TEXT,
        PRIMARY KEY (local_projid, matter_id))""",
    """CREATE TABLE IF NOT EXISTS changes (id INTEGER PRIMARY KEY AUTOINCREMENT, terminal_id TEXT NOT NULL,
        local_projid TEXT NOT NULL, matter_id TEXT, change_type TEXT NOT NULL, projid TEXT,
        handlestart TEXT, opinion TEXT NOT NULL DEFAULT '', change_time TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS files (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL,
        received INTEGER NOT NULL, complete INTEGER NOT NULL, data BLOB NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS evaluations (id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL,
        body TEXT NOT NULL, received_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS serials (day TEXT PRIMARY KEY, last INTEGER NOT NULL)""",
)
# The applicant withdrew or the case was refused at the window: the terminal's word is final.
_TERMINAL_FINAL: Final = frozenset({"2", "4", "5", "6", "14", "15"})
_SETTLED: Final = frozenset({"11", "12", "13"})


class Refused(Exception):
    """A request the interface answers with a failure code in its envelope."""

    def __init__(self, code: str, msg: str, status: int = 200) -> None:
        super().__init__(msg)
        self.code, self.msg, self.status = code, msg, status


@dataclass(frozen=True, slots=True)
class SimulatorConfig:
    db_path: Path
    step_s: float = 1.0  # each department step (8 部门开始办理, then 11 办结) after this delay
    departments: bool = True


class GovStandardSimulator:
    """The province's side: state in one SQLite file, the departments on a thread of their own."""

    def __init__(self, config: SimulatorConfig, *, now: Callable[[], datetime] | None = None) -> None:
        self.config = config
        self._now = now or (lambda: datetime.now(UTC).astimezone())
        self._lock = threading.RLock()
        self._db = sqlite3.connect(config.db_path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        for statement in _SCHEMA:
            self._db.execute(statement)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- operators --------------------------------------------------------------------------

    def issue_code(self) -> str:
        code = "GS-" + secrets.token_hex(4).upper()
        with self._lock:
            self._db.execute("INSERT INTO reg_codes VALUES (?, ?, NULL)", (code, self._stamp()))
        return code

    def records(self, local_projid: str | None = None) -> list[dict[str, Any]]:
        """The 办件 records held, as the interface reports them (query), oldest first."""
        sql = "SELECT record, projid, handlestart FROM banjian"
        args: tuple[str, ...] = ()
        if local_projid is not None:
            sql, args = sql + " WHERE local_projid = ?", (local_projid,)
        with self._lock:
            rows = self._db.execute(sql + " ORDER BY rowid", args).fetchall()
        return [json.loads(r) | {"projectNo": p, "proStatus": h} for r, p, h in rows]

    def case_projid(self, local_projid: str) -> str | None:
        with self._lock:
            row = self._db.execute(
                "SELECT projid FROM cases WHERE local_projid = ?", (local_projid,)
            ).fetchone()
        return None if row is None else str(row[0])

    def close(self) -> None:
        self.stop_departments()
        self._db.close()

    # -- the departments --------------------------------------------------------------------

    def start_departments(self) -> None:
        if self.config.departments and self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="gov-standard-departments", daemon=True)
            self._thread.start()

    def stop_departments(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(10)
            self._thread = None

    def _run(self) -> None:
        while not self._stop.wait(min(0.2, self.config.step_s)):
            try:
                self.run_due()
            except sqlite3.Error:
                logger.exception("gov-standard departments: a step failed; retried on the next tick")

    def run_due(self) -> int:
        """Take every department step that is due now; how many were taken."""
        now = self._now()
        taken = 0
        with self._lock:
            due = self._db.execute(
                "SELECT local_projid, matter_id, projid, handlestart, open_materials FROM banjian"
                " WHERE due_at IS NOT NULL AND due_at <= ? ORDER BY due_at",
                (now.isoformat(),),
            ).fetchall()
            for local, matter, projid, state, open_materials in due:
                terminal = self._terminal_of(local)
                if state == "3":
                    self._set_state(local, matter, projid, "8", "部门已收到，开始办理", terminal, now)
                    self._dispatch_case(local, terminal, now)
                    taken += 1
                elif state == "8" and not open_materials:
                    self._set_state(local, matter, projid, "11", "准予办理（模拟部门）", terminal, now)
                    taken += 1
                else:  # waiting for 容缺 materials: the next report that shows them taken restarts it
                    self._db.execute(
                        "UPDATE banjian SET due_at = NULL WHERE local_projid = ? AND matter_id = ?",
                        (local, matter),
                    )
        return taken

    def _set_state(
        self, local: str, matter: str, projid: str, state: str, opinion: str, terminal: str, now: datetime
    ) -> None:
        due = None if state in _SETTLED else (now + timedelta(seconds=self.config.step_s)).isoformat()
        self._db.execute(
            "UPDATE banjian SET handlestart = ?, due_at = ? WHERE local_projid = ? AND matter_id = ?",
            (state, due, local, matter),
        )
        self._change(terminal, local, matter, "state", projid, state, opinion, now)

    def _dispatch_case(self, local: str, terminal: str, now: datetime) -> None:
        moved = self._db.execute(
            "UPDATE cases SET dispatched = 1 WHERE local_projid = ? AND dispatched = 0", (local,)
        ).rowcount
        if moved:
            self._change(
                terminal, local, None, "state", self.case_projid(local), "8", "已分送各部门并联办理", now
            )

    def _change(
        self,
        terminal: str,
        local: str,
        matter: str | None,
        kind: str,
        projid: str | None,
        state: str | None,
        opinion: str,
        now: datetime,
    ) -> None:
        self._db.execute(
            "INSERT INTO changes (terminal_id, local_projid, matter_id, change_type, projid, handlestart, opinion,"
            " change_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (terminal, local, matter, kind, projid, state, opinion, now.isoformat(timespec="seconds")),
        )

    def _terminal_of(self, local: str) -> str:
        row = self._db.execute("SELECT terminal_id FROM cases WHERE local_projid = ?", (local,)).fetchone()
        return str(row[0])

    # -- requests ---------------------------------------------------------------------------

    def register(self, body: Mapping[str, Any]) -> dict[str, Any]:
        code, terminal, area, role = (_field(body, k) for k in ("regCode", "terminalId", "areaCode", "role"))
        asked = body.get("terminalNo")
        if asked is not None and (
            not isinstance(asked, int) or isinstance(asked, bool) or not 1 <= asked <= 999
        ):
            raise Refused(wire.E_BAD_REQUEST, "终端编号应为 1–999 的整数。")
        with self._lock:
            row = self._db.execute("SELECT used_by FROM reg_codes WHERE code = ?", (code,)).fetchone()
            if row is None or row[0] not in (None, terminal):
                raise Refused(wire.E_AUTH, "注册码无效或已被使用。", 403)
            held = self._db.execute(
                "SELECT terminal_no FROM terminals WHERE terminal_id = ?", (terminal,)
            ).fetchone()
            number = held[0] if held else asked
            if number is None:
                used = {
                    r[0]
                    for r in self._db.execute(
                        "SELECT terminal_no FROM terminals WHERE area_code = ?", (area,)
                    )
                }
                number = next(n for n in range(1, 1000) if n not in used)
            other = self._db.execute(
                "SELECT terminal_id FROM terminals WHERE area_code = ? AND terminal_no = ?", (area, number)
            ).fetchone()
            if other is not None and other[0] != terminal:
                raise Refused(wire.E_BAD_REQUEST, f"本区划的终端编号 {number} 已被其他终端使用。")
            secret = secrets.token_bytes(32)
            self._db.execute(
                "INSERT INTO terminals VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (terminal_id) DO UPDATE SET"
                " secret = excluded.secret, role = excluded.role",
                (terminal, number, area, role, secret, self._stamp()),
            )
            self._db.execute("UPDATE reg_codes SET used_by = ? WHERE code = ?", (terminal, code))
        return {
            "terminalId": terminal,
            "terminalNo": number,
            "appSecret": base64.b64encode(secret).decode(),
            "platformId": PLATFORM_ID,
            "serverTime": self._stamp(),
        }

    def authenticate(self, headers: Mapping[str, str], method: str, path_and_query: str, body: bytes) -> str:
        """The terminal id a signed request comes from, or Refused (401)."""
        key, stamp, nonce, sign = (
            headers.get(h, "") for h in (wire.H_APP_KEY, wire.H_TIMESTAMP, wire.H_NONCE, wire.H_SIGN)
        )
        if not (key and stamp.isdigit() and len(nonce) == 32 and sign.isascii()):
            raise Refused(wire.E_AUTH, "请求未签名或签名头不完整。", 401)
        now_ms = int(self._now().timestamp() * 1000)
        if abs(now_ms - int(stamp)) > wire.MAX_SKEW_MS:
            raise Refused(wire.E_AUTH, "请求时间与平台时间相差超过 5 分钟，请校准终端时钟。", 401)
        with self._lock:
            row = self._db.execute("SELECT secret FROM terminals WHERE terminal_id = ?", (key,)).fetchone()
            if row is None or not wire.sign_matches(
                bytes(row[0]), sign, key, stamp, nonce, method, path_and_query, body
            ):
                raise Refused(wire.E_AUTH, "终端未注册或签名不正确。", 401)
            self._db.execute("DELETE FROM nonces WHERE at_ms < ?", (now_ms - 2 * wire.MAX_SKEW_MS,))
            try:
                self._db.execute("INSERT INTO nonces VALUES (?, ?, ?)", (key, nonce, int(stamp)))
            except sqlite3.IntegrityError:
                raise Refused(wire.E_AUTH, "重复的请求（nonce 已用过）。", 401) from None
        return key

    def report(self, terminal: str, body: Mapping[str, Any]) -> dict[str, Any]:
        reports = body.get("reports")
        if not isinstance(reports, list) or not 0 < len(reports) <= wire.MAX_REPORTS:
            raise Refused(wire.E_BAD_REQUEST, f"reports 应为 1–{wire.MAX_REPORTS} 条上报。")
        return {"results": [self._one_report(terminal, r, i) for i, r in enumerate(reports)]}

    def _one_report(self, terminal: str, report: object, index: int) -> dict[str, Any]:
        if not isinstance(report, dict) or not isinstance(report.get("sn"), str):
            raise Refused(wire.E_BAD_REQUEST, f"第 {index + 1} 条上报缺少流水号 sn。")
        sn = report["sn"]
        digest = hashlib.sha256(json.dumps(report, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        with self._lock:
            seen = self._db.execute(
                "SELECT terminal_id, digest, receipt_id, received_at FROM reports WHERE sn = ?", (sn,)
            ).fetchone()
            if seen is not None:
                if seen[0] != terminal or seen[1] != digest:
                    return {"sn": sn, "code": "409", "msg": "同一流水号已上报过不同的内容。"}
                return {
                    "sn": sn,
                    "code": wire.OK,
                    "duplicate": True,
                    "receiptId": seen[2],
                    "receivedAt": seen[3],
                }
            try:
                local, records = self._check_report(terminal, report)
            except Refused as exc:
                return {"sn": sn, "code": exc.code, "msg": exc.msg}
            now = self._now()
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._store_records(terminal, local, records, now)
                receipt = "R" + secrets.token_hex(8)
                self._db.execute(
                    "INSERT INTO reports VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (sn, terminal, local, str(report.get("event", "")), digest, receipt, self._stamp()),
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return {
            "sn": sn,
            "code": wire.OK,
            "duplicate": False,
            "receiptId": receipt,
            "receivedAt": self._stamp(),
        }

    def _check_report(
        self, terminal: str, report: Mapping[str, Any]
    ) -> tuple[str, list[tuple[dict[str, Any], BanjianRecord]]]:
        local = report.get("localProjid")
        try:
            number = parse_case_number(str(local))
        except ValidationError:
            raise Refused(wire.E_BAD_RECORD, f"localProjid“{str(local)[:40]}”不是有效的办件编号。") from None
        area, no = self._db.execute(
            "SELECT area_code, terminal_no FROM terminals WHERE terminal_id = ?", (terminal,)
        ).fetchone()
        if (number.region, number.device_no) != (area, no):
            raise Refused(
                wire.E_BAD_RECORD, f"办件编号 {number.digits} 不在本终端（{area}-{no:03d}）的编号范围内。"
            )
        records = report.get("records")
        if not isinstance(records, list) or not records:
            raise Refused(wire.E_BAD_RECORD, "records 应为非空的办件记录列表。")
        checked = []
        for i, raw in enumerate(records):
            try:
                parsed = record_from_json(raw, f"$.records[{i}]")
            except ValidationError as exc:
                raise Refused(wire.E_BAD_RECORD, f"办件记录不符合数据规范：{exc.message}") from None
            if parsed.local_number != number.digits:
                raise Refused(wire.E_BAD_RECORD, f"$.records[{i}].localProjectNo 与上报的办件编号不一致。")
            checked.append((raw, parsed))
        if len({p.matter_id for _, p in checked}) != len(checked):
            raise Refused(wire.E_BAD_RECORD, "同一事项在一次上报中出现了两次。")
        return number.digits, checked

    def _store_records(
        self, terminal: str, local: str, records: list[tuple[dict[str, Any], BanjianRecord]], now: datetime
    ) -> None:
        if self._db.execute("SELECT 1 FROM cases WHERE local_projid = ?", (local,)).fetchone() is None:
            case_projid = self._serial(now, "YJS" if len(records) > 1 else "BJ")
            self._db.execute("INSERT INTO cases VALUES (?, ?, ?, 0)", (local, terminal, case_projid))
            self._change(terminal, local, None, "projid", case_projid, None, "办件编号已赋码", now)
        for record, parsed in records:
            matter, state = parsed.matter_id, parsed.state.value
            open_materials = sum(1 for m in parsed.materials if not m.taken)
            held = self._db.execute(
                "SELECT projid, handlestart FROM banjian WHERE local_projid = ? AND matter_id = ?",
                (local, matter),
            ).fetchone()
            if held is None:
                projid = self._serial(now, "BJ") if len(records) > 1 else self.case_projid(local) or ""
                due = (now + timedelta(seconds=self.config.step_s)).isoformat() if state == "3" else None
                self._db.execute(
                    "INSERT INTO banjian VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        local,
                        matter,
                        projid,
                        parsed.implementation_code,
                        state,
                        json.dumps(record, ensure_ascii=False),
                        open_materials,
                        due,
                    ),
                )
                continue
            projid, ours = held
            keep = ours if ours in _SETTLED or (ours == "8" and state == "3") else state
            if state in _TERMINAL_FINAL:
                keep = state
            restart = ours == "8" and open_materials == 0
            self._db.execute(
                "UPDATE banjian SET record = ?, handlestart = ?, open_materials = ?,"
                " due_at = CASE WHEN ? THEN ? ELSE due_at END WHERE local_projid = ? AND matter_id = ?",
                (
                    json.dumps(record, ensure_ascii=False),
                    keep,
                    open_materials,
                    restart,
                    (now + timedelta(seconds=self.config.step_s)).isoformat(),
                    local,
                    matter,
                ),
            )

    def changes(self, terminal: str, since: int, limit: int) -> dict[str, Any]:
        with self._lock:
            rows = self._db.execute(
                "SELECT id, local_projid, matter_id, change_type, projid, handlestart, opinion, change_time"
                " FROM changes WHERE terminal_id = ? AND id > ? ORDER BY id LIMIT ?",
                (terminal, since, limit),
            ).fetchall()
            last = self._db.execute("SELECT COALESCE(MAX(id), 0) FROM changes").fetchone()[0]
        changes = [
            {
                "changeId": r[0],
                "localProjid": r[1],
                "matterId": r[2],
                "changeType": r[3],
                "projid": r[4],
                "handlestart": r[5],
                "opinion": r[6],
                "changeTime": r[7],
            }
            for r in rows
        ]
        next_id = rows[-1][0] if len(rows) == limit else max(since, last)
        return {"changes": changes, "nextId": next_id}

    def file_status(self, sha: str) -> dict[str, Any]:
        with self._lock:
            row = self._db.execute(
                "SELECT size, received, complete FROM files WHERE sha256 = ?", (sha,)
            ).fetchone()
        if row is None:
            return {"received": 0, "fileSize": None, "complete": False}
        return {"received": row[1], "fileSize": row[0], "complete": bool(row[2])}

    def put_file(self, sha: str, offset: int, size: int, chunk: bytes) -> dict[str, Any]:
        if not 0 < size <= MAX_FILE or offset < 0 or offset + len(chunk) > size:
            raise Refused(wire.E_BAD_REQUEST, "文件大小或偏移不正确。")
        with self._lock:
            row = self._db.execute(
                "SELECT size, received, complete, data FROM files WHERE sha256 = ?", (sha,)
            ).fetchone()
            data = b"" if row is None else bytes(row[3])
            if row is not None and row[2]:
                return self.file_status(sha)
            if offset != len(data):
                raise Refused(wire.E_OFFSET, f"偏移应为 {len(data)}。")
            data += chunk
            complete = len(data) == size
            if complete and hashlib.sha256(data).hexdigest() != sha:
                self._db.execute("DELETE FROM files WHERE sha256 = ?", (sha,))
                raise Refused(wire.E_BAD_REQUEST, "文件内容与其摘要不符，请重新上传。")
            self._db.execute(
                "INSERT INTO files VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO UPDATE SET"
                " received = excluded.received, complete = excluded.complete, data = excluded.data",
                (sha, size, len(data), int(complete), data),
            )
        return self.file_status(sha)

    def evaluations(self, terminal: str, body: Mapping[str, Any]) -> dict[str, Any]:
        items = body.get("items")
        if not isinstance(items, list) or not all(
            isinstance(x, dict) and isinstance(x.get("id"), str) for x in items
        ):
            raise Refused(wire.E_BAD_REQUEST, "items 应为带 id 的评价列表。")
        results = []
        with self._lock:
            for item in items:
                level = item.get("satisfaction")
                if not isinstance(level, int) or isinstance(level, bool) or not 1 <= level <= 5:
                    raise Refused(wire.E_BAD_REQUEST, "satisfaction 应为 1–5 的整数。")
                stored = self._db.execute(
                    "INSERT OR IGNORE INTO evaluations VALUES (?, ?, ?, ?)",
                    (item["id"], terminal, json.dumps(item, ensure_ascii=False), self._stamp()),
                ).rowcount
                results.append({"id": item["id"], "duplicate": not stored})
        return {"results": results}

    def evaluation_count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM evaluations").fetchone()[0])

    # -- helpers ----------------------------------------------------------------------------

    def _serial(self, now: datetime, prefix: str) -> str:
        """A 办件编号: prefix + date + a daily serial (the platform's own numbering, docs/gov-standard.md)."""
        day = now.strftime("%Y%m%d")
        self._db.execute(
            "INSERT INTO serials VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET last = last + 1", (day,)
        )
        last = self._db.execute("SELECT last FROM serials WHERE day = ?", (day,)).fetchone()[0]
        return f"{prefix}{day}{last:06d}"

    def _stamp(self) -> str:
        return self._now().isoformat(timespec="seconds")

    # -- HTTP -------------------------------------------------------------------------------

    def app(self) -> Starlette:
        @asynccontextmanager
        async def lifespan(_: Starlette) -> AsyncIterator[None]:
            self.start_departments()
            yield
            self.stop_departments()

        return Starlette(
            routes=[
                Route(wire.P_HEALTH, self._h_health, methods=["GET"]),
                Route(wire.P_REGISTER, self._h_register, methods=["POST"]),
                Route(wire.P_REPORT, self._h_report, methods=["POST"]),
                Route(wire.P_CHANGES, self._h_changes, methods=["GET"]),
                Route(wire.P_FILE, self._h_file, methods=["GET", "PUT"]),
                Route(wire.P_EVALUATIONS, self._h_evaluations, methods=["POST"]),
            ],
            lifespan=lifespan,
        )

    async def _h_health(self, request: Request) -> Response:
        return _ok({"version": VERSION, "serverTime": self._stamp(), "platformId": PLATFORM_ID})

    async def _h_register(self, request: Request) -> Response:
        return await _guarded(lambda body: self.register(_json(body)), request)

    async def _h_report(self, request: Request) -> Response:
        return await self._signed(request, lambda terminal, body: self.report(terminal, _json(body)))

    async def _h_changes(self, request: Request) -> Response:
        def answer(terminal: str, _: bytes) -> dict[str, Any]:
            since = _int(request.query_params.get("since", "0"), "since", 0, 2**62)
            limit = _int(request.query_params.get("limit", "500"), "limit", 1, 1000)
            return self.changes(terminal, since, limit)

        return await self._signed(request, answer)

    async def _h_file(self, request: Request) -> Response:
        sha = request.path_params["sha256"]
        if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
            return _fail(Refused(wire.E_BAD_REQUEST, "文件摘要应为 64 位十六进制。"))
        if request.method == "GET":
            return await self._signed(request, lambda _t, _b: self.file_status(sha))

        def put(_: str, body: bytes) -> dict[str, Any]:
            offset = _int(request.query_params.get("offset", ""), "offset", 0, MAX_FILE)
            size = _int(request.headers.get(wire.H_TOTAL_SIZE, ""), wire.H_TOTAL_SIZE, 1, MAX_FILE)
            return self.put_file(sha, offset, size, body)

        return await self._signed(request, put, limit=MAX_FILE)

    async def _h_evaluations(self, request: Request) -> Response:
        return await self._signed(request, lambda terminal, body: self.evaluations(terminal, _json(body)))

    async def _signed(
        self, request: Request, handle: Callable[[str, bytes], dict[str, Any]], limit: int = MAX_BODY
    ) -> Response:
        try:
            body = await _body(request, limit)
            path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            terminal = self.authenticate(request.headers, request.method, path, body)
            return _ok(handle(terminal, body))
        except Refused as exc:
            return _fail(exc)


async def _guarded(handle: Callable[[bytes], dict[str, Any]], request: Request) -> Response:
    try:
        return _ok(handle(await _body(request, MAX_BODY)))
    except Refused as exc:
        return _fail(exc)


async def _body(request: Request, limit: int) -> bytes:
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise Refused(wire.E_BAD_REQUEST, "请求过大。", 413)
    return body


def _json(body: bytes) -> dict[str, Any]:
    try:
        value = json.loads(body)
    except (ValueError, RecursionError):
        raise Refused(wire.E_BAD_REQUEST, "请求不是有效的 JSON。") from None
    if not isinstance(value, dict):
        raise Refused(wire.E_BAD_REQUEST, "请求应为 JSON 对象。")
    return value


def _field(body: Mapping[str, Any], key: str) -> str:
    value = body.get(key)
    if not isinstance(value, str) or not value.strip():
        raise Refused(wire.E_BAD_REQUEST, f"缺少 {key}。")
    return value.strip()


def _int(raw: str, name: str, low: int, high: int) -> int:
    if not raw.isascii() or not raw.isdigit() or not low <= int(raw) <= high:
        raise Refused(wire.E_BAD_REQUEST, f"{name} 应为 {low}–{high} 的整数。")
    return int(raw)


def _ok(data: dict[str, Any]) -> Response:
    return JSONResponse(wire.envelope(data))


def _fail(exc: Refused) -> Response:
    return JSONResponse({"code": exc.code, "msg": exc.msg, "data": None}, status_code=exc.status)
