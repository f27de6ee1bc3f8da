"""``tongban catalog show ID --answers … --form FIELD=VALUE …``: the catalog's cross-field checks at the
command line, as the intake applies them (core.catalog.checks).

Probes: ../shared/research/domain-review.md §2.1 and §2.2 (a woman born 1990-03-07 applying for
normal retirement on 2026-12-08; a child born 2019 with the answer 不满一个月; a male mother's number).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.cli.cli_kit import identity, run

WOMAN_1990 = "320115199003070043"
MAN_1966 = "320115196606150014"


def test_an_impossible_retirement_is_refused_with_the_reason(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(
        capsys, tmp_path, "catalog", "show", "retirement",
        "--answers", "insured_as=flexible", "category=female50", "kind_flexible=normal",
        "--form", f"applicant.id_number={WOMAN_1990}", "retire.date=2026-12-08",
    )  # fmt: skip
    assert code == 2 and out == "" and "Traceback" not in err
    assert "错误：form.retire.date: 申请人 1990-03 出生" in err
    assert "2045-03 到龄；申请退休时间 2026-12-08 早于 2045-03，不能按“到龄正常退休”办理" in err
    assert "error: born 1990-03, category female50" in err


def test_a_possible_retirement_shows_its_checklist(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(
        capsys, tmp_path, "catalog", "show", "retirement", "--json",
        "--answers", "insured_as=employee", "category=male", "kind=normal",
        "--form", f"applicant.id_number={MAN_1966}", "retire.date=2026-11-02",
    )  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert data["warnings"] == [] and data["answers"]["category"] == "male"


def test_the_category_against_the_id_card(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(
        capsys, tmp_path, "catalog", "show", "retirement",
        "--answers", "insured_as=employee", "category=male", "--form", f"applicant.id_number={WOMAN_1990}",
    )  # fmt: skip
    assert code == 2 and "answers.category" in err and "身份证显示申请人是女性" in err


def test_newborn_checks_refuse_and_warn(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(
        capsys, tmp_path, "catalog", "show", "newborn",
        "--answers", "age_band=lt_1m", "--form", "child.birth_date=2019-01-01",
    )  # fmt: skip
    assert (
        code == 2
        and "form.child.birth_date" in err
        and "与情形“孩子现在多大？”的回答“不满一个月”不一致" in err
    )
    code, _, err = run(
        capsys, tmp_path, "catalog", "show", "newborn", "--form", "mother.id_number=320115198805120036"
    )
    assert code == 2 and "母亲身份证号码是男性的号码，应为女性，请核对" in err
    code, out, _ = run(
        capsys, tmp_path, "catalog", "show", "newborn",
        "--answers", "age_band=gt_1y", "born_in_province_hospital=yes", "mi_enrolled_at_birth=no",
        "--form", "child.birth_date=2020-01-01",
    )  # fmt: skip
    assert code == 0 and "注意：孩子出生日期 2020-01-01 距今已超过 90 天" in out
    code, out, _ = run(
        capsys, tmp_path, "catalog", "show", "newborn", "--json",
        "--answers", "age_band=gt_1y", "born_in_province_hospital=yes", "mi_enrolled_at_birth=no",
        "--form", "child.birth_date=2020-01-01",
    )  # fmt: skip
    (warning,) = json.loads(out)["warnings"]
    assert warning["code"] == "check.age_limit" and warning["field"] == "form.child.birth_date"


@pytest.mark.parametrize(
    ("form", "complaint"),
    [("child.shoe=3", "栏目=值"), ("retire.date", "栏目=值"), ("child.birth_date=2026-13-01", "不存在")],
)
def test_bad_form_values_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, form: str, complaint: str
) -> None:
    code, _, err = run(capsys, tmp_path, "catalog", "show", "newborn", "--form", form)
    assert code == 2 and complaint in err and "Traceback" not in err


def test_newborn_refuses_the_allowance_to_a_mother_in_residents_insurance(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # 社会保险法 第五十四条、第五十六条: 生育津贴 is for 职工 only
    maternity = ["want_maternity=yes", "mother_scheme=resident"]
    code, _, err = run(
        capsys, tmp_path, "catalog", "show", "newborn", "--answers", *maternity, "maternity_claim=allowance"
    )
    assert code == 2 and "answers.maternity_claim" in err and "生育津贴只发给参加职工基本医疗保险" in err
    code, out, _ = run(
        capsys, tmp_path, "catalog", "show", "newborn", "--answers", *maternity, "maternity_claim=medical"
    )
    assert code == 0 and "生育医疗费用报销及生育津贴申领" in out and "产妇本人银行卡" not in out


def test_newborn_enrolled_at_the_hospital_is_not_enrolled_again(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    answers = ["born_in_province_hospital=yes", "age_band=gt_1y", "--form", "child.birth_date=2020-01-01"]
    code, out, _ = run(
        capsys, tmp_path, "catalog", "show", "newborn", "--answers", "mi_enrolled_at_birth=yes", *answers
    )
    assert code == 0 and "城乡居民基本医疗保险参保登记" not in out and "90 天" not in out
    code, out, _ = run(
        capsys, tmp_path, "catalog", "show", "newborn", "--answers", "mi_enrolled_at_birth=no", *answers
    )
    assert code == 0 and "城乡居民基本医疗保险参保登记" in out and "90 天" in out


def retirement_document(id_number: str, retire_on: str, months: int = 240) -> dict[str, object]:
    return {
        "bundle": "retirement",
        "operator": "window01",
        "applicant": {
            "name": "张桂兰",
            "id_number": id_number,
            "phone": "13912345678",
            "address": "南京市江宁区东山街道竹山路 8 号",
        },
        "answers": {
            "insured_as": "flexible",
            "category": "female50",
            "kind_flexible": "normal",
            "needs_file_review": False,
            "only_child": "none",
            "hukou_in_province": True,
            "med_years_ok": True,
            "has_hpf": False,
            "contribution_months": months,
        },
        "materials": {"id_card": "e_licence", "contribution_record": "paper"},
        "form": {"retire.date": retire_on, "applicant.phone": "13912345678"},
    }


def test_cases_add_refuses_an_impossible_retirement_and_takes_a_due_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    identity(data / "tongban.toml")
    probe = tmp_path / "probe.json"
    probe.write_text(json.dumps(retirement_document(WOMAN_1990, "2026-12-08"), ensure_ascii=False), "utf-8")
    code, _, err = run(capsys, data, "cases", "add", "--json", str(probe))
    assert code == 2 and "Traceback" not in err
    assert "form.retire.date" in err and "2045-03 到龄" in err and "不能按“到龄正常退休”办理" in err
    # a woman (50) born 1975-01 reached 50y1m in 2025-02 (办法 附件3)
    due = tmp_path / "due.json"
    due.write_text(
        json.dumps(retirement_document("320115197501150020", "2025-02-03"), ensure_ascii=False), "utf-8"
    )
    code, _, err = run(capsys, data, "cases", "add", "--json", str(due))
    assert code == 0, err
    _, listed, _ = run(capsys, data, "cases", "list", "--json")
    assert [c["bundle"] for c in json.loads(listed)["cases"]] == ["retirement"]


def test_cases_add_refuses_a_pension_short_of_the_minimum_years(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # 办法第二条: the minimum is 15 years (180 months) for a pension starting in 2025
    data = tmp_path / "data"
    identity(data / "tongban.toml")
    short = tmp_path / "short.json"
    document = retirement_document("320115197501150020", "2025-02-03", months=179)
    short.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    code, _, err = run(capsys, data, "cases", "add", "--json", str(short))
    assert code == 2 and "Traceback" not in err
    assert "answers.contribution_months" in err and "还差 1个月" in err and "延长缴费或者一次性缴费" in err
    _, listed, _ = run(capsys, data, "cases", "list", "--json")
    assert json.loads(listed)["cases"] == []
