"""Units of measure as data (lang/units.yaml): dimension of a unit and conversion between two units."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from . import cachedir, lang

PERCENT = "percent"
CURRENCY = "currency"


@dataclass(frozen=True, slots=True)
class Unit:
    id: str
    dimension: str
    factor: float = 1.0       # value in the dimension's base unit = value * factor + offset
    offset: float = 0.0


@functools.lru_cache(maxsize=None)
def table() -> dict[str, Unit]:
    raw = (lang.FOLDER / "units.yaml").read_bytes()
    data = cachedir.parsed("units", raw, _parse_yaml, cachedir.is_mapping)
    units = {PERCENT: Unit(PERCENT, PERCENT)}
    for dimension, entries in data.items():
        if dimension == CURRENCY:
            units.update({code: Unit(code, CURRENCY) for code in entries})
            continue
        for unit_id, spec in entries.items():
            if isinstance(spec, dict):
                units[unit_id] = Unit(unit_id, dimension, float(spec["factor"]), float(spec["offset"]))
            else:
                units[unit_id] = Unit(unit_id, dimension, float(spec))
    return units


def dimension(unit_id: str) -> str | None:
    unit = table().get(unit_id)
    return unit.dimension if unit else None


def convert(value: float, source: str, target: str) -> float:
    """A physical quantity in another unit of the same dimension (not currencies: they need a dated rate)."""
    a, b = table()[source], table()[target]
    if a.dimension != b.dimension or a.dimension == CURRENCY:
        raise ValueError(f"cannot convert {source} to {target}")
    base = value * a.factor + a.offset
    return (base - b.offset) / b.factor


def _parse_yaml(data: bytes):
    import yaml
    return yaml.safe_load(data.decode("utf-8"))
