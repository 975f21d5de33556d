"""Small value conversions shared by the readers of articles and rule files."""
from __future__ import annotations

import datetime as dt


def to_date(value) -> dt.date | None:
    """A date from a YAML value: a date, a datetime, or an ISO text ('2025-06-10', '2025-06-10T08:00')."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None
