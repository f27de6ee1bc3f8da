"""Staff accounts and offline login: scrypt password hashes pulled by sync, checked on the device.

The hashes are core.passwords', the one implementation the platform uses too.

Roles: window staff (窗口人员), supervisor (值班长: reprints, overrides), outreach helper (帮办代办员)
and admin (device setup). Every login, failed login and override is in the audit log; repeated
failures lock the account on this device for a while (等保 2.0: 登录失败处理).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from core.clock import Clock
from core.errors import TongbanError, ValidationError
from core.passwords import hash_password, verify_password
from core.store.records import AuditEntry
from core.store.store import Store
from core.store.sync_state import StaffRecord

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=10)


class Role(StrEnum):
    """Persisted values: never rename one."""

    WINDOW = "window"
    SUPERVISOR = "supervisor"
    OUTREACH = "outreach"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return {"window": "窗口人员", "supervisor": "值班长", "outreach": "帮办代办员", "admin": "管理员"}[
            self.value
        ]


# What each role may do beyond plain intake.
PERMISSIONS: dict[str, frozenset[Role]] = {
    "reprint": frozenset({Role.SUPERVISOR, Role.ADMIN}),  # 补打
    "withdraw": frozenset({Role.SUPERVISOR, Role.ADMIN}),
    "terminate": frozenset({Role.SUPERVISOR, Role.ADMIN}),
    "expired_card": frozenset({Role.SUPERVISOR, Role.ADMIN}),  # intake on a card core.flows refuses
    "queue_stats": frozenset({Role.SUPERVISOR, Role.ADMIN}),  # 排队统计 in the window client
    "setup": frozenset({Role.ADMIN}),
    "intake": frozenset({Role.WINDOW, Role.SUPERVISOR, Role.OUTREACH, Role.ADMIN}),
}


class LoginError(TongbanError):
    """Wrong staff id or password, a disabled account, or a lock after repeated failures."""


@dataclass(frozen=True, slots=True)
class StaffSession:
    """Who is logged in on this device."""

    staff_id: str
    name: str
    role: Role
    since: datetime

    def may(self, action: str) -> bool:
        return self.role in PERMISSIONS.get(action, frozenset())


class StaffDirectory:
    """Logs staff in against the accounts in the store; lives on its Store's thread."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock
        self._failures: dict[str, list[datetime]] = {}

    def has_accounts(self) -> bool:
        return bool(self._store.sync.staff_accounts())

    def create_first_admin(self, staff_id: str, name: str, password: str) -> StaffSession:
        """At setup of a new device: the first administrator, only while no account exists."""
        if self.has_accounts():
            raise ValidationError(
                "staff_id",
                "本机已有工作人员账号，不能再创建初始管理员。",
                "this device has staff accounts already",
                code="staff.accounts_exist",
            )
        staff_id = staff_id.strip()
        if not staff_id or not name.strip():
            raise ValidationError(
                "staff_id", "请填写工号和姓名", "staff id or name missing", code="staff.incomplete"
            )
        if len(password) < 8:
            raise ValidationError(
                "password", "密码至少 8 位", "password shorter than 8", code="password.too_short"
            )
        record = StaffRecord(staff_id, name.strip(), Role.ADMIN.value, hash_password(password), True, 0)
        self._store.sync.upsert_staff([record])
        self._audit(staff_id, "staff.create_admin", {})
        return StaffSession(staff_id, record.name, Role.ADMIN, self._clock.now())

    def login(self, staff_id: str, password: str) -> StaffSession:
        """Check the password offline; raises LoginError with a Chinese message. Audited either way."""
        staff_id = staff_id.strip()
        now = self._clock.now()
        recent = [t for t in self._failures.get(staff_id, []) if now - t < LOCKOUT]
        if len(recent) >= MAX_FAILURES:
            self._audit(staff_id, "staff.login_locked", {})
            minutes = int((LOCKOUT - (now - recent[0])).total_seconds() // 60) + 1
            raise LoginError(
                f"登录失败次数过多，请 {minutes} 分钟后再试。",
                "account locked after failures",
                code="login.locked",
                params={"minutes": minutes},
            )
        record = self._store.sync.staff(staff_id)
        if record is None or not verify_password(password, record.password_hash):
            self._failures[staff_id] = [*recent, now]
            self._audit(staff_id, "staff.login_failed", {"failures": len(recent) + 1})
            left = MAX_FAILURES - len(recent) - 1
            raise LoginError(
                f"工号或密码不正确（还可尝试 {left} 次）。",
                "bad staff id or password",
                code="login.bad_credentials",
                params={"left": left},
            )
        if not record.active:
            self._audit(staff_id, "staff.login_disabled", {})
            raise LoginError("该账号已停用，请联系管理员。", "account disabled", code="login.disabled")
        self._failures.pop(staff_id, None)
        self._audit(staff_id, "staff.login", {"role": record.role})
        return StaffSession(record.staff_id, record.name, Role(record.role), now)

    def override(self, session: StaffSession, action: str, case_number: str | None, reason: str) -> None:
        """Record a supervisor's override (e.g. a reprint); refused when the role may not."""
        if not session.may(action):
            raise LoginError(
                f"{session.role.label}无权执行此操作，请值班长确认。",
                f"{session.role} may not {action}",
                code="login.not_permitted",
                params={"staff_role": session.role.value},
            )
        self._audit(session.staff_id, f"override.{action}", {"reason": reason}, case_number)

    def _audit(
        self, actor: str, action: str, detail: dict[str, object], case_number: str | None = None
    ) -> None:
        self._store.append_audit(
            AuditEntry(actor, action, self._clock.now().isoformat(timespec="seconds"), case_number, detail)
        )
