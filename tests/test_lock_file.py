"""The lock files that `make run` and `make test` install from pin every dependency pyproject.toml
names, at a version it allows (a dependency added without `make lock` fails here, not on a fresh clone)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _pins(name: str) -> dict[str, str]:
    text = (ROOT / name).read_text(encoding="utf-8")
    pins = {canonicalize_name(n): v for n, v in re.findall(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)", text, re.MULTILINE)}
    assert "--hash=sha256:" in text  # installed with --require-hashes
    return pins


@pytest.mark.parametrize(("lock", "extras"), [("requirements.lock", ()), ("requirements-test.lock", ("test", "ftm"))])
def test_every_dependency_is_pinned_at_an_allowed_version(lock: str, extras: tuple[str, ...]) -> None:
    pins = _pins(lock)
    wanted = [*PROJECT["dependencies"], *(r for extra in extras for r in PROJECT["optional-dependencies"][extra])]
    for text in wanted:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not in {lock}: run make lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), f"{name}=={pins[name]} in {lock}: {text}"
    assert pins["neo4j"].startswith("5.")
    if "ftm" not in extras:  # make run compiles nothing: PyICU (no wheels) comes only with the ftm extra
        assert "pyicu" not in pins and "followthemoney" not in pins
