"""Helpers the kinds share: dates written as newsrooms write them, and one-keystroke typos."""
from __future__ import annotations

import datetime as dt
import random

MONTHS = {
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}
# AP style: the long months are abbreviated before a day ("Oct. 24"), the short ones never
AP_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
WEEKDAYS = {
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
ORDINAL_SUFFIX = {1: "st", 2: "nd", 3: "rd"}


def ordinal_en(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else ORDINAL_SUFFIX.get(n % 10, "th")
    return f"{n}{suffix}"


def day_fr(day: int) -> str:
    return "1er" if day == 1 else str(day)


def date_slots(day: dt.date, lang: str, prefix: str = "") -> dict:
    """Slots for one date: {day} {month} {Month} {mon} {year} {weekday} {Weekday} {dd} {mm} {yyyy}."""
    p = prefix
    weekday = WEEKDAYS[lang][day.weekday()]
    return {
        f"{p}day": day_fr(day.day) if lang == "fr" else str(day.day),
        f"{p}dayn": str(day.day),
        f"{p}month": MONTHS[lang][day.month - 1],
        f"{p}Month": MONTHS[lang][day.month - 1].capitalize(),
        f"{p}mon": AP_MONTHS[day.month - 1],
        f"{p}year": str(day.year),
        f"{p}weekday": weekday,
        f"{p}Weekday": weekday.capitalize(),
        f"{p}dd": f"{day.day:02d}",
        f"{p}mm": f"{day.month:02d}",
        f"{p}ord": ordinal_en(day.day),
    }


def some_day(rng: random.Random, after: dt.date, before: dt.date) -> dt.date:
    span = (before - after).days
    return after + dt.timedelta(days=rng.randint(1, max(1, span - 1)))


# digits next to each other on the keyboard's number row: the digit a finger hits by mistake
NEXT_KEY = {str(d): {str(d - 1) if d > 1 else "", str(d + 1) if d < 9 else "0"} - {""} for d in range(1, 10)}
NEXT_KEY["0"] = {"9"}


def keystrokes(digits: str) -> set[str]:
    """Strings one slip of the finger from the digits: one digit missing, doubled, or hit with its
    neighbour on the number row (instead of it or beside it), or two digits swapped."""
    out = set()
    for i, d in enumerate(digits):
        out.add(digits[:i] + digits[i + 1:])
        out.add(digits[:i] + d + digits[i:])
        for near in NEXT_KEY[d]:
            out.add(digits[:i] + near + digits[i + 1:])
            out.add(digits[:i] + near + digits[i:])
            out.add(digits[:i + 1] + near + digits[i + 1:])
        if i + 1 < len(digits):
            out.add(digits[:i] + digits[i + 1] + d + digits[i + 2:])
    out.discard(digits)
    return {s for s in out if s and not s.startswith("0")}


def year_typo(right: int, article_year: int, classes: tuple[str, ...], rng: random.Random,
              far: int = 60) -> str | None:
    """A one-keystroke typo of the right year that cannot be the year meant, of one of the classes:
    "short" (three digits: 206), "long" (five: 20122), "far" (more than `far` years after the
    article: 2101, 3010), "after" (after the article: for a year that must be past), "before" (before the
    article: for a year that must be to come)."""
    pools: dict[str, list[str]] = {c: [] for c in classes}
    for typo in sorted(keystrokes(str(right))):
        value = int(typo)
        if "short" in pools and len(typo) == 3 and value >= 100:
            pools["short"].append(typo)
        elif "long" in pools and len(typo) == 5:
            pools["long"].append(typo)
        elif len(typo) == 4:
            if "far" in pools and value > article_year + far:
                pools["far"].append(typo)
            if "after" in pools and article_year < value:
                pools["after"].append(typo)
            if "before" in pools and value < article_year - 1 and value > article_year - 40:
                pools["before"].append(typo)
    available = [c for c in classes if pools[c]]
    if not available:
        return None
    return rng.choice(pools[rng.choice(available)])
