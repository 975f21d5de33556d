"""Shared test helpers: the shipped rules compiled once, and a way to run one check on a text."""
from __future__ import annotations

import atexit
import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

# Tests never write to the user's cache: set before checker is imported, since modules compile
# patterns (and so open the pattern cache) at import.
_CACHE = tempfile.mkdtemp(prefix="factlint-test-cache-")
os.environ["FACTLINT_CACHE_DIR"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, True)

ROOT = Path(__file__).resolve().parent.parent

# The suite tests the package as users install it, not the source tree beside it: `python -m pytest`
# puts the working directory first on sys.path, where ./checker would shadow the installed package.
# The subprocesses the tests start (python -m checker) get the same protection (PYTHONSAFEPATH).
# Only the entries before site-packages are dropped: an editable install's .pth entry comes after it.
_SITE = next((i for i, p in enumerate(sys.path) if p.endswith("site-packages")), len(sys.path))
sys.path[:] = [p for i, p in enumerate(sys.path) if i >= _SITE or Path(p or ".").resolve() != ROOT]
os.environ["PYTHONSAFEPATH"] = "1"
try:
    import checker
except ImportError:   # pragma: no cover - a set-up error, said in one line
    pytest.exit("factlint is not installed: run  pip install '.[test]'  first (see the README's Quick start)", 2)
INSTALLED_FROM = Path(checker.__file__).resolve().parent
EDITABLE = INSTALLED_FROM == ROOT / "checker"


def pytest_report_header(config):
    mode = "the source tree (editable install: development mode)" if EDITABLE else "the installed package"
    return f"factlint under test: {INSTALLED_FROM} ({mode})"


from checker import facts
from checker.articles import parse_article
from checker.checks import REGISTRY, options_for
from checker.context import ArticleContext
from checker.facts.index import FactBase

RULES = ROOT / "rules"


def shared_dir() -> Path | None:
    """The project's shared material (seeds, corpora, data): $FACTLINT_SHARED, else ../shared."""
    candidate = Path(os.environ.get("FACTLINT_SHARED", ROOT.parent / "shared"))
    return candidate if (candidate / "corpora").is_dir() else None


def build_base(extra_yaml: str | None = None) -> FactBase:
    files, errors = facts.rule_files([RULES])
    assert not errors
    contents = [(p, p.read_bytes()) for p in files]
    if extra_yaml:
        contents.append((Path("fixture-rules.yaml"), extra_yaml.encode()))
    rules, errors = facts.parse_rules(contents)
    assert not errors, [str(e) for e in errors]
    return FactBase(rules)


@pytest.fixture(scope="session")
def base() -> FactBase:
    return build_base()


def run_check(check_id: str, text: str, base: FactBase, date: dt.date | None = None, lang: str | None = None,
              file: str = "article.txt", options: dict | None = None):
    article = parse_article(text, file, markdown=file.endswith(".md"))
    if lang:
        article.language = lang
    module = REGISTRY[check_id]
    ctx = ArticleContext(article, base, date)
    return list(module.check(ctx, options_for(module, options)))


def cli(*args, cwd: Path | None = None):
    """Run the factlint CLI in-process; returns (exit code, stdout, stderr)."""
    from click.testing import CliRunner
    from checker.cli import main
    runner = CliRunner()
    old = Path.cwd()
    if cwd:
        os.chdir(cwd)
    try:
        result = runner.invoke(main, [str(a) for a in args], catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def run_collection_check(check_id: str, articles: list[dict], base: FactBase, lang: str | None = None,
                         options: dict | None = None):
    """Run a collection check on several articles ({path, text, date?, lang?}) checked together."""
    from checker.collection import Collection
    from checker.records import record_of
    records = []
    for item in articles:
        article = parse_article(item["text"], item["path"], markdown=item["path"].endswith(".md"))
        if item.get("lang") or lang:
            article.language = item.get("lang") or lang
        date = item.get("date")
        if isinstance(date, str):
            date = dt.date.fromisoformat(date)
        records.append(record_of(ArticleContext(article, base, date)))
    module = REGISTRY[check_id]
    return list(module.check_collection(Collection(records), options_for(module, options)))
