"""A deterministic synthetic archive for the benchmarks: French and English articles built from varied
sentences (people, places, figures with units, dates, quotations). Every fact has one true value; a few
statements and quotations are altered on purpose, so that the checks have something real to find."""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

FIRST = ["Anna", "Pierre", "Marie", "Jonas", "Elena", "Tomas", "Sofia", "Lukas", "Ines", "Mateo", "Klara", "Hugo",
         "Nora", "Emil", "Lea", "Oscar", "Ida", "Viktor", "Alma", "Felix", "Greta", "Simon", "Julia", "Milan"]
LAST = ["Varga", "Lindqvist", "Moreau", "Kowalski", "Novak", "Ferreira", "Jansen", "Horvath", "Costa", "Berger",
        "Nielsen", "Popescu", "Dubois", "Schmidt", "Rossi", "Petrov", "Lemaire", "Kovac", "Weber", "Fontaine",
        "Marin", "Olsen", "Keller", "Sorensen", "Brandt", "Laurent", "Vidal", "Meyer", "Fischer", "Roux"]
PLACES = ["Arnhem", "Brindisi", "Coimbra", "Dordrecht", "Esbjerg", "Forli", "Gdynia", "Haarlem", "Innsbruck",
          "Jyvaskyla", "Kaunas", "Leiden", "Maribor", "Nantes", "Odense", "Parma", "Quimper", "Rijeka", "Salzburg",
          "Tartu", "Uppsala", "Valence", "Wroclaw", "Zadar", "Aarhus", "Bergen", "Cork", "Delft", "Erfurt",
          "Ferrol", "Graz", "Hamar", "Ilford", "Jena", "Kiel", "Lorient", "Mainz", "Namur", "Oulu", "Pula",
          "Ravenna", "Split", "Tampere", "Utrecht", "Vigo", "Weimar", "Ypres", "Zwolle", "Bastia", "Colmar"]
YEARS = [2022, 2023, 2024, 2025]
FR = {
    "budget": "Le budget municipal de {p} atteint {v} millions d'euros.",
    "habitants": "La ville de {p} compte {v} habitants.",
    "navires": "Le port de {p} a accueilli {v} navires en {y}.",
    "chomage": "Le taux de chômage de la région de {p} est de {v} %.",
    "pont": "Le nouveau pont de {p} a coûté {v} millions d'euros.",
}
EN = {
    "budget": "The municipal budget of {p} stands at {v} million euros.",
    "habitants": "The city of {p} has {v} inhabitants.",
    "navires": "The port of {p} received {v} ships in {y}.",
    "chomage": "The unemployment rate in the {p} region is {v}%.",
    "pont": "The new bridge in {p} cost {v} million euros.",
}
FILLER_FR = ["La séance a été levée en fin de journée.", "Les discussions reprendront la semaine prochaine.",
             "Plusieurs associations ont salué la décision.", "Le projet avait été présenté au conseil en juin.",
             "Les travaux doivent durer plusieurs mois.", "Aucun incident n'a été signalé."]
FILLER_EN = ["The session ended late in the day.", "Talks will resume next week.",
             "Several associations welcomed the decision.", "No incident was reported.",
             "The works are expected to last several months."]
VERBS = ["protéger", "financer", "reconstruire", "moderniser", "défendre", "soutenir", "ouvrir", "rénover"]


def _value(rng_key: str, kind: str) -> str:
    r = random.Random(rng_key)
    if kind == "chomage":
        return f"{r.randint(30, 140) / 10:.1f}".replace(".", ",")
    if kind == "habitants":
        return f"{r.randint(20, 900) * 100:,}".replace(",", " ")
    return str(r.randint(12, 980))


def _people(rng: random.Random) -> list[str]:
    return sorted({f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(400)})


WORDS = ("projet ville région avenir emploi école réseau budget travail famille quartier port pont route santé "
         "hôpital culture sport jeunesse énergie climat eau forêt rivière commerce industrie tourisme musée "
         "patrimoine sécurité justice police tribunal impôt salaire retraite logement loyer marché usine "
         "chantier gare train bus vélo piste stade piscine théâtre festival bibliothèque université recherche "
         "agriculture vigne pêche montagne littoral tempête inondation solidarité dialogue confiance").split()
LINKS = "et pour avec dans sans contre vers sur".split()


def _quotes(rng: random.Random, people: list[str]) -> list[tuple[str, str]]:
    quotes = []
    for _ in range(600):
        words = [rng.choice(WORDS) if i % 2 == 0 else rng.choice(LINKS) for i in range(rng.randint(7, 13))]
        text = f"{rng.choice(VERBS).capitalize()} {' '.join(words)}"
        quotes.append((text, rng.choice(people)))
    return quotes


def article(rng: random.Random, people, quotes, date: dt.date, error_rate: float) -> str:
    english = rng.random() < 0.2
    templates, filler = (EN, FILLER_EN) if english else (FR, FILLER_FR)
    lines = [f"---\ndate: {date.isoformat()}\nlang: {'en' if english else 'fr'}\n---\n"]
    for _ in range(rng.randint(6, 12)):
        roll = rng.random()
        if roll < 0.5:
            kind = rng.choice(sorted(templates))
            place, year = rng.choice(PLACES), rng.choice(YEARS)
            value = _value(f"{kind}/{place}/{year if kind == 'navires' else ''}", kind)
            if rng.random() < error_rate:
                value = _value(f"wrong/{kind}/{place}/{rng.random()}", kind)
            if english:
                value = value.replace(",", ".").replace(" ", ",")
            lines.append(templates[kind].format(p=place, v=value, y=year))
        elif roll < 0.7 and not english:
            text, speaker = rng.choice(quotes)
            if rng.random() < error_rate:
                text = drifted(text)
            lines.append(f"« {text} », a déclaré {speaker}.")
        elif roll < 0.8:
            person = rng.choice(people)
            day = date - dt.timedelta(days=rng.randint(1, 20))
            lines.append(f"{person} s'est rendu à {rng.choice(PLACES)} le {day.day} {_MONTHS[day.month - 1]} {day.year}."
                         if not english else f"{person} visited {rng.choice(PLACES)} on {day.strftime('%B')} {day.day}, {day.year}.")
        else:
            lines.append(rng.choice(filler))
    return "\n\n".join(lines) + "\n"


_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"]


def generate(out: Path, count: int, seed: int = 5, error_rate: float = 0.002) -> None:
    """Write `count` articles under out/ (out/0000/article-00000.md …), the same for the same seed."""
    rng = random.Random(seed)
    people = _people(rng)
    quotes = _quotes(rng, people)
    start = dt.date(2024, 1, 1)
    for i in range(count):
        folder = out / f"{i // 1000:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        date = start + dt.timedelta(days=rng.randint(0, 700))
        (folder / f"article-{i:05d}.md").write_text(article(rng, people, quotes, date, error_rate), encoding="utf-8")


def new_article(seed: int = 99) -> str:
    """A new article to check against the archive: some figures right, one wrong, one quotation drifted."""
    rng = random.Random(5)
    people = _people(rng)
    quotes = _quotes(rng, people)
    text = article(random.Random(seed), people, quotes, dt.date(2025, 6, 2), 0.0)
    place = PLACES[3]
    wrong = int(_value(f"budget/{place}/", "budget")) + 7
    quote, speaker = quotes[10]
    return (text + f"\nLe budget municipal de {place} atteint {wrong} millions d'euros.\n\n"
            f"« {drifted(quote)} », a déclaré {speaker}.\n")


def drifted(quote: str) -> str:
    """The quotation with its third word changed."""
    words = quote.split()
    words[2] = "confiance" if words[2] != "confiance" else "dialogue"
    return " ".join(words)
