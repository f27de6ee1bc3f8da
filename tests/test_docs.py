"""The documentation stands alone: every link in the project's Markdown files names a file inside the clone.

A user who clones the repository has nothing else; a link to ``../shared/DESIGN.md`` (once in
README) pointed at a file only the developers had.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
EXTERNAL = ("http://", "https://", "mailto:")


def markdown_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [ROOT / name for name in listed if (ROOT / name).is_file()]


def local_links(path: Path) -> list[str]:
    targets = LINK.findall(path.read_text(encoding="utf-8"))
    return [t.split("#", 1)[0] for t in targets if not t.startswith(EXTERNAL) and not t.startswith("#")]


def test_readme_is_among_the_files_checked() -> None:
    assert ROOT / "README.md" in markdown_files()
    assert "docs/architecture.md" in local_links(ROOT / "README.md")


@pytest.mark.parametrize("path", markdown_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_link_names_a_file_inside_the_repository(path: Path) -> None:
    for target in local_links(path):
        resolved = (path.parent / target).resolve()
        assert resolved.is_relative_to(ROOT), f"{path.name}: {target} points outside the repository"
        assert resolved.exists(), f"{path.name}: {target} does not exist"


def test_readme_names_no_developer_only_file() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "../shared" not in text
    assert "DESIGN.md" not in text
