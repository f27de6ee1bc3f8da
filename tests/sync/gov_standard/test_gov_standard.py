"""The gov-standard adapter against the simulated provincial interface, over real HTTP on 127.0.0.1.

A device configured with ``[platform] adapter = "gov-standard"`` registers, reports a 出生一件事 and a
single matter as 办件 records in the national model (codes, statuses), gets the 办件编号 the
platform binds and each matter's 办结 back, and ends with the cases completed — through the same
push, pull and exactly-once code as our own platform.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from core.assets import assets_dir
from core.cases.model import CaseStatus, MatterStatus
from core.cases.service import CaseService
from core.catalog import load_catalog
from core.catalog.model import Catalog
from core.clock import SystemClock
from core.config import load_config, write_config
from core.store.store import Store
from sync.enrollment import client_for
from sync.errors import SyncPermanentError
from sync.gov_standard.simulator import GovStandardSimulator, SimulatorConfig
from sync.push import wire_event
from sync.server.runner import ThreadedPlatform
from sync.service import SyncService
from tests.core.cli.cli_kit import identity
from tests.sync.client.cli_main import run
from tests.sync.client.conftest import newborn_request

CLOCK = SystemClock()
EXAMPLE = assets_dir() / "examples" / "single-matter-case.json"


@pytest.fixture
def simulator(tmp_path: Path) -> Iterator[tuple[GovStandardSimulator, str]]:
    sim = GovStandardSimulator(SimulatorConfig(tmp_path / "province.db", step_s=0.05))
    with ThreadedPlatform(sim.app()) as server:
        yield sim, server.url
    sim.close()


def _device(tmp_path: Path, url: str, code: str, capsys: pytest.CaptureFixture[str]) -> Path:
    data = tmp_path / "window"
    config = identity(data / "tongban.toml")
    write_config(config, replace(load_config(config), platform={"adapter": "gov-standard"}))
    assert run(["--data-dir", str(data), "sync", "enroll", "--platform", url, "--code", code]) == 0
    capsys.readouterr()
    return data


def _settle(store: Store, catalog: Catalog, numbers: list[str]) -> CaseService:
    cases = CaseService(catalog, store, CLOCK, load_config(store.data_dir / "tongban.toml"), "window07")
    deadline = time.monotonic() + 30
    with client_for(store, timeout=(1.0, 5.0)) as client:
        service = SyncService(store, client, CLOCK, lambda: catalog)
        while True:
            report = service.run_once()
            assert report.ok, report.error_detail
            if all(cases.get(n).status is CaseStatus.COMPLETED for n in numbers):
                return cases
            assert time.monotonic() < deadline, [cases.get(n).status for n in numbers]
            time.sleep(0.1)


def test_a_bundle_and_a_single_matter_arrive_as_records_and_come_back_settled(
    simulator: tuple[GovStandardSimulator, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sim, url = simulator
    catalog = load_catalog()
    data = _device(tmp_path, url, sim.issue_code(), capsys)
    assert run(["--data-dir", str(data), "cases", "add", "--json", str(EXAMPLE)]) == 0
    single = capsys.readouterr().out.splitlines()[0].replace("-", "")
    with Store.open(data, clock=CLOCK) as store:
        config = load_config(data / "tongban.toml")
        bundle = (
            CaseService(catalog, store, CLOCK, config, "window07").accept(newborn_request(catalog)).number
        )
        cases = _settle(store, catalog, [single, bundle])
        newborn, temp_id = cases.get(bundle), cases.get(single)

    # On the platform: one record per matter, under its 实施编码, settled (11), numbered.
    held = {r["localProjectNo"]: [] for r in sim.records()}
    for r in sim.records():
        held[r["localProjectNo"]].append(r)
    assert sorted(r["matterId"] for r in held[bundle]) == sorted(m.matter_id for m in newborn.matters)
    assert {r["taskCode"] for r in held[bundle]} == {m.code for m in newborn.matters}
    assert [r["taskCode"] for r in held[single]] == [catalog.matters["police_temp_id_card"].code]
    assert {r["proStatus"] for rs in held.values() for r in rs} == {"11"}
    assert all(r["projectNo"] for rs in held.values() for r in rs)

    # Back on the device: the platform's 办件编号 bound, each matter's result in.
    assert newborn.official_number == sim.case_projid(bundle) and newborn.official_number.startswith("YJS")
    assert temp_id.official_number == held[single][0]["projectNo"] and temp_id.official_number.startswith(
        "BJ"
    )
    assert all(m.status is MatterStatus.DONE for m in (*newborn.matters, *temp_id.matters))

    # The operator's view of the province: `platform cases --flavour gov-standard`.
    from sync.server.__main__ import main as platform_main

    db = str(sim.config.db_path)
    assert platform_main(["cases", "--db", db, "--flavour", "gov-standard", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["records"]
    assert len(listed) == len(newborn.matters) + 1
    assert platform_main(["cases", "--db", db, "--flavour", "gov-standard"]) == 0
    assert (
        f"{temp_id.official_number}  {held[single][0]['taskCode']}  11 办结（通过）"
        in capsys.readouterr().out
    )


def test_a_report_sent_twice_is_stored_once_and_a_forged_signature_is_refused(
    simulator: tuple[GovStandardSimulator, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sim, url = simulator
    data = _device(tmp_path, url, sim.issue_code(), capsys)
    assert run(["--data-dir", str(data), "cases", "add", "--json", str(EXAMPLE)]) == 0
    with Store.open(data, clock=CLOCK) as store:
        (event,) = store.pending_events(10)
        with client_for(store) as client:
            wire = wire_event(event, event.payload["catalog_version"])
            first = client.push_events([wire])
            again = client.push_events([wire])
        assert [r["status"] for r in first["receipts"]] == ["stored"]
        assert [r["status"] for r in again["receipts"]] == ["duplicate"]
        assert again["receipts"][0]["receipt"] == first["receipts"][0]["receipt"]
        assert len(sim.records()) == 1

        enrollment = store.sync.enrollment()
        assert enrollment is not None
        store.sync.save_enrollment(replace(enrollment, secret=b"x" * 32))
        with client_for(store) as client, pytest.raises(SyncPermanentError) as caught:
            client.updates(0)
        assert caught.value.status == 401 and "签名" in caught.value.message
