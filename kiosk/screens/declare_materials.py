"""How a kiosk can satisfy each checklist material in 自助申报: rules only, no Qt, no I/O.

Nobody at a kiosk can take paper. A material is satisfied by an e-licence fetched from the
platform (online), by the ID card on the kiosk's reader (the applicant's own, or the other
person's placed when asked), by a photograph on the kiosk camera (materials the applicant brings),
or by a signed commitment (告知承诺) where the catalog and the applicant's credit allow it. A material
none of these can satisfy means the citizen must apply at a window, and the kiosk says so before
accepting anything.

容缺 is never granted here (domain review R3): 容缺受理 is 认定 by the department — it checks that the
main materials are complete and the missing one is secondary, the applicant signs a 容缺受理承诺书 and
gets a 容缺受理通知书 (e.g. the 民政 容缺受理 rule: "判定是否可容缺受理并告知申请人"; 深圳市政务服务容缺
办理管理办法: "窗口可先予收件或审批部门先予受理") — so nobody alone at a screen can grant it. Where the
catalog and the credit check would allow it, the kiosk tells the citizen they may ask for 容缺 at a
staffed window, and takes nothing. Which ways are open comes from ``IntakeFlow.allowed_states``, the
same rule the window's buttons follow (a 失信 applicant gets neither 告知承诺 nor 容缺, 国办发〔2020〕42号).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, Final

from core.cases.intake import MaterialInput
from core.cases.model import ItemState
from core.catalog.model import Material, MaterialSource
from core.masking import mask_id_number

ID_CARD_LICENCE: Final = "id_card"
CARD_NOTE: Final = "自助终端读取居民身份证芯片核验"


def holder_is_other(material: Material, applicant_sex: str) -> bool:
    """True when the material may belong to someone other than the applicant.

    The catalog names such materials by the person (父亲/母亲/配偶/另一方…); the applicant's sex
    settles 父亲/母亲. (The window client applies the same reading of the names.)
    """
    name = material.name
    if "父亲" in name:
        return applicant_sex != "男"
    if "母亲" in name or "产妇" in name:
        return applicant_sex != "女"
    return any(word in name for word in ("配偶", "另一方", "卖方", "买方"))


def expected_sex(material: Material) -> str:
    """The sex the holder of a person-named ID material must have ("" when the name does not say)."""
    if "父亲" in material.name:
        return "男"
    if "母亲" in material.name or "产妇" in material.name:
        return "女"
    return ""


def person_prefix(material: Material) -> str:
    """The form's prefix for the holder of an ID material: ``mother_id`` → ``mother``."""
    return material.id.removesuffix("_id") if material.id.endswith("_id") else ""


@dataclass(frozen=True, slots=True)
class MaterialPlan:
    """The ways this kiosk can satisfy one material now."""

    material: Material
    own_card: bool = False  # the applicant's own ID card, read at the start of the session
    lookup: bool = False  # fetch the applicant's e-licence from the platform first
    card: bool = False  # ask for the holder's ID card on the reader
    camera: bool = False  # photograph the paper on the kiosk camera
    window_deferral: bool = False  # 容缺 may be asked for at a staffed window (never granted here)
    commitment: bool = False  # 告知承诺 instead of the proof

    @property
    def generated(self) -> bool:
        return self.material.source is MaterialSource.GENERATED

    @property
    def interactive(self) -> bool:
        """Ways that need the citizen on a page of its own."""
        return self.card or self.camera or self.commitment

    @property
    def possible(self) -> bool:
        return self.generated or self.own_card or self.lookup or self.interactive


def plan_material(
    material: Material,
    *,
    applicant_sex: str,
    by_card: bool,
    online: bool,
    camera: bool,
    allowed: Collection[ItemState],
) -> MaterialPlan:
    """The ways open for ``material``: ``by_card`` the applicant identified with the ID card here,
    ``online`` the platform answers, ``camera`` the kiosk has a document camera, ``allowed`` the
    states the intake flow allows for it (IntakeFlow.allowed_states: catalog and credit)."""
    if material.source is MaterialSource.GENERATED:
        return MaterialPlan(material)
    other = holder_is_other(material, applicant_sex)
    own_card = material.licence == ID_CARD_LICENCE and not other and by_card
    lookup = (
        material.source is MaterialSource.SHARED
        and bool(material.licence)
        and online
        and not other
        and not own_card
    )
    return MaterialPlan(
        material,
        own_card=own_card,
        lookup=lookup,
        card=material.licence == ID_CARD_LICENCE and other,
        # Paper the applicant brings, and another person's shared material that cannot be looked up
        # under the applicant's number (e.g. 父母另一方的户口簿, "电子证照或复印件"): its copy is photographed.
        camera=camera
        and (
            material.source is MaterialSource.APPLICANT
            or (other and material.source is MaterialSource.SHARED and material.licence != ID_CARD_LICENCE)
        ),
        window_deferral=ItemState.DEFICIENT in allowed,
        commitment=ItemState.COMMITMENT in allowed,
    )


def own_card_input() -> MaterialInput:
    return MaterialInput(ItemState.E_LICENCE, note=CARD_NOTE)


def other_card_input(id_number: str) -> MaterialInput:
    return MaterialInput(ItemState.E_LICENCE, note=f"{CARD_NOTE}（{mask_id_number(id_number)}）")


def licence_input(answer: Mapping[str, Any]) -> MaterialInput | None:
    """The e-licence a look-up found, or None (not found: other ways must serve)."""
    if not answer.get("found"):
        return None
    note = " ".join(str(answer.get(k, "")) for k in ("licence_number", "issued_by") if answer.get(k))
    return MaterialInput(ItemState.E_LICENCE, note=note)


def licence_prefill(licence: str, answer: Mapping[str, Any]) -> dict[str, str]:
    """Form values an e-licence gives (the 出生医学证明 names the child and carries its number)."""
    if licence == "birth_medical_cert" and answer.get("found"):
        values = {
            "child.name": answer.get("holder_name"),
            "child.birth_cert_no": answer.get("licence_number"),
        }
        return {k: str(v) for k, v in values.items() if v}
    return {}
