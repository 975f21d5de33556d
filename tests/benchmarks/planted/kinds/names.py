"""name-typo and name-variant: a name one keystroke off, as it slips into copy.

name-typo: people and organisations of the rules, with a title, alone, as a lone surname after a
title, with an initial, as an acronym. name-variant: a person the rules do not know, named twice or
more in a real article, and misspelt in another article checked beside it."""
from __future__ import annotations

import functools
import re

from checker.lang import given_name_gender

from ..model import Kind
from .titles import AGREEMENT, _person_title, _political

NEIGHBOURS = {"a": "zqs", "z": "aes", "e": "zrd", "r": "etf", "t": "ryg", "y": "tuh", "u": "yij", "i": "uok",
              "o": "ipl", "p": "ol", "q": "as", "s": "qdz", "d": "sfe", "f": "dgr", "g": "fht", "h": "gjy",
              "j": "hku", "k": "jli", "l": "kmo", "m": "ln", "w": "xs", "x": "wc", "c": "xv", "v": "cb",
              "b": "vn", "n": "bm"}


def typo(word: str, rng) -> str:
    """One keystroke off, inside the word (its first letter kept): two letters swapped, one dropped,
    doubled, or hit beside."""
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    how = rng.choice(("swap", "drop", "double", "near"))
    if how == "swap" and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if how == "double":
        return word[:i] + word[i] + word[i:]
    if how == "near" and word[i].lower() in NEIGHBOURS:
        return word[:i] + rng.choice(NEIGHBOURS[word[i].lower()]) + word[i + 1:]
    return word[:i] + word[i + 1:]


def _misspelt(name: str, rng, base) -> str | None:
    words = name.split()
    for _ in range(20):
        k = len(words) - 1 if rng.random() < 0.75 or len(words) == 1 else 0
        wrong = " ".join(typo(w, rng) if j == k else w for j, w in enumerate(words))
        if wrong != name and not base.entities_named(wrong):
            return wrong
    return None


# --- name-typo ------------------------------------------------------------------------------------
TYPO = {
    "fr": [
        ("title", "{Le} {title} {name} a reçu les représentants syndicaux."),
        ("lone", "{Le} {title} {surname} a promis une réponse rapide."),
        ("plain", "{name} a démenti ces informations lors d'une conférence de presse."),
        ("initial", "{right} est attendu{e} à Bruxelles. Selon un proche, {initial} souhaite apaiser les tensions."),
        ("plain", "Selon {name}, l'accord sera signé avant la fin de l'année."),
        ("org", "Selon l'{org}, le bilan pourrait encore s'alourdir."),
        ("title", "« Nous resterons vigilants », a déclaré {le} {title} {name}."),
        ("lone", "Pour {le} {title} {surname}, il n'est pas question de reculer."),
        ("org", "Les ministres de la Défense de l'{org} se réuniront à Bruxelles."),
        ("plain", "La visite de {name} à Berlin a été reportée."),
        ("apposition", "{name}, {title}, a rencontré le pape."),
    ],
    "en": [
        ("title", "{title} {name} met union leaders on Tuesday."),
        ("lone", "{title} {surname} promised a quick answer."),
        ("plain", "{name} denied the reports at a news conference."),
        ("initial", "{right} is expected in Brussels next week. According to aides, {initial} wants to ease tensions."),
        ("plain", "According to {name}, the agreement will be signed by the end of the year."),
        ("org", "Defense ministers of the {org} will meet in Brussels."),
        ("title", "\"We will remain vigilant,\" said {title} {name}."),
        ("us", "U.S. {title} {name} has requested more funds."),
        ("org", "A spokesman for the {org} said the talks had failed."),
        ("plain", "The visit by {name} to Berlin was postponed."),
        ("weekday", "{title} {name} Saturday vowed to veto the bill."),
    ],
}
ORGS = {"fr": ["OTAN"], "en": ["NATO"]}


def _typo(tag, world, rng, host, pool):
    lang, base = host.lang, world.base
    if tag == "org":
        org = rng.choice(ORGS[lang])
        wrong = org
        while wrong == org or base.entities_named(wrong):
            letters = list(org)
            i = rng.randrange(len(letters) - 1)
            letters[i], letters[i + 1] = letters[i + 1], letters[i]
            wrong = "".join(letters)
        return {"org": wrong}, {"org": org}
    people = [h for h in _political(world.holders) if len(h.person.name.split()) > 1]
    if tag == "us":
        people = [h for h in people if h.office.startswith("us-")]
    if not people:
        return None
    holding = rng.choice(people)
    name = holding.person.name
    title = _person_title(world, rng, lang, holding)
    if tag == "us":   # "U.S. Vice President": the title must not say the country again
        forms = [t for t in world.titles(holding.office, lang, holding.person.gender)
                 if t[0].isupper() and not any(w in t for w in ("US", "U.S.", "United States", "American"))]
        title = rng.choice(forms) if forms else None
    wrong = _misspelt(name, rng, base)
    if wrong is None or title is None:
        return None
    surname = name.split()[-1]
    wrong_surname = _misspelt(surname, rng, base)
    if wrong_surname is None:
        return None
    first = name.split()[0]
    agree = AGREEMENT[holding.person.gender]
    return ({**agree, "title": title, "name": wrong, "surname": wrong_surname, "right": name,
             "initial": f"{first[0]}. {wrong_surname}"},
            {**agree, "title": title, "name": name, "surname": surname, "right": name,
             "initial": f"{first[0]}. {surname}"})


# --- name-variant ---------------------------------------------------------------------------------
VARIANT = {
    "fr": [
        ("person", "{name} n'a pas souhaité commenter ces informations."),
        ("person", "Selon {name}, la décision sera connue dans les prochains jours."),
        ("person", "Contacté, {name} n'a pas donné suite."),
        ("person", "« C'est une bonne nouvelle », s'est félicité {name}."),
        ("person", "L'entourage de {name} dément toute implication."),
        ("person", "{name} devrait s'exprimer dans la soirée."),
        ("person", "La rencontre avec {name} a été annulée au dernier moment."),
        ("person", "Une plainte visant {name} a été classée sans suite."),
        ("person", "Le nom de {name} revient avec insistance dans l'enquête."),
        ("person", "Joint par téléphone, {name} a confirmé l'information."),
    ],
    "en": [
        ("person", "{name} declined to comment on the reports."),
        ("person", "According to {name}, a decision will be announced in the coming days."),
        ("person", "{name} did not return telephone calls."),
        ("person", "\"This is good news,\" {name} said."),
        ("person", "Associates of {name} denied any involvement."),
        ("person", "{name} is expected to speak later in the day."),
        ("person", "A meeting with {name} was canceled at the last minute."),
        ("person", "A complaint against {name} was dismissed."),
        ("person", "The name of {name} keeps coming up in the inquiry."),
        ("person", "Reached by telephone, {name} confirmed the report."),
    ],
}
_NAME = re.compile(r"(?<![\w.'’-])([A-ZÉ][a-zéèëêïîôöüç]+(?:-[A-ZÉ][a-zéèëêïîôöüç]+)?) "
                   r"((?:(?:de|van|von|du|le|da|di) )?[A-ZÉ][a-zéèëêïîôöüç]{3,}(?:-[A-ZÉ][a-zéèëêïîôöüç]+)?)(?![\w-])")


TITLE_WORDS = {"King", "Queen", "Prince", "Princess", "Lord", "Lady", "Sir", "Pope", "Saint", "General", "Judge",
               "President", "Président", "Mayor", "Governor", "Senator", "Bishop", "Father", "Mother", "Justice"}


@functools.lru_cache(maxsize=None)
def _people_named(text: str, lang: str) -> tuple[str, ...]:
    """Names of people written at least twice in the text: a first name of the lexicon, then a surname
    that the text never writes in lower case (not "Lawrence Group")."""
    counts: dict[str, int] = {}
    lowered = set(re.findall(r"\b[a-zéèêàç]+\b", text))
    for m in _NAME.finditer(text):
        first, last = m.group(1), m.group(2).split()[-1]
        if first in TITLE_WORDS or last.lower() in lowered or given_name_gender(first, lang) is None:
            continue
        counts[m.group()] = counts.get(m.group(), 0) + 1
    return tuple(sorted(n for n, c in counts.items() if c >= 2))


def _variant(tag, world, rng, host, pool):
    partners = [p for p in pool if p.name != host.name and abs((p.date - host.date).days) < 365]
    rng.shuffle(partners)
    for partner in partners[:40]:
        names = [n for n in _people_named(partner.text, host.lang)
                 if not world.base.entities_named(n) and n not in host.text]
        if names:
            name = rng.choice(names)
            wrong = _misspelt(name, rng, world.base)
            if wrong and wrong not in partner.text:
                return {"name": wrong}, {"name": name, "_partner": partner.name}
    return None


NAME_TYPO = Kind("name-typo", TYPO, _typo)
NAME_VARIANT = Kind("name-variant", VARIANT, _variant, pair=True)
