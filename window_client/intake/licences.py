"""E-licence look-ups (电子证照) for the checklist, run on a worker thread with that worker's Store (no Qt)."""

from __future__ import annotations

from typing import Final

from core.store.store import Store
from sync import contract
from sync.enrollment import client_for

LOOKUP_TIMEOUT: Final = (3.0, 8.0)  # (connect, read) seconds: staff wait for this at the window


def lookup_licence(store: Store, id_number: str, licence: str) -> contract.LicenceLookupResponse:
    """Ask the platform for ``id_number``'s e-licence of type ``licence``; raises SyncError offline."""
    with client_for(store, timeout=LOOKUP_TIMEOUT) as client:
        return client.lookup_licence(id_number, licence)


def holder_is_ambiguous(material_name: str, applicant_sex: str) -> bool:
    """True when the material may belong to someone other than the applicant (ask whose it is).

    The catalog names such materials by the person (父亲/母亲/配偶/另一方); the applicant's sex
    (from the ID number) settles 父亲/母亲.
    """
    if "父亲" in material_name:
        return applicant_sex != "男"
    if "母亲" in material_name or "产妇" in material_name:
        return applicant_sex != "女"
    return any(word in material_name for word in ("配偶", "另一方", "卖方", "买方"))
