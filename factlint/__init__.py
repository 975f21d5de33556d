"""factlint: fact-consistency checks for news articles, from Python.

The package that does the work is `checker`; this one is its public face: everything documented in
docs/api.md is importable from here, and nothing else is promised. See checker/api.py.
"""
from checker.api import (ArticleSummary, BaselineError, ConfigError, Evidence, Finding, Fix, Linter, Location,
                         Report, RunError, Severity, __version__, check_paths, check_text, explain)

__all__ = ["Linter", "check_text", "check_paths", "explain", "Report", "Finding", "Location", "Evidence", "Fix",
           "Severity", "RunError", "ArticleSummary", "ConfigError", "BaselineError", "__version__"]
