"""invalid-date, weekday-mismatch and date-format: dates and times as news copy writes them."""
from __future__ import annotations

import calendar as cal
import datetime as dt

from ..model import Kind
from .common import WEEKDAYS, date_slots, some_day

# --- invalid-date ------------------------------------------------------------------------------
INVALID = {
    "fr": [
        ("year", "Le scrutin aura lieu le {day} {month} {year}."),
        ("bare", "La réunion, prévue le {day} {month}, a été reportée à une date ultérieure."),
        ("year", "Le {day} {month} {year}, les syndicats avaient appelé à une journée de grève."),
        ("year", "Il est né le {day} {month} {year} à Lyon, selon l'état civil."),
        ("year", "Date limite de dépôt des dossiers : {dd}/{mm}/{year}."),
        ("bare", "Les inscriptions sont ouvertes jusqu'au {day} {month} inclus."),
        ("bare", "Depuis le {day} {month} dernier, le magasin a baissé le rideau."),
        ("pair", "Rendez-vous les {day0} et {day} {month} pour la fête de la ville."),
        ("year", "L'accord a été signé à Bruxelles le {day} {month} {year} par les deux parties."),
        ("year", "Le contrat, daté du {dd}.{mm}.{year}, n'a jamais été exécuté."),
        ("year", "Le décret du {day} {month} {year} fixe les nouveaux tarifs."),
        ("bare", "Le marché de Noël se tiendra jusqu'au {day} {month}, place Stanislas."),
    ],
    "en": [
        ("year", "The vote is scheduled for {Month} {dayn}, {year}."),
        ("bare", "The meeting, set for {mon} {dayn}, was postponed."),
        ("year", "On {mon} {dayn}, {year}, the union called a strike."),
        ("year", "He was born {Month} {dayn}, {year}, in Dayton, Ohio."),
        ("year", "Applications must be postmarked by {mm}/{dd}/{year}."),
        ("bare", "The offer expires {mon} {dayn}."),
        ("bare", "Since {Month} {dayn}, the store has been closed."),
        ("pair", "The festival runs {Month} {day0}-{dayn} on the waterfront."),
        ("year", "The agreement was signed in Brussels on {dayn} {Month} {year}."),
        ("bare", "The company will report its results on {Month} {ord}."),
        ("year", "The contract dated {mm}/{dd}/{year} was never carried out."),
        ("year", "The deadline is midnight {Month} {dayn}, {year}."),
    ],
}


def _invalid(tag, world, rng, host, pool=None):
    year = host.year + rng.choice((0, 0, 1)) if tag != "bare" else host.year
    month = rng.choice((2, 4, 6, 9, 11))
    last = cal.monthrange(year, month)[1]
    if month == 2:
        wrong_day = rng.choice([d for d in (29, 30, 31) if d > last])
    else:
        wrong_day = 31
    right_day = rng.randint(max(2, last - 6), last)
    wrong = date_slots(dt.date(year, month, 1), host.lang)
    right = date_slots(dt.date(year, month, right_day), host.lang)
    wrong.update(day=str(wrong_day), dayn=str(wrong_day), dd=f"{wrong_day:02d}", ord=f"{wrong_day}st")
    wrong["day0"] = str(wrong_day - 1)
    right["day0"] = str(right_day - 1)
    return wrong, right


# --- weekday-mismatch -------------------------------------------------------------------------------
WEEKDAY = {
    "fr": [
        ("future", "Le conseil municipal se réunira {weekday} {day} {month} à 20 heures."),
        ("past", "{Weekday} {day} {month} {year}, la neige a paralysé la région."),
        ("future", "La manifestation est prévue le {weekday} {day} {month}."),
        ("past", "L'accident s'est produit dans la nuit de {eve} à {weekday} {day} {month}."),
        ("future", "Le match aura lieu {weekday} {day} {month} au Stade de France."),
        ("past", "Ce {weekday} {day} {month}, les grévistes ont reconduit le mouvement."),
        ("future", "Le verdict est attendu pour le {weekday} {day} {month} {year}."),
        ("future", "Les bureaux de vote ouvriront {weekday} {day} {month} à 8 heures."),
        ("past", "Le {weekday} {day} {month} dernier, un homme de 45 ans a été interpellé."),
        ("future", "Le texte sera examiné en séance publique à partir du {weekday} {day} {month}."),
        ("past", "Les négociations avaient repris {weekday} {dd}/{mm}/{year} à Genève."),
        ("future", "La grève, votée pour le {weekday} {day} {month}, pourrait être reconduite."),
        ("future", "La réunion aura lieu {weekday} prochain, le {day} {month}."),
        ("past", "{Weekday} dernier, {day} {month}, la grève a commencé dans l'usine."),
    ],
    "en": [
        ("future", "The council will meet {Weekday}, {Month} {dayn}, at 8 p.m."),
        ("past", "On {Weekday}, {mon} {dayn}, snow paralyzed the region."),
        ("future", "The rally is planned for {Weekday}, {mon} {dayn}."),
        ("future", "The game will be played {Weekday}, {mon} {dayn}, {year}, at the stadium."),
        ("future", "The verdict is expected {Weekday}, {Month} {dayn}."),
        ("future", "Polls will open at 7 a.m. on {Weekday}, {mon} {dayn}."),
        ("past", "Last {Weekday}, {mon} {dayn}, a 45-year-old man was arrested."),
        ("future", "The hearing was postponed until {Weekday}, {Month} {ord}."),
        ("past", "The talks resumed on {Weekday} {dayn} {Month} in Geneva."),
        ("future", "The shares will begin trading {Weekday}, {mon} {dayn}, on the Nasdaq."),
        ("past", "The accident happened late {Weekday}, {Month} {dayn}, {year}, near the border."),
        ("future", "The company's annual meeting is set for {Weekday}, {Month} {dayn}, in New York."),
        ("future", "The hearing was moved to next {Weekday}, {mon} {dayn}."),
    ],
}


def _weekday(tag, world, rng, host, pool=None):
    if tag == "future":
        day = some_day(rng, host.date + dt.timedelta(days=2), host.date + dt.timedelta(days=60))
    else:
        day = some_day(rng, host.date - dt.timedelta(days=60), host.date - dt.timedelta(days=2))
    right = date_slots(day, host.lang)
    shift = rng.choice((1, 2, 3, 4, 5, 6))
    wrong_day = day + dt.timedelta(days=shift)
    wrong = dict(right, weekday=WEEKDAYS[host.lang][wrong_day.weekday()],
                 Weekday=WEEKDAYS[host.lang][wrong_day.weekday()].capitalize())
    right["eve"] = WEEKDAYS[host.lang][(day.weekday() - 1) % 7]
    wrong["eve"] = WEEKDAYS[host.lang][(wrong_day.weekday() - 1) % 7]
    return wrong, right


# --- date-format --------------------------------------------------------------------------------------
FORMAT = {
    "fr": [
        ("stamp", "Mis à jour le {stamp}."),
        ("time", "Le coup d'envoi sera donné à {time}."),
        ("time", "La séance a été levée à {time}, après six heures de débats."),
        ("numdate", "Rendez-vous le {numdate} devant la mairie."),
        ("time", "Le train est arrivé en gare à {time} avec 40 minutes de retard."),
        ("stamp", "Dernière mise à jour : {stamp}"),
        ("time", "Les bureaux de vote fermeront à {time}."),
        ("numdate", "Selon le communiqué daté du {numdate}, l'usine restera fermée."),
        ("time", "Le feu s'est déclaré vers {time} dans un entrepôt de la zone industrielle."),
        ("stamp", "Publié le {stamp}"),
        ("numdate", "Le rapport, remis le {numdate}, n'a pas été rendu public."),
        ("time", "L'alerte a été levée peu après {time}."),
    ],
    "en": [
        ("stamp", "Updated {stamp}"),
        ("time", "The game starts at {time}."),
        ("time", "The session was adjourned at {time} after six hours of debate."),
        ("stamp", "Posted {stamp}"),
        ("numdate", "The deadline is {numdate}."),
        ("time", "The train arrived at {time}, 40 minutes late."),
        ("time", "Polls close at {time} EST."),
        ("numdate", "According to the release dated {numdate}, the plant will remain closed."),
        ("time", "The fire broke out at about {time} in a warehouse."),
        ("time", "Trading was halted at {time} after the index fell 7%."),
        ("stamp", "Last modified: {stamp}"),
        ("numdate", "The report, delivered {numdate}, was not made public."),
    ],
}


def _numdate(day: dt.date, lang: str) -> str:
    a, b = (day.day, day.month) if lang == "fr" else (day.month, day.day)
    return f"{a:02d}/{b:02d}/{day.year}"


def _time(hour: int, minute: int, lang: str) -> str:
    if lang == "fr":
        return f"{hour}h{minute:02d}" if minute else f"{hour}h"
    return f"{hour}:{minute:02d}"


def _format(tag, world, rng, host, pool=None):
    day = some_day(rng, host.date - dt.timedelta(days=20), host.date + dt.timedelta(days=20))
    hour, minute = rng.randint(7, 22), rng.choice((5, 10, 12, 15, 20, 30, 45, 50))
    numdate = _numdate(day, host.lang)
    clock = f"{hour:02d}:{minute:02d}"
    if tag == "time":
        if rng.random() < 0.5:   # an hour past 23, as a 24-hour clock writes it
            return {"time": _time(24 + rng.randint(0, 5), minute, host.lang)}, {"time": _time(hour, minute, host.lang)}
        bad_minute = rng.randint(60, 99)
        if host.lang == "en":   # "4:75 p.m."
            twelve = hour % 12 or 12
            suffix = "a.m." if hour < 12 else "p.m."
            return {"time": f"{twelve}:{bad_minute} {suffix}"}, {"time": f"{twelve}:{minute:02d} {suffix}"}
        return {"time": _time(hour, bad_minute, host.lang)}, {"time": _time(hour, minute, host.lang)}
    if tag == "numdate":
        a, b, year = numdate.split("/")
        bad = rng.choice((f"{a}//{b}/{year}", f"{a}/{b}-{year}", f"{a}/{b}//{year}", f"{a}.{b}/{year}"))
        return {"numdate": bad}, {"numdate": numdate}
    link = " à " if host.lang == "fr" else " "
    glued = rng.choice((f"{clock}{numdate}", f"{numdate}{clock}"))
    return {"stamp": glued}, {"stamp": f"{numdate}{link}{clock}"}


INVALID_DATE = Kind("invalid-date", INVALID, _invalid)
WEEKDAY_MISMATCH = Kind("weekday-mismatch", WEEKDAY, _weekday)
DATE_FORMAT = Kind("date-format", FORMAT, _format)
