"""What users install is what is tested: the wheel holds every file the code reads at run time,
building it leaves nothing in the checkout, and the suite runs against the installed package."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import EDITABLE, INSTALLED_FROM, ROOT

# Files of the tree that are not part of the package on purpose.
NOT_SHIPPED = {"__pycache__"}


def _tracked(folder: str) -> list[str]:
    """The files of a folder of the checkout that git knows (a clean clone has exactly these)."""
    done = subprocess.run(["git", "ls-files", folder], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0 or not done.stdout.strip():
        pytest.skip("not a git checkout: the tracked files cannot be listed")
    return done.stdout.split()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> tuple[zipfile.ZipFile, Path]:
    """A wheel built from a copy of the checkout, as `pip install .` builds it."""
    work = tmp_path_factory.mktemp("wheel")
    tree = work / "tree"
    shutil.copytree(ROOT, tree, ignore=shutil.ignore_patterns(".git", "__pycache__", "*.egg-info", "build",
                                                                ".pytest_cache", "dist", "reports"))
    before = {p.relative_to(tree) for p in tree.rglob("*")}
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                           "-w", str(work / "dist"), str(tree)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    after = {p.relative_to(tree) for p in tree.rglob("*")}
    built = next((work / "dist").glob("factlint-*.whl"))
    return zipfile.ZipFile(built), tree, after - before


def test_building_leaves_nothing_in_the_checkout(wheel):
    _, _, created = wheel
    assert not created, f"pip install . left {sorted(map(str, created))[:5]} in the checkout"


def test_every_data_file_of_the_package_is_in_the_wheel(wheel):
    archive, _, _ = wheel
    names = set(archive.namelist())
    package = [f for f in _tracked("checker") if not set(Path(f).parts) & NOT_SHIPPED]
    missing = [f for f in package if f not in names]
    assert not missing, f"files of checker/ missing from the wheel: {missing}"
    api = [f for f in _tracked("factlint") if not set(Path(f).parts) & NOT_SHIPPED]
    assert "factlint/__init__.py" in api and not [f for f in api if f not in names]   # `import factlint`
    assert {"checker/py.typed", "factlint/py.typed"} <= names
    rules = [f for f in _tracked("rules") if f.endswith((".yaml", ".yml"))]
    shipped = [f"checker/shipped_rules/{Path(f).relative_to('rules')}" for f in rules]
    assert rules and not [f for f in shipped if f not in names]
    # the given names that title-gender reads, and the licence that must travel with them
    assert {"checker/lang/given-names.tsv", "checker/lang/GFDL-1.2.txt"} <= names


# Sentences that make every check read its data, given-names.tsv (title-gender) included.
EVERYDAY = """---
date: 2025-06-10
---
The minister, Jean Dupont, opened the bridge on Friday, June 13, 2025.
Le sénateur Scott Brown a rencontré la ministre Marie Durand le 31 avril 2025.
La chancelière Olaf Scholz a annoncé 500 kilomètres (250 miles) de routes.
Les blindés seront déployés à partir de 206.
"""

_AUDIT = """
import json, sys
opened = []
def hook(event, args):
    if event == "open" and isinstance(args[0], str):
        opened.append(args[0])
sys.addaudithook(hook)
from checker.cli import main
try:
    main(sys.argv[1:])
except SystemExit as stop:
    code = stop.code
json.dump({"code": code, "opened": opened}, open(sys.argv[0] + ".json", "w"))
"""


def test_the_installed_command_reads_only_installed_files(tmp_path):
    """Run the installed command on everyday sentences: every file it opens lies in the installed
    package or is the article, and it never reaches into the source tree."""
    if EDITABLE:
        pytest.skip("development mode (editable install): the package is the source tree")
    article = tmp_path / "everyday.md"
    article.write_text(EVERYDAY, encoding="utf-8")
    script = tmp_path / "audit.py"
    script.write_text(_AUDIT, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), "check", str(article), "--format", "json",
                           "--no-cache", "--fail-on", "never"], cwd=tmp_path, capture_output=True, text=True)
    result = json.loads(Path(str(script) + ".json").read_text())
    assert result["code"] == 0, done.stderr
    assert "internal error" not in done.stderr
    opened = [Path(p).resolve() for p in result["opened"]]
    assert not [p for p in opened if ROOT in p.parents], "the installed command read the source tree"
    package = [p for p in opened if INSTALLED_FROM in p.parents]
    assert INSTALLED_FROM / "lang" / "given-names.tsv" in package
    assert all(p.exists() for p in package)
    rules = {f["rule"] for f in json.loads(done.stdout)["findings"]}
    assert {"title-gender", "invalid-date", "unit-conversion", "year-typo"} <= rules


def test_the_suite_tests_the_installed_package():
    """CI installs with `pip install .`: the package under test is then not the source tree."""
    if EDITABLE:
        pytest.skip("development mode (pip install -e): the source tree is the package, by choice")
    assert ROOT not in INSTALLED_FROM.parents and INSTALLED_FROM != ROOT / "checker"
    import checker.checks
    assert ROOT not in Path(checker.checks.__file__).resolve().parents
