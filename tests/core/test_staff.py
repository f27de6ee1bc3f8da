"""Offline staff login against scrypt hashes in the store; lockout; audit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from core.errors import ValidationError
from core.passwords import hash_password
from core.staff import LoginError, Role, StaffDirectory
from core.store.store import Store
from core.store.sync_state import StaffRecord


@pytest.fixture
def store(tmp_path: Path, clock: Any) -> Iterator[Store]:
    with Store.open(tmp_path / "data", clock=clock) as s:
        yield s


def test_first_admin_then_login_and_roles(store: Store, clock: Any) -> None:
    staff = StaffDirectory(store, clock)
    assert not staff.has_accounts()
    with pytest.raises(ValidationError, match="至少 8 位"):
        staff.create_first_admin("admin", "管理员", "short")
    staff.create_first_admin("admin", "管理员", "s3cret-pass")
    with pytest.raises(ValidationError, match="不能再创建"):
        staff.create_first_admin("admin2", "管理员二", "s3cret-pass")
    session = staff.login("admin", "s3cret-pass")
    assert session.role is Role.ADMIN and session.may("reprint") and session.may("setup")
    store.sync.upsert_staff(
        [StaffRecord("window01", "王窗口", "window", hash_password("window-pass"), True, 1)]
    )
    clerk = staff.login("window01", "window-pass")
    assert clerk.may("intake") and not clerk.may("reprint")
    with pytest.raises(LoginError, match="无权"):
        staff.override(clerk, "reprint", None, "客户要求")
    staff.override(session, "reprint", None, "客户遗失回执")
    actions = [a.action for a in store.audit_entries()]
    assert actions == ["staff.create_admin", "staff.login", "staff.login", "override.reprint"]


def test_failures_lock_the_account_then_it_unlocks(store: Store, clock: Any) -> None:
    store.sync.upsert_staff(
        [StaffRecord("window01", "王窗口", "window", hash_password("window-pass"), True, 1)]
    )
    staff = StaffDirectory(store, clock)
    for left in (4, 3, 2, 1, 0):
        with pytest.raises(LoginError, match=f"还可尝试 {left} 次"):
            staff.login("window01", "wrong")
    with pytest.raises(LoginError, match="分钟后再试"):
        staff.login("window01", "window-pass")
    clock.advance(minutes=11)
    assert staff.login("window01", "window-pass").name == "王窗口"


def test_disabled_and_unknown_accounts(store: Store, clock: Any) -> None:
    store.sync.upsert_staff(
        [StaffRecord("old01", "离职人员", "window", hash_password("old-pass-1"), False, 2)]
    )
    staff = StaffDirectory(store, clock)
    with pytest.raises(LoginError, match="已停用"):
        staff.login("old01", "old-pass-1")
    with pytest.raises(LoginError, match="工号或密码不正确"):
        staff.login("nobody", "whatever")
