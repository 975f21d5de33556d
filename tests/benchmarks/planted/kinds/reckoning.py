"""arithmetic: anniversaries, ages, "N years ago", spans of years and percentage changes that do not
add up at the article's date, written every way news copy writes them."""
from __future__ import annotations

import datetime as dt

from ..model import Kind
from .common import date_slots, ordinal_en

SHAPES = {
    "fr": [
        ("anniv", "Fondée en {f}, l'association célèbre cette année ses {n} ans."),
        ("anniv", "Créé en {f}, le festival souffle cette année ses {n} bougies."),
        ("anniv", "Le club, qui fête cette année ses {n} ans, a été fondé en {f} par des cheminots."),
        ("ago", "C'était il y a tout juste {n} ans, le {day} {month} {f}."),
        ("ago", "Il y a {n} ans, en {f}, la ville accueillait pour la première fois le Tour de France."),
        ("anniv", "L'entreprise, fondée en {f}, fête son {n}e anniversaire."),
        ("age", "Né en {f}, le romancier, âgé de {n} ans, publie son vingtième livre."),
        ("age", "Le navigateur, {n} ans, né en {f} à Brest, tentera un nouveau record."),
        ("anniv", "Inaugurée en {f}, la salle célèbre son {n}e anniversaire avec un concert gratuit."),
        ("ago", "Le traité avait été signé il y a {n} ans, en {f}."),
        ("ago", "Voilà {n} ans que le musée a ouvert ses portes, en {f}."),
        ("age", "Âgé de {n} ans, le chanteur, né en {f}, entame une tournée d'adieu."),
        ("span", "Il a dirigé l'entreprise de {a} à {b}, soit {n} ans."),
        ("change", "Le chiffre d'affaires est passé de {x} à {y} millions d'euros, soit une hausse de {p} %."),
        ("anniv", "L'orchestre, créé en {f}, donnera un concert pour ses {n} ans."),
        ("ago", "Aujourd'hui, {n} ans après sa fondation en {f}, le club compte 300 licenciés."),
    ],
    "en": [
        ("anniv", "Founded in {f}, the group celebrates its {ord} anniversary this year."),
        ("ago", "The company was founded {n} years ago, in {f}."),
        ("anniv", "The museum, which opened in {f}, marks its {ord} anniversary this week."),
        ("ago", "It was {n} years ago, on {Month} {dayn}, {f}, that the dam burst."),
        ("age", "Born in {f}, the senator, who is {n}, announced his retirement."),
        ("age", "The novelist, {n}, was born in {f} in Chicago."),
        ("anniv", "The festival, created in {f}, turns {n} this year."),
        ("anniv", "The newspaper, first published in {f}, celebrated its {ord} birthday on Sunday."),
        ("ago", "Now, {n} years after it was founded in {f}, the school still has no gymnasium."),
        ("age", "The {n}-year-old writer, born in {f}, is working on a new novel."),
        ("anniv", "The union, established in {f}, will mark its {ord} anniversary next month."),
        ("span", "He ran the company from {a} to {b}, a total of {n} years."),
        ("change", "Revenue rose from ${x} million to ${y} million, an increase of {p}%."),
        ("anniv", "The bank's {ord} anniversary falls this year; it was founded in {f}."),
        ("ago", "It has been {n} years since the plant opened in {f}."),
    ],
}

DECOYS = {
    "fr": [
        ("other", "Fondé en {f}, le groupe fête ses {m} ans de présence en Chine."),
        ("other", "Né en {f}, il a passé {m} ans dans la police nationale."),
        ("other", "Créée en {f}, la société emploie {m} salariés."),
        ("other", "Le lycée, fondé en {f}, accueille {m} élèves cette année."),
        ("other", "Il y a {m} ans, la ville ne comptait qu'une seule école."),
        ("other", "Deux ans après sa création en {f}, la société est entrée en Bourse."),
        ("death", "Né en {f}, l'acteur est mort il y a trois ans, à l'âge de {older} ans."),
    ],
    "en": [
        ("other", "Founded in {f}, the firm has spent {m} years in China."),
        ("other", "Born in {f}, he served {m} years in the Army."),
        ("other", "The club, founded in {f}, has {m} members."),
        ("other", "The company, founded in {f}, reported its {mord} straight quarterly loss."),
        ("other", "{m} years ago, the town had a single school."),
        ("other", "Two years after it was founded in {f}, the company went public."),
        ("death", "Born in {f}, the actor died three years ago, aged {older}."),
    ],
}


def _off(rng, n: int, low: int = 2) -> int:
    """A wrong count near the right one: at least `low` away (an age may be one less), still positive."""
    while True:
        wrong = n + rng.choice((-1, 1)) * rng.randint(low, 12)
        if wrong > 0:
            return wrong


def values(tag, world, rng, host, pool=None):
    y = host.year
    n = rng.choice((10, 20, 25, 30, 40, 50, 60, 75, 80, 100, 150)) if rng.random() < 0.5 else rng.randint(6, 110)
    founded = y - n
    right = {"f": str(founded), "n": str(n), "ord": ordinal_en(n)}
    if tag == "other":
        m = rng.randint(3, 40)
        return None, dict(right, m=str(m), mord=ordinal_en(m))
    if tag == "death":   # an age at death, three years before the article: not an age now
        born = y - rng.randint(50, 95)
        return None, {"f": str(born), "older": str(y - 3 - born)}
    if tag == "age":
        n = rng.randint(25, 90)
        right = {"f": str(y - n), "n": str(n)}
        return dict(right, n=str(_off(rng, n))), right
    if tag == "ago":
        # "il y a tout juste N ans, le 5 juillet 1962": the same day of the year, a little earlier
        day = host.date - dt.timedelta(days=rng.randint(0, 20))
        right.update(date_slots(day.replace(year=founded) if not (day.month == 2 and day.day == 29) else
                                day.replace(year=founded, day=28), host.lang))
    if tag == "span":
        a = y - rng.randint(10, 40)
        length = rng.randint(4, min(30, y - a))
        right = {"a": str(a), "b": str(a + length), "n": str(length)}
        return dict(right, n=str(_off(rng, length, 3))), right
    if tag == "change":
        x = rng.randint(20, 400)
        y2 = round(x * (1 + rng.randint(8, 90) / 100))
        p = round((y2 - x) / x * 100)
        wrong_p = p + rng.choice((-1, 1)) * max(6, p // 2)
        if wrong_p <= 0:
            wrong_p = p + max(6, p // 2)
        right = {"x": str(x), "y": str(y2), "p": str(p)}
        return dict(right, p=str(wrong_p)), right
    wrong_n = _off(rng, n)
    return dict(right, n=str(wrong_n), ord=ordinal_en(wrong_n)), right


KIND = Kind("arithmetic", SHAPES, values, DECOYS)
