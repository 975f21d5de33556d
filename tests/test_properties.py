"""Property tests: arbitrary and adversarial text never makes an extractor or a check fail."""
from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.articles import parse_article
from checker.checks import REGISTRY, options_for
from checker.context import ArticleContext
from checker.markup import mask_markdown

PIECES = ["Donald Trump", "l’ancien président", "le nouveau Premier ministre britannique ", "Keir Stramer",
          "NSatu", "« ", " »", "“", "”", '"', "'", "’", "16:1212/02/2026", "24-25 juin", "le 30 février 2026",
          "d'ici 206", "depuis 2062,", "1 000", "3,5 %", "En 2018, ", "alors chancelier", "-elect", "ex-",
          "de 2010 à 2024", "depuis", "\n", "\r\n", "\r", " ", ".", ",", "<!--", "-->", "```", "`", "[x](y)",
          "---\n", "9" * 30, "A" * 40, "É", "ß", "İ", "\u200b", "\ufeff", "\x00"]
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
)
dates = st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)))
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(text=texts, date=dates, lang=st.sampled_from(["fr", "en"]), markdown=st.booleans())
def test_checks_never_fail(base, text, date, lang, markdown):
    article = parse_article(text, "a.md" if markdown else "a.txt", markdown)
    article.language = lang
    ctx = ArticleContext(article, base, date)
    for module in (m for m in REGISTRY.values() if hasattr(m, "check")):
        for finding in module.check(ctx, options_for(module)):
            loc = finding.location
            assert 1 <= loc.line <= loc.end_line and loc.column >= 1
            assert finding.message


@SETTINGS
@given(text=texts)
def test_mask_keeps_every_offset(text):
    masked = mask_markdown(text)
    assert len(masked) == len(text)
    assert [i for i, c in enumerate(text) if c in "\r\n"] == [i for i, c in enumerate(masked) if c in "\r\n"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(piece=st.sampled_from(PIECES), count=st.integers(min_value=500, max_value=3000))
def test_long_runs_of_one_piece(base, piece, count):
    article = parse_article(piece * count, "a.txt", False)
    ctx = ArticleContext(article, base, dt.date(2025, 6, 10))
    for module in (m for m in REGISTRY.values() if hasattr(m, "check")):
        list(module.check(ctx, options_for(module)))
