"""Publishing's last step without a build: the new site swapped into place (an atomic exchange or two
renames), a failed swap undone, and a site retired by a killed swap put back."""

from __future__ import annotations

from pathlib import Path

import pytest

from medkb.cli import publish


def test_failed_swap_restores_the_old_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without an atomic exchange (another OS or file system), two renames; a failure between them undoes the first."""
    site, staging = make_tree(tmp_path / "site", "old"), make_tree(tmp_path / ".site-build-x", "new")
    monkeypatch.setattr(publish, "_exchange", lambda first, second: False)
    real_rename = Path.rename

    def failing_rename(self: Path, target: Path) -> Path:
        if self == staging:
            raise OSError("disk full")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", failing_rename)
    with pytest.raises(OSError):
        publish.swap_into_place(staging, site)
    assert (site / "index.html").read_text() == "old"


@pytest.mark.parametrize("exchange", [True, False], ids=["atomic exchange", "two renames"])
def test_swap_puts_the_new_site_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool
) -> None:
    if not exchange:
        monkeypatch.setattr(publish, "_exchange", lambda first, second: False)
    site, staging = make_tree(tmp_path / "site", "old"), make_tree(tmp_path / ".site-build-x", "new")
    publish.swap_into_place(staging, site)
    assert (site / "index.html").read_text() == "new"
    if exchange:  # the old site now sits at the staging path, for the caller to remove
        assert (staging / "index.html").read_text() == "old"
    else:
        assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_recover_puts_back_a_site_retired_by_a_killed_swap(tmp_path: Path) -> None:
    make_tree(tmp_path / f"{publish.RETIRED_PREFIX}123", "old")
    make_tree(tmp_path / f"{publish.STAGING_PREFIX}abc", "half")
    publish.recover(tmp_path / "site")
    assert (tmp_path / "site/index.html").read_text() == "old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def make_tree(folder: Path, content: str) -> Path:
    folder.mkdir()
    (folder / "index.html").write_text(content)
    return folder
