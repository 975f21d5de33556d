"""A gendered title form that does not match the person it names.

## What it finds
A title form (or, for a title that fits both genders, its determiner) of the other gender than the
person it goes with. In French a masculine title for a woman is long-standing usage ("Louise Arbour,
procureur du Tribunal pénal international", "Madame le ministre") and is not flagged; a feminine title
for a man always is (`masculine_titles_for_women` in the language files). The person's gender comes from:
- a person of the rules, by the rules' `gender`: "la chancelière Olaf Scholz";
- a title without a name whose office the article makes clear, by the gender of whoever held the
  office at that date: "la secrétaire générale de l'OTAN a déclaré" in 2025;
- a person not in the rules, by the first name, from a lexicon of French and English given names
  shipped with factlint ("la ministre Jean Dupont"); a first name used for both genders (Camille,
  Dominique, Claude) gives nothing. The titles are then the language's common ones
  (`gendered_titles`: "directrice", "rédactrice en chef", "Councilwoman", "Actress"…), and the name
  may follow a complement in apposition that it closes ("La directrice de l'usine, Marc Lefèvre,
  a …"); a list after the complement ("…, Jean Dupont et Paul Martin") binds nothing.
Titles inside a quotation are the speaker's words and are not checked.

## Why it matters
A wrong gender on a title is a visible slip that readers notice at once, and often the trace of a
name that was changed in the copy without its title.

## Fails
```text
… au sein du Parti social-démocrate de la Chancelière Olaf Scholz.
La ministre Jean Dupont a présenté son budget.
La directrice du musée, Marc Lefèvre, a présenté l'exposition.
```

## Passes
```text
… au sein du Parti social-démocrate du chancelier Olaf Scholz.
La vice-présidente américaine Kamala Harris a parlé.
La ministre Camille Dupont a présenté son budget.   (Camille: either gender)
Louise Arbour, procureur du Tribunal pénal international, a parlé.   (masculine title for a woman: usage)
La directrice de l'usine, Jean Dupont et Paul Martin ont signé.   (a list: three people)
Actor Emma Thompson attended the premiere.   (a title said of either gender)
```

## Options
None. People whose gender the rules do not give (`x`) are not checked.
"""
from __future__ import annotations

from rapidfuzz import fuzz

from .. import lang as language
from ..facts.model import TitleForm
from ..finding import DEFAULT, Evidence, Severity, levels
from ._titles import evidence, named_titles, office_holders

ID = "title-gender"
SEVERITY = Severity.WARNING
LEVELS = levels(ID, SEVERITY)
OPTIONS: dict = {}
_WORDS = {"m": "masculine", "f": "feminine"}


def check(ctx, options):
    named = set()
    for mention, resolution in named_titles(ctx):
        named.add(mention.start)
        person = resolution.person
        held = {t.office for t in person.terms}
        offices = {o for _, o in mention.forms if o in held} or set(mention.office_ids)
        yield from _judge(ctx, mention, person.gender, person.name, offices,
                          evidence(person, person.terms_of(offices)) or (Evidence(person.where, person.name),))
    for mention, office, term, person, interval, how in office_holders(ctx):
        yield from _judge(ctx, mention, person.gender, f"{person.name} (the holder of this office at {how})", {office},
                          evidence(person, [term]))
    office_titled = {m.start for m in ctx.titles if m.name}   # a common title reads a name after a complement
    for mention in ctx.titles + [m for m in ctx.generic_titles if m.start not in office_titled]:
        if not mention.name or mention.start in named or ctx.in_quote(mention.start) or len(mention.name.split()) < 2:
            continue
        if ctx.base.entities_named(mention.name):
            continue
        first = mention.name.split()[0]
        gender = language.given_name_gender(first, ctx.article.language)
        if gender:
            yield from _judge(ctx, mention, gender, f"{mention.name} (first name {first})", set(mention.office_ids),
                              (Evidence("checker/lang/given-names.tsv", f"{first}: {_WORDS[gender]}"),))


def _judge(ctx, mention, gender, who, offices, proof):
    if gender not in ("m", "f"):
        return
    forms = [(f, o) for f, o in mention.forms if o in offices] or list(mention.forms)
    genders = {f.gender for f, _ in forms}
    written = genders.pop() if len(genders) == 1 else None
    if written == "n":
        written = mention.determiner_gender
    if written is None or written == gender:
        return
    if written == "m" and language.load(ctx.article.language)["masculine_titles_for_women"]:
        return   # "Madame le ministre": usage, not a slip
    suggestion = _suggest(ctx, mention, gender, {o for _, o in forms})
    message = f"“{mention.text}” is {_WORDS[written]} but {who} is {_WORDS[gender]}"
    if suggestion:
        message += f"; expected “{suggestion}”"
    yield ctx.finding(ID, mention.start, mention.end, message, DEFAULT, suggestion, tuple(proof))


def _suggest(ctx, mention, gender, offices) -> str | None:
    if len(offices) != 1 or all(f.gender == "n" for f, _ in mention.forms):
        return None
    office_id = next(iter(offices))
    if office_id:
        titles = ctx.base.rules.offices[office_id].titles
    else:   # a common title of the language: its forms of the other gender
        titles = [f for words in language.load(ctx.article.language)["gendered_titles"].items()
                  for f in [TitleForm(w, words[0], ctx.article.language) for w in words[1]]]
    right = [f.text for f in titles if f.lang == ctx.article.language and f.gender in (gender, "n")]
    if not right:
        return None
    words = len(mention.text.split())   # "Queen" → "King", not "British sovereign"
    best = max(right, key=lambda t: (len(t.split()) == words, fuzz.ratio(t.lower(), mention.text.lower())))
    if "’" in mention.text:
        best = best.replace("'", "’")
    return best[0].upper() + best[1:] if mention.text[:1].isupper() else best
