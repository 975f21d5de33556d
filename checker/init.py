"""`factlint init`: a starter configuration and a commented starter rule file for a newsroom repository.

The configuration lists every registered check with its default severity and options (commented
out), so it stays right as checks are added.
"""
from __future__ import annotations

from pathlib import Path

CONFIG_NAME = "factlint.toml"
RULE_FILE = Path("rules") / "house.yaml"

_CONFIG_HEAD = '''# factlint configuration. Paths are relative to this file.
# `factlint config` prints the effective configuration and where each value comes from.

# Rule files or directories: "@shipped" is the packs installed with factlint; rules/ holds yours.
rules = ["@shipped", "rules/"]

# Exit 1 when a finding reaches this severity: error, warning, info or never.
fail-on = "error"

# Files and folders that are not articles (gitignore-style globs), besides README*, LICENSE*,
# node_modules/, build/ … and what git ignores. include = ["*.md"] narrows the articles to Markdown.
# exclude = ["drafts/", "*.tmp.md"]

# Report format (text, json, markdown, sarif, github, gitlab) and the file to write it to.
# format = "markdown"
# output = "reports/factlint.md"

# Report only findings that are not in the baseline (write it with --write-baseline FILE).
# baseline = "factlint-baseline.json"

# URL prefix for links to article lines in the Markdown report (for pull-request comments).
# link-base = "https://github.com/OWNER/REPO/blob/main/"

# Checks: turn one off (enabled = false), change its severity (error, warning, info), or set its
# options. `factlint explain ID` documents each one.
'''

RULES_TEXT = '''# House rules: the facts this newsroom checks, next to the packs installed with factlint.
# `factlint rules validate` checks this file; `factlint rules test` runs its examples.
# The format is described in factlint's docs/rule-files.md. Every entry needs a `source`: where
# the fact comes from (an official page, a document, a data set). Never guess a date.
note: House rules. Uncomment a template below, fill it in from a source, and add examples.

# people:
#   jane-whitmore:                     # id: lowercase letters, digits and dashes
#     name: Jane Whitmore              # the canonical spelling
#     gender: f                        # m, f or x (for title-gender)
#     aliases: [Whitmore]              # other right spellings
#     held:
#       - {office: city-mayor, from: 2020-07-04}   # `to:` once the term has ended
#     source: City council, minutes of the election session (URL)
#     examples:                        # run by `factlint rules test`
#       - pass: "La maire Jane Whitmore a inauguré le pont."
#         date: 2024-05-01
#       - fail: "La maire Jane Whitmoore a inauguré le pont."
#         rule: name-typo
#         suggestion: Jane Whitmore
#         date: 2024-05-01
#
# offices:
#   city-mayor:
#     titles:
#       fr: {m: [maire], f: [maire]}
#       en: {n: [mayor]}
#     single_holder: true
#     source: City charter, article 1
#
# organisations:
#   city-council:
#     name: City Council
#     acronyms: [CC]                   # exact case: "Cc" is reported
#     source: City charter
#
# events:
#   city-election-2026:
#     names: {fr: [élections municipales], en: [municipal elections]}
#     from: 2026-03-15
#     to: 2026-03-22
#     source: Decree convening the electors
'''


def config_text() -> str:
    from .checks import REGISTRY
    out = [_CONFIG_HEAD]
    for check_id, module in REGISTRY.items():
        first = (module.__doc__ or "").strip().splitlines()[0]
        out.append(f"# [checks.{check_id}]   # {first}")
        out.append("# enabled = true")
        out.append(f"# severity = \"{module.SEVERITY.label}\"")
        for name, (kind, default, help_text) in getattr(module, "OPTIONS", {}).items():
            value = f'"{default}"' if isinstance(default, str) else str(default).lower() if isinstance(default, bool) else default
            out.append(f"# {name} = {value}   # {help_text}")
        out.append("")
    return "\n".join(out)


def targets(directory: Path) -> list[tuple[Path, str]]:
    return [(directory / CONFIG_NAME, config_text()), (directory / RULE_FILE, RULES_TEXT)]
