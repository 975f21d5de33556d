"""The registry of checks: every check module, by its stable id. Grep here to find them all."""
from __future__ import annotations

from types import ModuleType

from . import (anachronistic_title, arithmetic, contradiction, date_format, event_date, fact_mismatch, invalid_date,
               name_typo, name_variant, quote_drift, role_mismatch, stale_qualifier, title_gender, unit_conversion, unknown_date, unused_suppression,
               weekday_mismatch, year_typo)

REGISTRY: dict[str, ModuleType] = {module.ID: module for module in (
    year_typo,
    invalid_date,
    weekday_mismatch,
    event_date,
    fact_mismatch,
    unit_conversion,
    arithmetic,
    date_format,
    anachronistic_title,
    stale_qualifier,
    title_gender,
    role_mismatch,
    name_typo,
    unknown_date,
    unused_suppression,
    contradiction,      # collection checks (check_collection): compare the articles with each other
    quote_drift,
    name_variant,
)}

# Checks whose findings can rest on the article's date (a title at that date, a weekday in its year, a
# deadline after it, a rate of that day, …): when that date is uncertain and a finding of theirs rests on it,
# the finding is reported as info (context.ArticleContext.uncertain_date). A finding rests on it when its
# check read the article's date for its sentence through ctx.when(), or when the check reads the date (or its
# bounds) directly, outside ctx.when() (then any of its findings may rest on it).
ARTICLE_DATE_CHECKS = frozenset({
    "year-typo", "weekday-mismatch", "event-date", "fact-mismatch", "unit-conversion", "arithmetic",
    "anachronistic-title", "stale-qualifier", "title-gender", "role-mismatch", "name-typo",
})
READ_THE_DATE_DIRECTLY = frozenset({"year-typo", "arithmetic"})

DOC_SECTIONS = ("## What it finds", "## Why it matters", "## Fails", "## Passes", "## Options")


def options_for(module: ModuleType, overrides: dict | None = None) -> dict:
    """The check's options: its defaults with the given overrides (validated by type)."""
    values = {name: default for name, (kind, default, _help) in getattr(module, "OPTIONS", {}).items()}
    for name, value in (overrides or {}).items():
        if name not in values:
            raise ValueError(f"{module.ID}: unknown option {name!r}")
        kind = module.OPTIONS[name][0]
        values[name] = kind(value)
    return values
