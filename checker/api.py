"""factlint's Python API, imported as `factlint` (or `checker.api`): check texts and files from a
program (a CMS plug-in, a notebook, an editor server) without a subprocess.

    import factlint

    report = factlint.check_text("Le chancelier Oprav Scholz a parlé.", path="draft.md", date="2023-03-01")
    for finding in report.findings:
        print(finding.location.line, finding.rule, finding.message)

    linter = factlint.Linter(root="newsroom/")          # rules and configuration loaded once
    report = linter.check_text(buffer, path="newsroom/articles/a.md")
    report = linter.check_paths(["newsroom/articles"])
    print(report.to_markdown(), report.exit_code("warning"))

A Linter holds the compiled rules and the configuration; each check reuses them, so a long-running
process pays for loading rules once. It is not safe to share between threads; use one per thread.
Everything here is typed and stable within a major version; other modules of `checker` are not.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Mapping, Union

from . import __version__, config as cfg
from .config import ConfigError
from .finding import Evidence, Finding, Fix, Location, RunError, Severity
from .report import ArticleSummary, Report

__all__ = ["Linter", "check_text", "check_paths", "explain", "Report", "Finding", "Location", "Evidence", "Fix",
           "Severity", "RunError", "ArticleSummary", "ConfigError", "BaselineError", "__version__"]

PathLike = Union[str, "os.PathLike[str]"]
Progress = Callable[..., None]


class BaselineError(ValueError):
    """The baseline file cannot be read or is not a factlint baseline."""


def _date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"date: expected a datetime.date or YYYY-MM-DD, got {value!r}") from None


def _configuration(config, root: Path) -> cfg.Config:
    """config as given (a path, a mapping of the file's keys, a loaded Config) or found above root."""
    if isinstance(config, cfg.Config):
        return config
    if isinstance(config, Mapping):
        return cfg.from_mapping(dict(config), root if root.is_dir() else root.parent)
    return cfg.effective([root], Path(config) if config is not None else None)


class Linter:
    """The rules and configuration of a run, loaded once, to check any number of texts and files.

    config: a configuration file (factlint.toml, pyproject.toml), a mapping with its keys
        ({"rules": [...], "checks": {"stale-qualifier": {"max_days": 90}}}), or None to use the one
        found above `root` (like the command line).
    root: where to look for the configuration, and the folder a mapping's paths are relative to
        (default: the working directory).
    rules, select, ignore: as the configuration keys, winning over it (rule paths relative to the
        working directory, as on the command line).
    checks: per-check settings, as in [checks.ID]: {"name-typo": {"severity": "error"}}.
    exclude: gitignore-style globs of files and folders that are not articles (relative to the working
        directory), added to the configuration's. gitignore: whether to leave out what git ignores
        (default: the configuration's respect-gitignore, true). force_exclude: apply the globs to files
        named in paths too.
    baseline: a baseline file (default: the configuration's; False: none).
    against: an archive index built by `factlint index` (default: the configuration's `against`).
    jobs, engine, scheduler: where the per-article checks run (see `factlint check --help`).
    fingerprints: give every finding its fingerprint (Report.fingerprinted(): what baselines, SARIF and
        GitLab reports use); False saves the work when none of them is made.

    Raises ConfigError (every problem in .problems) or BaselineError. Errors in rule files do not
    raise: the other rule files are used, and every report carries them as run errors (`rule_errors`).
    """

    def __init__(self, config: PathLike | Mapping | None = None, *, root: PathLike | None = None,
                 rules: Iterable[PathLike] | None = None, select: Iterable[str] | None = None,
                 ignore: Iterable[str] | None = None, checks: Mapping[str, Mapping[str, object]] | None = None,
                 exclude: Iterable[str] = (), gitignore: bool | None = None, force_exclude: bool = False,
                 baseline: PathLike | bool | None = None, against: PathLike | None = None, jobs: int = 1,
                 engine: str = "local", scheduler: str | None = None, use_cache: bool = True,
                 debug: bool = False, fingerprints: bool = True) -> None:
        # deferred: `import factlint` stays quick; the checks load when first used
        from .runner import Settings, load_rules
        self.root = Path(root) if root is not None else Path.cwd()
        self.config = _configuration(config, self.root)
        _override(self.config, rules, select, ignore, checks)
        select_ids, ignore_ids = cfg.enabled_sets(self.config)
        self.selection = cfg.selection(self.config, tuple(exclude), gitignore, force_exclude)
        against = against if against is not None else self.config.get("against")   # the argument wins
        self._settings = Settings(
            rule_paths=tuple(cfg.rule_paths(self.config, Path.cwd())), select=select_ids, ignore=ignore_ids,
            check_options=cfg.options(self.config), severities=cfg.severities(self.config), debug=debug,
            use_cache=use_cache, baseline=_baseline(self.config, baseline),
            against=Path(against) if against is not None else None, jobs=max(1, jobs), engine=engine,
            scheduler=scheduler, selection=self.selection, fingerprints=fingerprints)
        self._loaded = load_rules(self._settings)

    @property
    def rule_errors(self) -> list[RunError]:
        """Problems of the rule files (each report carries them too)."""
        return list(self._loaded[1])

    @property
    def rule_files(self) -> tuple[str, ...]:
        """The rule files in use, as shown in evidence."""
        base = self._loaded[0]
        return tuple(base.rules.files) if base is not None else ()

    def check(self, paths: Iterable[PathLike] = (), texts: Mapping[str, str] | None = None, *,
              date: dt.date | str | None = None, language: str | None = None,
              only: Iterable[PathLike] | None = None, progress: Progress | None = None) -> Report:
        """Check files and folders (walked for .md, .markdown, .txt) and texts not on disk ({path: text};
        the path's extension says whether it is Markdown), all together: cross-article checks compare them.

        date: the articles' date (overrides front matter and inference). language: a language code ("fr", "en") for the
        texts (default: front matter, else detected). only: report on these paths alone (and the texts),
        the other files being the archive that cross-article checks compare with. progress: called with
        (done, total, "articles", "") as articles are checked, then (done, total, "comparing", check id)
        as the checks that compare them run."""
        # deferred: `import factlint` stays quick; the checks load when first used
        from . import lang
        from .articles import parse_article
        from .runner import run
        if language is not None and language not in lang.codes():
            raise ValueError(f"language: expected one of {', '.join(lang.codes())}, got {language!r}")
        articles = []
        for shown, text in (texts or {}).items():
            if (bad := _unencodable(text, str(shown))) is not None:
                articles.append(bad)   # a lone surrogate: not text a file could hold
                continue
            article = parse_article(text, str(shown), str(shown).lower().endswith((".md", ".markdown")))
            if language is not None:
                article.language, article.language_source = language, "option"
            articles.append(article)
        targets = frozenset(Path(p).resolve() for p in only) if only is not None else None
        settings = replace(self._settings, date=_date(date), targets=targets, progress=progress)
        return run([Path(p) for p in paths], settings, tuple(articles), self._loaded)

    def check_text(self, text: str, path: str = "-", *, date: dt.date | str | None = None,
                   language: str | None = None) -> Report:
        """Check one text that is not on disk (an editor's buffer, a CMS draft). `path` names it in the
        report and, by its extension, says whether it is Markdown (default "-": plain text)."""
        return self.check(texts={path: text}, date=date, language=language)

    def check_paths(self, paths: Iterable[PathLike], *, date: dt.date | str | None = None,
                    only: Iterable[PathLike] | None = None, progress: Progress | None = None) -> Report:
        """Check files and folders, compared with each other (see `check`)."""
        return self.check(paths, date=date, only=only, progress=progress)


def _override(config: cfg.Config, rules, select, ignore, checks) -> None:
    # deferred: `import factlint` stays quick; the checks load when first used
    from .checks import REGISTRY
    from .facts.schema import did_you_mean
    problems: list[str] = []
    if rules is not None:
        cfg.override(config, "rules", [str(p) for p in rules], "rules=")
    for key, ids in (("select", select), ("ignore", ignore)):
        if ids is None:
            continue
        ids = [ids] if isinstance(ids, str) else sorted(ids)
        problems += [f"{key}: unknown check {i!r}{did_you_mean(i, REGISTRY)}" for i in ids if i not in REGISTRY]
        cfg.override(config, key, ids, f"{key}=")
    for check_id, settings in (checks or {}).items():
        for key, value in (settings.items() if isinstance(settings, Mapping) else [("?", settings)]):
            wrong = cfg.set_check(config, check_id, key, value, "checks=")
            if wrong:
                problems.append(f"{'.'.join(wrong[0])}: {wrong[1]}")
    if problems:
        raise ConfigError(problems)


def _baseline(config: cfg.Config, baseline):
    path = config.get("baseline") if baseline is None or baseline is True else baseline
    if path is None or path is False:
        return None
    # deferred: loaded only when a baseline is used
    from . import baseline as baselines
    try:
        return baselines.load(Path(path))
    except baselines.BaselineError as exc:
        raise BaselineError(str(exc)) from None


def check_text(text: str, path: str = "-", *, date: dt.date | str | None = None, language: str | None = None,
               rules: Iterable[PathLike] | None = None, config: PathLike | Mapping | None = None) -> Report:
    """Check one text with a Linter made for it (the configuration is looked for above `path`).
    To check many texts, make one Linter and call its check_text: the rules are then loaded once."""
    root = Path(path).parent if path not in ("-", "") else Path.cwd()
    while not root.exists():   # a draft's folder need not exist yet
        root = root.parent
    return Linter(config, root=root, rules=rules).check_text(text, path, date=date, language=language)


def check_paths(paths: Iterable[PathLike], *, date: dt.date | str | None = None,
                rules: Iterable[PathLike] | None = None, config: PathLike | Mapping | None = None,
                against: PathLike | None = None) -> Report:
    """Check files and folders with a Linter made for them (the configuration is looked for above the
    first path)."""
    paths = [Path(p) for p in paths]
    root = paths[0] if paths else Path.cwd()
    return Linter(config, root=root, rules=rules, against=against).check_paths(paths, date=date)


def explain(check_id: str) -> str:
    """A check's documentation, as `factlint explain ID` prints it (KeyError for an unknown id)."""
    # deferred: `import factlint` stays quick; the checks load when first used
    from .checks import REGISTRY
    module = REGISTRY[check_id]
    others = ", ".join(f"{level}: {severity.label}" for level, severity in getattr(module, "LEVELS", {}).items()
                       if level != "default")
    levels = f"; levels {others}" if others else ""
    return f"# {check_id} (default severity: {module.SEVERITY.label}{levels})\n\n{module.__doc__.strip()}\n"


def _unencodable(text: str, shown: str) -> RunError | None:
    """A text with a lone surrogate (a broken editor buffer or decoding) cannot be checked: one run error
    naming its line, as for a file that is not UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        return RunError(shown, line, f"not valid Unicode text: a lone surrogate (U+{ord(text[exc.start]):04X}) "
                                     f"at column {exc.start - text.rfind(chr(10), 0, exc.start)}")
    return None
