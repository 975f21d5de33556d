"""Adversarial text for the extractors: digits, dates, times, figures and punctuation, in French and English.
Shared by tests/test_extract_linear.py and tests/benchmarks/bench_extract.py."""
from __future__ import annotations

from checker.extract.dates import find_dates
from checker.extract.glued import find_impossible_times, find_malformed
from checker.extract.claims import find_claims
from checker.extract.figures import find_figures
from checker.extract.names import find_names
from checker.extract.numbers import find_numbers
from checker.extract.reckoning import find_reckonings
from checker.extract.relative import find_relative_dates
from checker.extract.sentences import sentences
from checker.extract.tense import is_future
from checker.extract.years import find_year_spots

CHUNKS = {
    "fr": ("Le 12/02/2026 à 16:1212/02/2026, jeudi, lundi 3 mars 2025 ; les 24 et 25 juin, 24-25 juin 2025. "
           "1 000 000,5 % 3,5 km (2 miles) soit 1,2 milliard de livres sterling (environ 1,6 milliard de dollars). "
           "À 25h30, 10h75 ; 29 02 2011, 81/01/2012, 32.03.2018 -- 1.2.3.4.5.6.7.8.9 ,,,,, ////// ::::: ------ "
           "99999999999999999999 12 345 678 901 de 2010 à 2024, soit 14 ans ; fondée en 1945, elle fête ses 80 ans ; "
           "de 2 à 3 milliards, soit une hausse de 50 % ; la semaine dernière, l'an prochain, mardi dernier. XXe siècle, 1er. "
           "Elles commenceront en 206, depuis 2104 ; le 18 octobre 212, il y a 50 ans, en 1962. "),
    "en": ("On Tuesday, April 21st, 2014 at 14:75, 2016-12-29(Fri) and 4/23(Wed); June 24-25, 2025. "
           "1,000,000.5% 3.5 km (2 miles) or £1.2bn (about $1.6bn). At 25:30; 02/30/2026, 13/13/2013, 16:1202/12/2026 -- "
           "1.2.3.4.5.6.7.8.9 ,,,,, ////// ::::: ------ 99999999999999999999 12,345,678,901 from 2010 to 2024, that is "
           "14 years; founded in 1945, it celebrates its 80th anniversary; rose from 2 to 3 billion, an increase of "
           "50%; last week, next year, last October. The 21st century. They will start in 206, since 2104; "
           "Oct. 18, 212, 80 years ago, in 1908. "),
}


def adversarial_text(code: str, size: int) -> str:
    chunk = CHUNKS[code]
    text = (chunk * (size // len(chunk) + 1))[:size]
    # long runs that make careless patterns backtrack
    return text[: size // 2] + "9" * 2000 + "." * 2000 + " 1" * 1000 + text[size // 2 + 6000:]


def run_extractors(text: str, code: str) -> dict[str, int]:
    """Every extractor on the text; the number of items each found."""
    spans = sentences(text)
    numbers = find_numbers(text, code)
    dates = find_dates(text, code)
    ages, years, changes = find_reckonings(text, code, spans, numbers, dates)
    relative = find_relative_dates(text, code, [(d.start, d.end) for d in dates])
    figures = find_figures(text, code, numbers, [(d.start, d.end) for d in dates])
    claims = find_claims(text, code, spans, figures, dates, relative, find_names(text, code), None)
    return {
        "sentences": len(spans),
        "dates": len(dates),
        "malformed": len(find_malformed(text, day_first=code != "en")),
        "times": len(find_impossible_times(text, code)),
        "numbers": len(numbers),
        "figures": len(figures),
        "claims": len(claims),
        "relative": len(relative),
        "reckonings": len(ages) + len(years) + len(changes),
        "future": sum(is_future(text[s:e], code) for s, e in spans),
        "years": len(find_year_spots(text, code, spans)),
    }


# Whole articles of one adversarial kind each, for the linear-time test and bench_linear: text dense in
# what one extractor or check looks for, so that any work that grows with the square of the text shows.
ARTICLE_KINDS = {
    "date-dense": "Le 12 mars 2024, puis le 3/4/2025 et le mardi 14 juillet 2026 ; du 24 au 25 juin 2025, en 2019, "
                  "16:1212/02/2026, le 30 février. ",
    "quotation-dense": "« Nous agirons le 3 mars 2025 avec 2 milliards », a déclaré Olaf Scholz. “We will act on "
                       "4 March”, said Keir Starmer. « Jamais », dit-il. ",
    "figure-dense": "Une aide de 2,5 milliards d'euros, soit 30 % de plus ; 1 200 km (750 miles), de 2 à 3 milliards, "
                    "soit une hausse de 50 %, 1 000 000,5 et 3,5 km. ",
    "name-dense": "Le président Emmanuel Macron, la chancelière Angela Merkel, Olaf Scholtz, le ministre Jean Dupont, "
                  "l'ancien président Donald Trump et M. Pierre Martin. ",
    "markup-dense": "``a` [x [y](z ![i](j <a href=x <script x <http:x *a _b `c` <!-- d --> [r][s] ",
}


def adversarial_article(kind: str, size: int) -> str:
    """`size` characters of one kind: in paragraphs of about 2,000 characters, or for "long-line", every
    kind mixed on a single line."""
    if kind == "long-line":
        unit = "".join(ARTICLE_KINDS.values())
        return (unit * (size // len(unit) + 1))[:size]
    unit = ARTICLE_KINDS[kind]
    text = (unit * (size // len(unit) + 1))[:size]
    return "\n\n".join(text[i:i + 2000] for i in range(0, len(text), 2000))
