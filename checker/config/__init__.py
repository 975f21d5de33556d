"""Configuration: factlint.toml, or [tool.factlint] in pyproject.toml, found by walking up from the
checked files. Every value remembers where it came from (default, file:line, command line).

    rules = ["@shipped", "rules/"]      # "@shipped": the packs installed with factlint
    fail-on = "warning"
    [checks.stale-qualifier]
    severity = "error"
    max_days = 90
    [checks.contradiction]
    severity = "error"                 # its default level; its other levels are never raised above it
    severity-majority = "warning"      # one level of the check (its LEVELS), exactly

Per-check keys are `enabled`, `severity`, `severity-<level>` for each further level the check declares,
and the check's own options (its OPTIONS), so a check added to the registry is configurable without
touching this module.
"""
from __future__ import annotations

from .describe import describe
from .files import effective, find, load
from .model import (
                    CHECK_KEYS,
                    FAIL_LEVELS,
                    FORMATS,
                    LEVEL_KEY,
                    SEVERITIES,
                    SHIPPED,
                    Config,
                    ConfigError,
                    Value,
                    defaults,
)
from .run_settings import enabled_sets, options, rule_paths, selection, severities
from .validation import from_mapping, override, parse_setting, set_check

__all__ = ["CHECK_KEYS", "FAIL_LEVELS", "FORMATS", "LEVEL_KEY", "SEVERITIES", "SHIPPED", "Config", "ConfigError",
           "Value", "defaults", "describe", "effective", "enabled_sets", "find", "from_mapping", "load", "options",
           "override", "parse_setting", "rule_paths", "selection", "set_check", "severities"]
