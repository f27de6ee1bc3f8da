"""The unified form is pre-filled from the ID card and from the same person's earlier cases."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from core.assets import assets_dir
from core.cases.service import CaseService
from core.catalog.loader import load_current_catalog
from core.cli.intake_json import load_intake_file
from core.cli.main import main
from core.clock import SystemClock
from core.config import CONFIG_NAME, load_config
from core.flows.intake import Step
from core.store.store import Store
from tests.window_client.conftest import LOCAL_ADMIN, AppFactory, logged_in
from tests.window_client.intake_steps import WAIT, collect_materials, identify_and_choose
from window_client.intake.form_page import FormPage


def test_an_earlier_case_fills_the_form(qtbot: QtBot, make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app()
    data = app.options.data_dir
    earlier = load_intake_file(
        assets_dir() / "examples" / "newborn-case.json"
    ).request  # 林晓雨, as on the card
    with Store.open(data, clock=SystemClock()) as store:
        config = load_config(data / CONFIG_NAME)
        CaseService(load_current_catalog(data), store, SystemClock(), config, "admin").accept(earlier)
    d = logged_in(qtbot, app, *LOCAL_ADMIN[::2])
    identify_and_choose(qtbot, d)
    collect_materials(qtbot, d, online=False)
    d.next()
    qtbot.waitUntil(lambda: d.on(Step.FORM), timeout=WAIT)
    page = d.intake.pages[Step.FORM]
    assert isinstance(page, FormPage)
    fields = {f.id: f for f in d.flow.fields()}
    assert d.flow.field_value(fields["hukou.address"]) == earlier.form["hukou.address"]
    assert page.sources["hukou.address"].text() == "来自以往办件，请核对"
    assert page.sources["applicant.name"].text() == "来自身份证"
    assert d.flow.applicant_source == "id_card"  # leaving untouched fields keeps the card's data


def test_window_command_refuses_screenshots_without_offscreen(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code = main(["--data-dir", str(tmp_path), "window", "--screenshots", str(tmp_path / "s")])
    assert code == 2 and "--offscreen" in capsys.readouterr().err
