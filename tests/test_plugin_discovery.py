"""The quick scan that spares importlib.metadata when no plugin is installed
must never answer "no" where the real lookup would find the group."""

import sys
import zipfile
from importlib.metadata import entry_points

from a11ylint import rules
from a11ylint.rules import ENTRY_POINT_GROUP, _group_may_be_declared


def _dist(folder, name, entry_points_txt=None, suffix=".dist-info"):
    info = folder / f"{name}-1.0{suffix}"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    if entry_points_txt is not None:
        (info / "entry_points.txt").write_text(entry_points_txt)
    return info


def test_agrees_with_importlib_metadata_here():
    found = list(entry_points(group=ENTRY_POINT_GROUP))
    assert not found or _group_may_be_declared()


def test_no_distribution_declares_the_group(tmp_path, monkeypatch):
    _dist(tmp_path, "other", "[console_scripts]\nother = other:main\n")
    _dist(tmp_path, "plain")
    monkeypatch.setattr(sys, "path", [str(tmp_path), str(tmp_path / "missing")])
    assert _group_may_be_declared() is False
    assert rules.plugin_rules() == []


def test_dist_info_and_egg_info_declaring_the_group(tmp_path, monkeypatch):
    site = tmp_path / "site"
    _dist(site, "other", "[console_scripts]\nother = other:main\n")
    monkeypatch.setattr(sys, "path", [str(site)])
    assert _group_may_be_declared() is False
    _dist(site, "newsroom", "[a11ylint.rules]\nnewsroom = newsroom_rules:RULES\n")
    assert _group_may_be_declared() is True

    legacy = tmp_path / "legacy"
    _dist(legacy, "oldstyle", "[a11ylint.rules]\nx = y:RULES\n", suffix=".egg-info")
    monkeypatch.setattr(sys, "path", [str(legacy)])
    assert _group_may_be_declared() is True


def test_what_the_scan_cannot_see_into_answers_maybe(tmp_path, monkeypatch):
    archive = tmp_path / "bundle.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("pkg-1.0.dist-info/entry_points.txt", "[a11ylint.rules]\nx = y:RULES\n")
    monkeypatch.setattr(sys, "path", [str(archive)])
    assert _group_may_be_declared() is True
    monkeypatch.setattr(sys, "path", [str(tmp_path / "thing-1.0-py3.11.egg")])
    assert _group_may_be_declared() is True

    class OwnDistributions:
        @staticmethod
        def find_distributions(context=None):
            return iter(())

    monkeypatch.setattr(sys, "path", [])
    assert _group_may_be_declared() is False
    monkeypatch.setattr(sys, "meta_path", [OwnDistributions, *sys.meta_path])
    assert _group_may_be_declared() is True
