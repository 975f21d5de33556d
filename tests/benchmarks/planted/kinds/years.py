"""year-typo: a year one keystroke off, in every position a year takes in news copy.

The right year fits the sentence and the article's date (to come for a plan, past for a history);
the typo is three digits ("en 206"), five ("20122"), far from any plausible time ("2101" for an
accident of 2011, "3010"), after the article for a "since", or before it for a plan."""
from __future__ import annotations

import datetime as dt

from ..model import Kind
from .common import date_slots, some_day, year_typo

SHAPES = {
    "fr": [
        ("future", "Les premières livraisons commenceront en {year}, a précisé le constructeur."),
        ("future", "Le chantier devrait être achevé d'ici à {year}, selon la municipalité."),
        ("future", "La nouvelle ligne sera mise en service à partir de {year}."),
        ("future", "Le gouvernement s'est engagé à ramener le déficit public sous les 3 % d'ici {year}."),
        ("future", "Ce programme, qui doit s'étaler jusqu'en {year}, coûtera plusieurs millions d'euros."),
        ("future", "À l'horizon {year}, la région espère accueillir deux fois plus de visiteurs."),
        ("future", "Dès {year}, les abonnés pourront consulter leurs factures en ligne."),
        ("future", "La compagnie table sur un retour aux bénéfices en {year}."),
        ("future", "L'usine fermera ses portes en {year} lors de la réorganisation du groupe."),
        ("date_future", "La réforme entrera en vigueur le {day} {month} {year}, a annoncé le ministre."),
        ("month_future", "Le procès doit s'ouvrir en {month} {year} devant la cour d'assises."),
        ("month_future", "D'ici à {month} {year}, quelque 300 postes seront supprimés sur le site."),
        ("past", "L'entreprise, créée en {year}, emploie aujourd'hui 250 salariés."),
        ("since", "Le club n'avait plus remporté le championnat depuis {year}."),
        ("past", "En {year}, la commune avait déjà connu une crue comparable."),
        ("since", "Financé depuis {year} par la région, le festival a attiré 40 000 spectateurs."),
        ("past", "La loi, votée en {year} lors du précédent mandat, n'a jamais été appliquée."),
        ("past", "Il avait déjà été condamné pour des faits similaires en {year}."),
        ("date_past", "Le {day} {month} {year}, un incendie avait ravagé l'entrepôt."),
        ("date_past", "Les deux pays avaient rompu leurs relations diplomatiques le {day} {month} {year}."),
        ("month_past", "Arrivé à la tête du groupe en {month} {year}, il a engagé une vaste restructuration."),
        ("since", "La circulation est interdite sur le pont depuis le {day} {month} {year}."),
        ("past", "Selon un rapport publié en {year}, la moitié des logements du quartier étaient insalubres."),
        ("future", "La sortie de l'album est prévue pour {year}, selon le label."),
        ("past", "Au troisième trimestre {year}, le chiffre d'affaires avait reculé de 3 %."),
        ("future", "Les travaux devraient être terminés fin {year}."),
        ("date_past", "Né le {day} {month} {year} à Metz, il a grandi en Lorraine."),
    ],
    "en": [
        ("future", "The deliveries will start in {year}, the company said."),
        ("future", "The plant is scheduled to open by {year}."),
        ("future", "Officials expect the bridge to be completed in {year}."),
        ("future", "The service was on track to reach 400,000 subscribers by {year}."),
        ("future", "Starting in {year}, employees will be able to choose their own health plans."),
        ("future", "The agency plans to phase out the program by the end of {year}."),
        ("future", "From {year}, the rule will apply to all new vehicles."),
        ("date_future", "Beginning {mon} {dayn}, {year}, the tax will rise to 5%."),
        ("month_future", "The trial is set to begin in {Month} {year}."),
        ("future", "The notes, due {year}, were priced at par to yield 9.5%, the underwriters said."),
        ("since", "Since {year}, the company has cut 3,000 jobs."),
        ("past", "The company, founded in {year}, employs 250 people."),
        ("past", "In {year}, a similar storm killed 12 people in the region."),
        ("date_past", "On {mon} {dayn}, {year}, a fire destroyed the warehouse."),
        ("month_past", "The two countries broke off diplomatic relations in {Month} {year}."),
        ("past", "A {year} analysis by the Congressional Budget Office found that the program saved money."),
        ("past", "He was first elected to Congress in {year}."),
        ("since", "The museum has been closed since {Month} {year}."),
        ("since", "It was the worst season for the industry since {year}."),
        ("past", "The law, passed in {year} under the previous administration, has never been enforced."),
        ("past", "The stock peaked at $45 in {year} and has fallen since."),
        ("date_past", "The company filed for bankruptcy protection {mon} {dayn}, {year}."),
        ("past", "Net income fell 12% in fiscal {year}, the company said."),
        ("future", "Sales are expected to recover in the first half of {year}."),
        ("date_past", "He was born {Month} {dayn}, {year}, in Ohio."),
        ("future", "The merger is scheduled for {year}, pending approval by regulators."),
    ],
}

DECOYS = {
    "fr": [
        ("plain", "Au total, 206 blindés seront livrés à l'armée d'ici la fin de la décennie."),
        ("plain", "Le bus 206 dessert désormais la gare et l'hôpital."),
        ("plain", "La compagnie a commandé douze Airbus A320 et deux Boeing 747."),
        ("plain", "Hannibal franchit les Alpes en 218 av. J.-C. avec ses éléphants."),
        ("plain", "Le trajet se fait désormais en 1 heure, contre 3 auparavant."),
        ("plain", "Le texte a été adopté par 206 voix contre 189."),
        ("past", "L'entreprise est installée au 206, rue de Vaugirard, depuis {year}."),
        ("plain", "En 300 ans, la ville n'avait jamais connu pareille crue."),
        ("plain", "La RN 206 reste fermée à la circulation jusqu'à nouvel ordre."),
        ("plain", "Le salon accueillera cette année des exposants venus de 120 pays."),
        ("plain", "Les ventes ont progressé de 12 % en 2 ans."),
        ("decade", "Les années {decade} avaient vu l'essor de la grande distribution."),
    ],
    "en": [
        ("plain", "The company plans to open stores in 200 cities."),
        ("plain", "The measure passed by 206 votes to 189."),
        ("plain", "Route 206 was closed for repairs."),
        ("plain", "The airline ordered 12 Airbus A320s and two Boeing 747s."),
        ("plain", "The trip now takes 1 hour instead of 3."),
        ("decade", "Sales of the drug rose sharply in the {decade}s."),
        ("plain", "Rome was founded in 753 B.C., according to legend."),
        ("plain", "The company cut its work force by 200 last year."),
        ("plain", "The office moved to 206 Main Street."),
        ("plain", "In 300 years, the town had never seen such a flood."),
        ("plain", "The Dow Jones Industrial Average fell 190.58 points, or 6.9%, to 2569.26."),
        ("past", "The company has been listed on the New York Stock Exchange since {year}."),
    ],
}

CLASSES = {
    "future": ("short", "long", "far", "before"),
    "date_future": ("short", "long", "far", "before"),
    "month_future": ("short", "long", "far", "before"),
    "past": ("short", "long", "far"),
    "date_past": ("short", "long", "far"),
    "month_past": ("short", "long", "far"),
    "since": ("short", "long", "after"),
}


def values(tag: str, world, rng, host, pool=None):
    y = host.year
    if tag == "plain":
        return None, {}
    if tag == "decade":
        return None, {"decade": str((y - 10) // 10 * 10)}
    if tag.endswith("future"):
        day = some_day(rng, host.date + dt.timedelta(days=30), host.date + dt.timedelta(days=3 * 365))
    else:
        day = some_day(rng, host.date - dt.timedelta(days=20 * 365), host.date - dt.timedelta(days=30))
    right = date_slots(day, host.lang)
    if tag == "past" and rng.random() < 0.5:   # a year with its own weight: not always the recent past
        right["year"] = str(y - rng.randint(2, 25))
    if tag in ("past", "since") and right["year"] == str(y):
        right["year"] = str(y - 1)
    if tag not in CLASSES:
        return None, right
    # a plan may look 80 years ahead ("d'ici 2100"); only a century and more is out of the question
    typo = year_typo(int(right["year"]), y, CLASSES[tag], rng, far=100 if tag.endswith("future") else 60)
    if typo is None:
        return None
    return dict(right, year=typo), right


KIND = Kind("year-typo", SHAPES, values, DECOYS)
