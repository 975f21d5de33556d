"""Every error kind of the check catalog that the benchmark plants, by check id."""
from __future__ import annotations

from . import calendar, events, figures, names, reckoning, titles, years

KINDS = {kind.id: kind for kind in (
    years.KIND, calendar.INVALID_DATE, calendar.WEEKDAY_MISMATCH, calendar.DATE_FORMAT,
    titles.ANACHRONISTIC_TITLE, titles.STALE_QUALIFIER, titles.TITLE_GENDER, titles.ROLE_MISMATCH,
    names.NAME_TYPO, names.NAME_VARIANT, events.KIND, figures.FACT_MISMATCH, figures.CONTRADICTION_KIND,
    figures.UNIT_CONVERSION, reckoning.KIND,
)}
