"""environment.yml, pyproject.toml and requirements.lock must not disagree."""

import re
import tomllib

import yaml

from analysis.paths import PROJECT_ROOT

PYPROJECT = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
ENV = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text(encoding="utf-8"))
_PIN_RE = re.compile(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s;]+)")


def _canon(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(lines):
    pins = {}
    for line in lines:
        m = _PIN_RE.match(line.strip())
        if m:
            pins[_canon(m.group(1))] = m.group(2)
    return pins


LOCK = _pins((PROJECT_ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines())


def _pyproject_requirements():
    reqs = list(PYPROJECT["project"]["dependencies"])
    for extra in PYPROJECT["project"].get("optional-dependencies", {}).values():
        reqs.extend(extra)
    return reqs


def test_every_pyproject_requirement_is_pinned_exactly():
    loose = [r for r in _pyproject_requirements() if not _PIN_RE.match(r)]
    assert loose == [], f"not pinned with ==: {loose}"


def test_lock_agrees_with_pyproject():
    disagree = {
        name: (version, LOCK.get(name))
        for name, version in _pins(_pyproject_requirements()).items()
        if LOCK.get(name) != version
    }
    assert disagree == {}, f"pyproject pin vs lock: {disagree}"


def test_environment_yml_python_matches_requires_python():
    deps = ENV["dependencies"]
    python = [d for d in deps if isinstance(d, str) and d.startswith("python")]
    assert python == ["python=3.11"]
    assert PYPROJECT["project"]["requires-python"] == ">=3.11"


def test_environment_yml_installs_the_project_with_the_lock():
    pip_section = next(d["pip"] for d in ENV["dependencies"] if isinstance(d, dict) and "pip" in d)
    assert "-c requirements.lock" in pip_section
    assert "-e .[dev]" in pip_section
    # any extra pin written directly in environment.yml must match the lock
    direct = _pins(pip_section)
    assert all(LOCK.get(k) == v for k, v in direct.items()), direct


def test_makefile_uses_the_lock():
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    assert "-c requirements.lock" in makefile
    assert "'.[dev]'" in makefile
