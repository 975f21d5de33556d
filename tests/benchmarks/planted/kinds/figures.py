"""fact-mismatch, unit-conversion and contradiction: figures as news copy writes them."""
from __future__ import annotations

from ..model import Kind
from .common import date_slots, some_day

import datetime as dt


def number(value: float, lang: str, decimals: int = 0) -> str:
    """A figure as the language writes it: "8 000" and "3,5" in French, "8,000" and "3.5" in English."""
    text = f"{value:,.{decimals}f}"
    if lang == "fr":
        text = text.replace(",", " ").replace(".", ",")
    return text


# --- fact-mismatch ------------------------------------------------------------------------------
FACT = {
    "fr": [
        ("members", "Les {n} pays membres de l'OTAN se réuniront à Bruxelles le mois prochain."),
        ("members", "L'Alliance atlantique, qui compte {n} membres, doit se prononcer avant l'été."),
        ("members", "Les ministres de la Défense des {n} alliés de l'OTAN ont approuvé le plan."),
        ("members", "L'OTAN regroupe {n} États membres."),
        ("members", "Les {n} membres de l'OTAN ont adopté le texte à l'unanimité."),
        ("members", "Avec ses {n} pays membres, l'OTAN reste la première alliance militaire du monde."),
        ("members", "Les ambassadeurs des {n} pays de l'OTAN se sont réunis mercredi."),
        ("members", "Aucun des {n} États membres de l'Alliance atlantique ne s'y est opposé."),
        ("founding", "Les {n} pays fondateurs de l'OTAN ont signé le traité à Washington."),
        ("founding", "L'OTAN, fondée par {n} pays, a depuis accueilli de nouveaux membres."),
    ],
    "en": [
        ("members", "NATO's {n} members agreed to the plan."),
        ("members", "The {n}-nation alliance will meet in Brussels next month."),
        ("members", "Defense ministers of the {n} NATO allies met in Brussels."),
        ("members", "NATO, which has {n} members, must decide before the summer."),
        ("members", "All {n} member states of NATO backed the proposal."),
        ("members", "The alliance's {n} member countries approved the text unanimously."),
        ("members", "Ambassadors from NATO's {n} member nations met on Wednesday."),
        ("members", "The {n} NATO countries have yet to agree on a budget."),
        ("founding", "The North Atlantic Treaty was signed by {n} founding members in Washington."),
        ("founding", "NATO, founded by {n} nations, has since taken in new members."),
    ],
}


def _fact(tag, world, rng, host, pool=None):
    prefix = "nato-member-count" if tag == "members" else "nato-founding-members"
    facts = [f for f in world.facts_holding() if f.id.startswith(prefix)]
    if len(facts) != 1:
        return None
    n = int(float(facts[0].value))
    wrong = n + rng.choice((-1, 1)) * rng.randint(1, 4)
    return {"n": str(wrong)}, {"n": str(n)}


# --- unit-conversion ---------------------------------------------------------------------------------
CONVERSION = {
    "fr": [
        ("km-mi", "La course, longue de {a} kilomètres ({b} miles), traverse trois départements."),
        ("km-mi", "Le convoi a parcouru {a} km, soit environ {b} miles, en une journée."),
        ("c-f", "Le thermomètre est monté à {a} °C ({b} °F) à l'ombre."),
        ("m-ft", "Le pont mesure {a} mètres ({b} pieds) de long."),
        ("km2-sqmi", "Le parc national couvre {a} km² ({b} milles carrés)."),
        ("kmh-mph", "Le TGV a atteint {a} km/h ({b} mph) lors des essais."),
        ("kg-lb", "Le bébé pesait {a} kilos, soit {b} livres, à la naissance."),
        ("ha-acre", "Le domaine, d'une superficie de {a} hectares (environ {b} acres), a été vendu."),
        ("mi-km", "Le navire se trouvait à {a} miles ({b} kilomètres) des côtes."),
        ("ft-m", "L'avion volait à {a} pieds, c'est-à-dire {b} mètres, au moment de l'incident."),
        ("km-mi", "Les secours ont retrouvé l'épave à {a}km ({b}mi) au nord de la ville."),
    ],
    "en": [
        ("mi-km", "The town is {a} miles ({b} kilometers) north of the capital."),
        ("mi-km", "He finished the {a}-mile ({b}-kilometer) race in under three hours."),
        ("c-f", "Temperatures dropped to {a}C ({b}F) overnight."),
        ("mph-kmh", "Winds reached {a}mph ({b}km/h) along the coast."),
        ("ft-m", "The dam is {a} feet ({b} meters) high."),
        ("lb-kg", "The package weighed {a} pounds ({b} kilograms)."),
        ("f-c", "It was {a} degrees Fahrenheit ({b} degrees Celsius) at noon."),
        ("sqmi-km2", "The fire burned {a} square miles ({b} square kilometers) of forest."),
        ("mi-km", "The pipeline runs {a} miles, or about {b} kilometers, across the state."),
        ("acre-ha", "The ranch covers {a} acres ({b} hectares)."),
        ("ft-m", "A {a}-foot ({b}-meter) wall surrounds the compound."),
    ],
}
# factor from the first unit to the second; temperatures are affine
FACTORS = {"km-mi": 0.621371, "mi-km": 1.609344, "m-ft": 3.28084, "ft-m": 0.3048, "km2-sqmi": 0.386102,
           "sqmi-km2": 2.589988, "kmh-mph": 0.621371, "mph-kmh": 1.609344, "kg-lb": 2.20462, "lb-kg": 0.453592,
           "ha-acre": 2.47105, "acre-ha": 0.404686}
RANGES = {"km-mi": (5, 900), "mi-km": (5, 600), "m-ft": (20, 900), "ft-m": (50, 35000), "km2-sqmi": (50, 9000),
          "sqmi-km2": (20, 4000), "kmh-mph": (60, 580), "mph-kmh": (30, 160), "kg-lb": (2, 9),
          "lb-kg": (2, 400), "ha-acre": (10, 5000), "acre-ha": (10, 12000), "c-f": (-20, 45), "f-c": (-10, 110)}


def _convert(tag: str, a: float) -> float:
    if tag == "c-f":
        return a * 9 / 5 + 32
    if tag == "f-c":
        return (a - 32) * 5 / 9
    return a * FACTORS[tag]


def _conversion(tag, world, rng, host, pool=None):
    lang = host.lang
    low, high = RANGES[tag]
    a = rng.randint(low, high)
    if a > 100 and rng.random() < 0.6:
        a = round(a, -1)   # newsrooms round the figure they start from
    decimals = 1 if tag == "kg-lb" else 0
    right = _convert(tag, a)
    how = rng.choice(("same", "inverse", "off"))
    if tag in ("c-f", "f-c"):
        wrong = {"same": a, "inverse": (a - 32) * 5 / 9 if tag == "c-f" else a * 9 / 5 + 32,
                 "off": right + rng.choice((-1, 1)) * rng.randint(8, 20)}[how]
    else:
        wrong = {"same": a, "inverse": a / FACTORS[tag] if tag in FACTORS else a,
                 "off": right * rng.choice((0.6, 0.7, 1.4, 1.6))}[how]
    first = number(a, lang, decimals)
    if abs(round(wrong) - round(right)) < max(2, abs(right) * 0.15):
        wrong = right * 1.5 + 3
    return {"a": first, "b": number(round(wrong, decimals), lang, decimals)}, \
           {"a": first, "b": number(round(right, decimals), lang, decimals)}


# --- contradiction --------------------------------------------------------------------------------
# Topics, each written two ways: the partner article states the figure one way, the planted one the
# other way (the same figure in the trap, another in the error).
TOPICS = {
    "fr": [
        ("budget", ["Le conseil régional de Lorraine a adopté pour {year} un budget de {v} millions d'euros.",
                    "Pour {year}, le budget du conseil régional de Lorraine s'élève à {v} millions d'euros."]),
        ("jobless", ["Selon l'Insee, le taux de chômage en Lorraine atteignait {v} % au troisième trimestre {year}.",
                     "Au troisième trimestre {year}, le chômage touchait {v} % des actifs lorrains, d'après l'Insee."]),
        ("visitors", ["La Foire internationale de Nancy a accueilli plus de {v} visiteurs en {year}, selon les organisateurs.",
                      "En {year}, plus de {v} personnes ont visité la Foire internationale de Nancy, indiquent les organisateurs."]),
        ("staff", ["Le site de Florange employait {v} salariés fin {year}, selon la direction.",
                   "Fin {year}, la direction recensait {v} salariés sur le site de Florange."]),
        ("fire", ["L'incendie a détruit {v} hectares de forêt dans le massif des Maures en juillet {year}.",
                  "En juillet {year}, {v} hectares de forêt sont partis en fumée dans le massif des Maures."]),
        ("march", ["Le {day} {month} {year}, {v} personnes ont manifesté à Nancy, selon la préfecture.",
                   "Selon la préfecture, la manifestation du {day} {month} {year} à Nancy a rassemblé {v} personnes."]),
    ],
    "en": [
        ("earnings", ["General Motors earned ${v} million in the third quarter of {year}, the company said.",
                      "For the third quarter of {year}, General Motors reported net income of ${v} million."]),
        ("jobless", ["The Labor Department said the unemployment rate in Ohio was {v}% in {Month} {year}.",
                     "Ohio's jobless rate stood at {v}% in {Month} {year}, according to the Labor Department."]),
        ("visitors", ["More than {v} people attended the Chicago Auto Show in {year}, organizers said.",
                      "Organizers said attendance at the {year} Chicago Auto Show topped {v}."]),
        ("staff", ["The Detroit plant employed {v} workers at the end of {year}, the company said.",
                   "At the end of {year}, the company had {v} workers at its Detroit plant."]),
        ("fire", ["The fire burned {v} acres of forest near Santa Barbara in July {year}.",
                  "In July {year}, {v} acres of forest were destroyed by fire near Santa Barbara."]),
        ("march", ["On {Month} {dayn}, {year}, {v} people marched in Boston, police said.",
                   "Police said the {Month} {dayn}, {year}, march in Boston drew {v} people."]),
    ],
}
SIZES = {"budget": (400, 2500), "jobless": (55, 125), "visitors": (40, 250), "staff": (1200, 6000),
         "fire": (200, 3500), "march": (2000, 30000), "earnings": (120, 990)}
COUNTS = {"visitors", "staff", "fire", "march"}
CONTRADICTION = {lang: [(f"{topic}/{i}", text) for topic, texts in topics for i, text in enumerate(texts)]
                 for lang, topics in TOPICS.items()}


def _figure(topic: str, value: int, lang: str) -> str:
    if topic == "jobless":
        return number(value / 10, lang, 1)
    if topic == "visitors":
        return number(value * 1000, lang)
    return number(value, lang)


def _contradiction(tag, world, rng, host, pool):
    topic, index = tag.split("/")
    texts = dict(TOPICS[host.lang])[topic]
    low, high = SIZES[topic]
    value = rng.randint(low, high)
    if topic in ("visitors", "march", "staff") and rng.random() < 0.7:
        value = round(value, -1 if value < 1000 else -2)
    # an order of magnitude for counts ("plus de 8 000" for 80 000), a digit too many, another share
    hows = ("tenfold", "digit", "share") if topic in COUNTS else ("share",)
    how = rng.choice(hows)
    if how == "tenfold":
        wrong = value * 10 if rng.random() < 0.5 or value < 100 else value // 10
    elif how == "digit":
        wrong = int(str(value) + str(rng.randint(1, 9)))
    elif topic == "jobless":
        wrong = value + rng.choice((-1, 1)) * rng.randint(15, 40)
    else:
        wrong = round(value * rng.choice((0.6, 0.75, 1.3, 1.5)))
    day = some_day(rng, host.date - dt.timedelta(days=300), host.date - dt.timedelta(days=5))
    slots = date_slots(day, host.lang)
    partners = [p for p in pool if p.name != host.name and abs((p.date - host.date).days) < 200]
    if not partners:
        return None
    partner = rng.choice(partners)
    slots["year"] = str(min(day.year, partner.date.year))
    other = texts[1 - int(index)]
    right = dict(slots, v=_figure(topic, value, host.lang))
    right["_partner"] = partner.name
    right["_partner_sentence"] = other.format(**{k: v for k, v in right.items() if not k.startswith("_")})
    return dict(right, v=_figure(topic, wrong, host.lang)), right


FACT_MISMATCH = Kind("fact-mismatch", FACT, _fact)
UNIT_CONVERSION = Kind("unit-conversion", CONVERSION, _conversion)
CONTRADICTION_KIND = Kind("contradiction", CONTRADICTION, _contradiction, pair=True)
