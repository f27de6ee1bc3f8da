"""Fixtures of the catalog tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.catalog.catalog_testkit import CatalogDir


@pytest.fixture
def cat(tmp_path: Path) -> CatalogDir:
    """A valid minimal catalog in tmp_path, for a test to break."""
    return CatalogDir(tmp_path / "catalog")
