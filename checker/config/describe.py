"""The effective configuration as TOML, each value followed by where it came from (`factlint config`)."""
from __future__ import annotations

import json

from .model import Config, Value
from .validation import _shown


def describe(config: Config) -> str:
    """The effective configuration as TOML, each value followed by where it came from."""
    where = _shown(config.file) if config.file else "none found (defaults)"
    out = [f"# factlint configuration: {where}", ""]

    def line(key: str, value: Value) -> str:
        shown = "" if value.value is None else json.dumps(value.value, ensure_ascii=False)
        left = f"{key} = {shown}" if shown else f"# {key} (not set)"
        return f"{left:44} # {value.source}"

    for key, value in config.values.items():
        out.append(line(key, value))
    for check_id, values in config.checks.items():
        out += ["", f"[checks.{check_id}]"]
        out += [line(key, value) for key, value in values.items()]
    return "\n".join(out) + "\n"
