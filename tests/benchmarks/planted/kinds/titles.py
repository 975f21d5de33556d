"""anachronistic-title, stale-qualifier, title-gender and role-mismatch: people of the rules with
titles, as news copy writes them, at the article's date."""
from __future__ import annotations

import datetime as dt

from ..model import Kind
from .common import MONTHS

STALE_DAYS = 400   # comfortably past the check's 180 days

# --- anachronistic-title ---------------------------------------------------------------------------
ANACHRONISTIC = {
    "fr": [
        ("former", "{Ancien} {title} {name} a reçu mardi une délégation de chefs d'entreprise."),
        ("former", "Selon l'ex-{title} {name}, la situation reste préoccupante."),
        ("bare", "{Le} {title} {name} s'est exprimé{e} hier devant la presse."),
        ("former", "{name}, {ancien_nu} {title}, a appelé les deux camps à la retenue."),
        ("former", "Interrogé{e} par la télévision, {ancien} {title} {name} a dit ne rien regretter."),
        ("bare", "Une lettre {du} {title} {name} a été lue à la tribune."),
        ("former", "Une lettre de {ancien} {title} {name} a été lue à la tribune."),
        ("bare", "Reçu par {le} {title} {name}, le syndicat a obtenu un nouveau rendez-vous."),
        ("former", "{Precedent} {title}, {name}, avait lancé ce projet."),
        ("bare", "« Nous ne céderons pas », a déclaré {le} {title} {name} devant les députés."),
        ("former", "{Ancien} {title} {name} doit se rendre à Paris la semaine prochaine."),
    ],
    "en": [
        ("former", "Former {title} {name} met on Tuesday with business leaders."),
        ("former", "Ex-{title} {name} vowed to fight the proposal."),
        ("bare", "{title} {name} told reporters the situation remained serious."),
        ("former", "{name}, a former {title}, called for restraint."),
        ("former", "In a television interview, former {title} {name} said {he} had no regrets."),
        ("bare", "A letter from {title} {name} was read at the ceremony."),
        ("former", "A spokesman for former {title} {name} declined to comment."),
        ("bare", "{title} {name} Saturday vowed to veto the bill."),
        ("bare", "The plan was endorsed by {title} {name}, aides said."),
        ("former", "The previous {title}, {name}, had launched the project."),
        ("bare", "\"We will not back down,\" {title} {name} said in a speech."),
    ],
}
# historical titles, anchored by their own date: the title is read at that date, not the article's
ANACHRONISTIC_DECOYS = {
    "fr": [
        ("history", "En {month} {year}, {le} {title} {name} avait reçu les syndicats."),
        ("history", "Le {day} {month} {year}, {le} {title} {name} avait signé le texte."),
    ],
    "en": [
        ("history", "In {Month} {year}, {title} {name} met union leaders."),
        ("history", "The measure was approved by {title} {name} in {year}."),
    ],
}
# offices whose holders news copy calls "new", "former", "ancien": not crowns
NOT_POLITICAL = {"british-monarch", "dutch-monarch", "japanese-emperor"}
AGREEMENT = {
    "m": {"e": "", "le": "le", "Le": "Le", "du": "du", "ancien": "l'ancien", "Ancien": "L'ancien",
          "ancien_nu": "ancien", "Precedent": "Le précédent", "nouveau": "nouveau", "Nouveau": "Le nouveau",
          "he": "he", "his": "his"},
    "f": {"e": "e", "le": "la", "Le": "La", "du": "de la", "ancien": "l'ancienne", "Ancien": "L'ancienne",
          "ancien_nu": "ancienne", "Precedent": "La précédente", "nouveau": "nouvelle", "Nouveau": "La nouvelle",
          "he": "she", "his": "her"},
}


def _political(holdings):
    return [h for h in holdings if h.office not in NOT_POLITICAL and h.person.gender in AGREEMENT]


def _person_title(world, rng, lang, holding, specific=False):
    forms = (world.specific_titles if specific else world.titles)(holding.office, lang, holding.person.gender)
    if lang == "en":
        forms = [f for f in forms if f[0].isupper()]
    if holding.person.gender == "m":   # "cheffe" is listed with the forms of either gender
        forms = [f for f in forms if "cheffe" not in f]
    return rng.choice(forms) if forms else None


def _about(world, rng, lang, holding) -> dict | None:
    """The slots that name a person with a title: title, name and the words that agree with them."""
    title = _person_title(world, rng, lang, holding)
    if title is None:
        return None
    return dict(AGREEMENT[holding.person.gender], title=title, name=holding.person.name)


def _anachronistic(tag, world, rng, host, pool=None):
    lang = host.lang
    holders, formers = _political(world.holders), _political(world.formers)
    if tag == "history":
        if not formers:
            return None
        past = rng.choice(formers)
        day = past.term.start + (past.term.last_day - past.term.start) / 2
        slots = _about(world, rng, lang, past)
        return slots and (None, dict(slots, month=MONTHS[lang][day.month - 1], Month=MONTHS[lang][day.month - 1].capitalize(),
                                     year=str(day.year), day=str(day.day)))
    if not holders or not formers:
        return None
    holder = rng.choice(holders)
    former = rng.choice([f for f in formers if f.office == holder.office] or formers)
    now, then = _about(world, rng, lang, holder), _about(world, rng, lang, former)
    if now is None or then is None:
        return None
    # "former" for who is in office (right: for who was); a bare title for who has left (right: the holder)
    return (now, then) if tag == "former" else (then, now)


# --- stale-qualifier -----------------------------------------------------------------------------------
STALE = {
    "fr": [
        ("new", "{Nouveau} {title} {name} a rencontré les syndicats{when}."),
        ("new", "{name}, récemment devenu{e} {title}, a promis des réformes rapides{when}."),
        ("new", "{Le} tout {nouveau} {title}, {name}, a prononcé un discours remarqué{when}."),
        ("new", "Fraîchement nommé{e}, {le} {title} {name} a réuni ses conseillers{when}."),
        ("new", "{Nouveau} {title} {name} s'est rendu{e} à Bruxelles{when}."),
        ("new", "{name}, qui vient de devenir {title}, a reçu ses homologues{when}."),
        ("new", "Pour {le} {nouveau} {title}, {name}, la priorité reste l'emploi{when}."),
        ("new", "{Nouveau} {title} {name} a annoncé un remaniement{when}."),
        ("new", "Reçu{when} par {le} {nouveau} {title} {name}, le maire a plaidé pour son usine."),
        ("new", "{name}, fraîchement devenu{e} {title}, a été accueilli{e} par des manifestants{when}."),
    ],
    "en": [
        ("new", "The new {title}, {name}, met with union leaders{when}."),
        ("new", "Newly elected {title} {name} promised quick reforms{when}."),
        ("new", "{name}, who recently became {title}, told reporters{when} that talks would resume."),
        ("new", "New {title} {name} visited Brussels{when}."),
        ("new", "Newly appointed {title} {name} held a first meeting with {his} advisers{when}."),
        ("new", "{name}, the newly installed {title}, called for calm{when}."),
        ("new", "The recently appointed {title}, {name}, announced a reshuffle{when}."),
        ("new", "The new {title} {name} was greeted by protesters{when}."),
        ("new", "Aides to the new {title}, {name}, said{when} that {he} would travel abroad."),
        ("new", "{name}, who has just become {title}, named a new chief of staff{when}."),
    ],
}


def _stale(tag, world, rng, host, pool=None):
    lang = host.lang
    old = [h for h in _political(world.holders) if (host.date - h.term.start).days > STALE_DAYS]
    if not old:
        return None
    holding = rng.choice(old)
    slots = _about(world, rng, lang, holding)
    if slots is None:
        return None
    start = holding.term.start + dt.timedelta(days=20)
    month = MONTHS[lang][start.month - 1]
    anchor = f" en {month} {start.year}" if lang == "fr" else f" in {month} {start.year}"
    now = rng.choice([" mardi", " cette semaine", ""] if lang == "fr" else [" on Tuesday", " this week", ""])
    return dict(slots, when=now), dict(slots, when=anchor)


# --- title-gender --------------------------------------------------------------------------------
GENDER = {
    "fr": [
        ("rules", "{Det} {title} {name} a reçu mardi son homologue allemand."),
        ("rules", "Selon {det} {title} {name}, l'accord est à portée de main."),
        ("rules", "{name}, {title}, a confirmé la nouvelle dans un communiqué."),
        ("rules", "Reçu par {det} {title} {name}, le maire a plaidé pour son usine."),
        ("rules", "Interrogé{e} par la presse, {det} {title} {name} s'est refusé{e} à tout commentaire."),
        ("lexicon", "{Det} {ftitle} {first} {last} a présenté le projet aux élus."),
        ("lexicon", "Selon {det} {ftitle} {first} {last}, le calendrier sera tenu."),
        ("lexicon", "{first} {last}, {ftitle} de l'entreprise, a démenti ces informations."),
        ("lexicon", "« Rien n'est décidé », a assuré {det} {ftitle} {first} {last}."),
        ("lexicon", "{Une} {ftitle}, {first} {last}, a été nommé{e} à la tête du service."),
    ],
    "en": [
        ("spokes", "{T} {first} {last} declined to comment."),
        ("chair", "{first} {last}, the company's {t}, said the plan was on track."),
        ("congress", "{T} {first} {last} introduced the bill on Tuesday."),
        ("spokes", "\"Nothing has been decided,\" said {first} {last}, a {t} for the ministry."),
        ("business", "{T} {first} {last} bought the team three years ago."),
        ("chair", "The hospital's {t}, {first} {last}, resigned."),
        ("spokes", "A {t}, {first} {last}, said the plant would reopen."),
        ("chair", "{T} {first} {last} called the meeting to order."),
        ("chair", "{first} {last}, who is the board's {t}, did not return calls."),
        ("spokes", "According to {t} {first} {last}, the talks will resume Monday."),
    ],
}
MEN = {"fr": [("Jean", "Martin"), ("Pierre", "Lefèvre"), ("Michel", "Dubois"), ("Philippe", "Moreau"),
              ("Alain", "Girard"), ("Jacques", "Roux"), ("François", "Mercier"), ("Bernard", "Fontaine")],
       "en": [("John", "Miller"), ("Robert", "Johnson"), ("James", "Wilson"), ("David", "Anderson"),
              ("Michael", "Thompson"), ("Richard", "Harris"), ("Thomas", "Clark"), ("William", "Lewis")]}
FR_TITLES = [("directrice générale", "directeur général"), ("présidente", "président"), ("directrice", "directeur"),
             ("sénatrice", "sénateur"), ("conseillère", "conseiller"), ("députée", "député")]
EN_WORDS = {"spokes": ("spokeswoman", "spokesman"), "chair": ("chairwoman", "chairman"),
            "congress": ("congresswoman", "congressman"), "business": ("businesswoman", "businessman")}
FR_FEMININE = {"Det": "La", "det": "la", "e": "e", "Une": "Une"}
FR_MASCULINE = {"Det": "Le", "det": "le", "e": "", "Une": "Un"}


def _gender(tag, world, rng, host, pool=None):
    lang = host.lang
    if tag in EN_WORDS:   # a feminine title for a man (the twin: the masculine one)
        first, last = rng.choice(MEN[lang])
        fem, masc = EN_WORDS[tag]
        name = {"first": first, "last": last}
        return dict(name, t=fem, T=fem.capitalize()), dict(name, t=masc, T=masc.capitalize())
    if tag == "rules":
        men = [h for h in _political(world.holders) if h.person.gender == "m"]
        rng.shuffle(men)
        for holding in men:
            masc = world.titles(holding.office, lang, "m")
            fem = [t for t in world.titles(holding.office, lang, "f") if t not in masc]
            masc = [t for t in masc if t not in world.titles(holding.office, lang, "f")]
            if fem and masc:
                i = rng.randrange(min(len(fem), len(masc)))
                name = {"name": holding.person.name}
                return {**name, **FR_FEMININE, "title": fem[i]}, {**name, **FR_MASCULINE, "title": masc[i]}
        return None
    first, last = rng.choice(MEN[lang])
    fem, masc = rng.choice(FR_TITLES)
    name = {"first": first, "last": last}
    return {**name, **FR_FEMININE, "ftitle": fem}, {**name, **FR_MASCULINE, "ftitle": masc}


# --- role-mismatch --------------------------------------------------------------------------------
ROLE = {
    "fr": [
        ("role", "{Le} {title} {name} a reçu son homologue polonais."),
        ("role", "Selon {le} {title} {name}, les négociations reprendront la semaine prochaine."),
        ("role", "{name}, {title}, a annoncé une aide d'urgence."),
        ("role", "{Le} {title} {name} doit s'exprimer jeudi devant le Parlement."),
        ("role", "Une rencontre avec {le} {title} {name} est prévue à Washington."),
        ("role", "« La porte reste ouverte », a affirmé {le} {title} {name}."),
        ("role", "Dans un entretien, {le} {title} {name} a défendu sa politique."),
        ("role", "{Le} {title} {name} a téléphoné à ses homologues européens."),
        ("role", "Invité{e} du journal télévisé, {le} {title} {name} a répondu aux critiques."),
        ("role", "La visite {du} {title} {name} a été reportée."),
    ],
    "en": [
        ("role", "{title} {name} met {his} Polish counterpart on Monday."),
        ("role", "According to {title} {name}, negotiations will resume next week."),
        ("role", "{name}, the {title}, announced emergency aid."),
        ("role", "{title} {name} is to address Parliament on Thursday."),
        ("role", "A meeting with {title} {name} is planned in Washington."),
        ("role", "\"The door remains open,\" {title} {name} said."),
        ("role", "In an interview, {title} {name} defended {his} policy."),
        ("role", "{title} {name} telephoned {his} European counterparts."),
        ("role", "The visit by {title} {name} was postponed."),
        ("role", "Aides to {title} {name} said the trip would go ahead."),
    ],
}
# offices that newsrooms confuse, and that the rules fill at the same time
CONFUSED = [("us-president", "us-vice-president"), ("french-president", "french-prime-minister"),
            ("german-chancellor", "german-president"), ("italian-president", "italian-prime-minister"),
            ("polish-president", "polish-prime-minister"), ("ukrainian-president", "ukrainian-prime-minister"),
            ("european-commission-president", "european-council-president")]


def _role(tag, world, rng, host, pool=None):
    lang = host.lang
    options = []
    for a, b in CONFUSED:
        for mine, other in ((a, b), (b, a)):
            held = next((h for h in _political(world.holders) if h.office == mine), None)
            if held is None or held.person.gender not in ("m", "f") or held.person.terms_of({other}):
                continue
            if any(h.office == other for h in world.holders):
                options.append((held, other))
    if not options:
        return None
    held, other = rng.choice(options)
    wrong = [t for t in world.specific_titles(other, lang, held.person.gender) if lang == "fr" or t[0].isupper()]
    right = [t for t in world.specific_titles(held.office, lang, held.person.gender) if lang == "fr" or t[0].isupper()]
    if not wrong or not right:
        return None
    slots = dict(AGREEMENT[held.person.gender], name=held.person.name)
    return dict(slots, title=rng.choice(wrong)), dict(slots, title=rng.choice(right))


ANACHRONISTIC_TITLE = Kind("anachronistic-title", ANACHRONISTIC, _anachronistic, ANACHRONISTIC_DECOYS)
STALE_QUALIFIER = Kind("stale-qualifier", STALE, _stale)
TITLE_GENDER = Kind("title-gender", GENDER, _gender)
ROLE_MISMATCH = Kind("role-mismatch", ROLE, _role)
