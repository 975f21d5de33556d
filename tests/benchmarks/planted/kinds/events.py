"""event-date: dated events of the rules, named in the article's own words ("Germany joined NATO in
1955", "Turkey's accession to NATO dates from Feb. 18, 1952") rather than by the rules' event names.

The participants below are how copy names the countries and people of the rules' events; the
dates come from the rules, so an event the rules lack is never planted."""
from __future__ import annotations

import datetime as dt

from ..model import Kind
from .common import AP_MONTHS, MONTHS, day_fr

# event id → kind and participants: French (subject, "de" form), English (subject)
EVENTS = {
    "greece-turkey-nato-accession": ("accession", [("la Turquie", "de la Turquie"), ("la Grèce", "de la Grèce")],
                                     ["Turkey", "Greece"]),
    "west-germany-nato-accession": ("accession", [("l'Allemagne de l'Ouest", "de l'Allemagne de l'Ouest"),
                                                  ("la RFA", "de la RFA")], ["West Germany"]),
    "spain-nato-accession": ("accession", [("l'Espagne", "de l'Espagne")], ["Spain"]),
    "nato-enlargement-1999": ("accession", [("la Pologne", "de la Pologne"), ("la Hongrie", "de la Hongrie"),
                                            ("la République tchèque", "de la République tchèque")],
                              ["Poland", "Hungary", "the Czech Republic"]),
    "nato-enlargement-2004": ("accession", [("l'Estonie", "de l'Estonie"), ("la Roumanie", "de la Roumanie"),
                                            ("la Bulgarie", "de la Bulgarie"), ("la Slovaquie", "de la Slovaquie"),
                                            ("la Lituanie", "de la Lituanie"), ("la Lettonie", "de la Lettonie")],
                              ["Estonia", "Romania", "Bulgaria", "Slovakia", "Lithuania", "Latvia"]),
    "nato-enlargement-2009": ("accession", [("l'Albanie", "de l'Albanie"), ("la Croatie", "de la Croatie")],
                              ["Albania", "Croatia"]),
    "north-atlantic-treaty-signature": ("signature", [("", "")], [""]),
}

SHAPES = {
    "fr": [
        ("accession/date", "{Pays} a rejoint l'OTAN le {date}."),
        ("accession/date", "{Pays} est entrée dans l'OTAN le {date}, en pleine guerre froide."),
        ("accession/date", "L'adhésion {de_pays} à l'OTAN remonte au {date}."),
        ("accession/date", "Membre de l'OTAN depuis le {date}, {pays} accueille plusieurs bases alliées."),
        ("accession/year", "{Pays} a adhéré à l'Alliance atlantique en {year}."),
        ("accession/date", "Depuis son entrée dans l'OTAN, le {date}, {pays} participe aux opérations alliées."),
        ("accession/month", "{Pays}, qui a intégré l'OTAN en {month} {year}, réclame davantage de troupes alliées."),
        ("accession/date", "C'est le {date} que {pays} est devenue membre de l'OTAN."),
        ("accession/year", "{Pays}, membre de l'OTAN depuis {year}, a envoyé des troupes en Afghanistan."),
        ("signature/date", "Le traité de l'Atlantique Nord a été signé à Washington le {date}."),
        ("signature/date", "L'OTAN a été fondée le {date} par douze pays."),
        ("accession/date", "L'adhésion {de_pays} à l'OTAN, le {date}, avait suscité la colère de Moscou."),
        ("accession/year", "{Pays} fait partie de l'OTAN depuis {year}."),
        ("accession/year", "L'entrée {de_pays} dans l'OTAN en {year} avait irrité Moscou."),
    ],
    "en": [
        ("accession/date", "{Country} joined NATO on {date}."),
        ("accession/date", "{Country_s} accession to NATO dates from {date}."),
        ("accession/year", "{Country} became a member of NATO in {year}."),
        ("accession/year", "{Country}, a NATO member since {year}, hosts several allied bases."),
        ("accession/date", "{Country} was admitted to NATO on {date}, at the height of the Cold War."),
        ("accession/date", "Since joining NATO on {date}, {country} has taken part in allied exercises."),
        ("accession/month", "When {country} entered NATO in {Month} {year}, Moscow protested."),
        ("signature/date", "The North Atlantic Treaty was signed in Washington on {date}."),
        ("signature/date", "NATO was founded on {date} by 12 nations."),
        ("accession/year", "{Country}, which joined the North Atlantic alliance in {year}, wants more allied troops."),
        ("accession/date", "{Country} has been a member of NATO since {date}."),
        ("accession/year", "{Country_s} NATO membership dates back to {year}."),
        ("accession/year", "It was the {year} accession of {country} to NATO that angered Moscow."),
        ("accession/date", "{Country} formally joined the North Atlantic Treaty Organization on {date}."),
    ],
}
DECOYS = {
    "fr": [
        ("plain", "La Turquie, membre de l'OTAN, a rejoint l'union douanière européenne en 1996."),
        ("plain", "L'Espagne a adhéré à la Communauté européenne le 1er janvier 1986."),
        ("plain", "La Grèce est entrée dans la zone euro en 2001."),
        ("plain", "La Pologne a rejoint l'Union européenne le 1er mai 2004."),
        ("plain", "En 1997, la Pologne a été invitée à rejoindre l'OTAN."),
    ],
    "en": [
        ("plain", "Turkey, a NATO member, joined the European customs union in 1996."),
        ("plain", "Spain joined the European Community on Jan. 1, 1986."),
        ("plain", "Greece joined the European Community in 1981."),
        ("plain", "West Germany joined the United Nations in 1973."),
        ("plain", "In 1997, Poland was invited to join NATO."),
    ],
}


def _date_text(day: dt.date, lang: str) -> str:
    if lang == "fr":
        return f"{day_fr(day.day)} {MONTHS['fr'][day.month - 1]} {day.year}"
    return f"{AP_MONTHS[day.month - 1]} {day.day}, {day.year}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _wrong_day(day: dt.date, how: str, rng) -> dt.date:
    if how == "year":
        return day.replace(year=day.year + rng.choice((-3, -2, -1, 1, 2, 3)))
    if how == "month":
        month = (day.month - 1 + rng.choice((-3, -2, -1, 1, 2, 3))) % 12 + 1
        return day.replace(month=month, day=min(day.day, 28))
    return day + dt.timedelta(days=rng.choice((-1, 1)) * rng.randint(3, 25))


def values(tag, world, rng, host, pool=None):
    if tag == "plain":
        return None, {}
    kind, grain = tag.split("/")
    known = {e.id: e for e in world.past_events}
    choices = [eid for eid, (k, _, _) in EVENTS.items() if k == kind and eid in known]
    if not choices:
        return None
    eid = rng.choice(choices)
    event = known[eid]
    _, french, english = EVENTS[eid]
    if host.lang == "fr":
        pays, de_pays = rng.choice(french)
        who = {"pays": pays, "Pays": _cap(pays), "de_pays": de_pays}
    else:
        country = rng.choice(english)
        who = {"country": country, "Country": _cap(country), "Country_s": _cap(country) + "'s"}
    how = {"year": "year", "month": rng.choice(("month", "year"))}.get(grain, rng.choice(("day", "day", "month", "year")))
    wrong_day = _wrong_day(event.start, how, rng)
    right = dict(who, date=_date_text(event.start, host.lang), year=str(event.start.year),
                 month=MONTHS["fr"][event.start.month - 1], Month=MONTHS["en"][event.start.month - 1])
    wrong = dict(who, date=_date_text(wrong_day, host.lang), year=str(wrong_day.year),
                 month=MONTHS["fr"][wrong_day.month - 1], Month=MONTHS["en"][wrong_day.month - 1])
    return wrong, right


KIND = Kind("event-date", SHAPES, values, DECOYS)
