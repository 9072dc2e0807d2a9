"""The README documents every command (a command nobody can find is a command nobody uses)."""

from __future__ import annotations

import re

import typer

from crosswire.eval.paths import REPO_ROOT
from crosswire.present.cli import app


def _commands(t: typer.Typer, prefix: str) -> list[str]:
    names = [f"{prefix} {c.name or getattr(c.callback, '__name__', '')}" for c in t.registered_commands]
    for group in t.registered_groups:
        if group.typer_instance is not None:
            names += _commands(group.typer_instance, f"{prefix} {group.name}")
    return names


def test_every_command_is_in_the_readme() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    commands = _commands(app, "crosswire")
    assert len(commands) >= 15
    missing = [c for c in commands if not re.search(rf"(`|^){c}\b", readme, re.MULTILINE)]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_benchmark_script_is_in_the_readme() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    scripts = sorted(p.name for p in (REPO_ROOT / "benchmarks").glob("*.py") if not p.name.startswith("_"))
    missing = [s for s in scripts if f"benchmarks/{s}" not in readme]
    assert not missing, f"benchmark scripts missing from README.md: {missing}"


def test_every_setting_declares_its_help() -> None:
    from dataclasses import fields

    from crosswire.cluster.settings import ClusterSettings
    from crosswire.compare.settings import CompareSettings

    for settings in (ClusterSettings, CompareSettings):
        undocumented = [f.name for f in fields(settings) if len(f.metadata.get("help", "")) < 10]
        assert not undocumented, f"{settings.__name__} fields without help text: {undocumented}"
