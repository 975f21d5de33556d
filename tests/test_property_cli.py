"""A property test through the installed command: batches of articles of random Unicode, Markdown and
front matter (dates of years 1 to 9999, valid or not, and every YAML type, aliases included), checked by
`python -m checker check` in every output format. Whatever the input: no traceback, exit code 0, 1 or 2,
every line of stderr a factlint line, and a broken run names a file of the batch.

A few examples per format by default (seconds); FACTLINT_PROPERTY_EXAMPLES=200 runs a deeper profile."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("FACTLINT_PROPERTY_EXAMPLES", "2"))
FORMATS = ["text", "json", "markdown", "sarif", "github"]

PIECES = ["Le président Emmanuel Macron", "l’ancien président Donald Trump", "Keir Stramer", "NSatu", "« ", " »",
          "“", "”", '"', "le 30 février 2026", "le 31 décembre 9999", "le 1er janvier 1", "vendredi 12 février 2026",
          "d'ici 206", "depuis 2062", "3,5 %", "500 kilomètres (250 miles)", "de 2 à 3 milliards, soit 50 %",
          "\n", "\r\n", "\r", "\n\n", " ", ". ", "# Titre\n", "> ", "- ", "`", "```\n", "<!-- factlint-disable -->",
          "<script>", "</script>", "[lien](http://x)", "![i](j)", "*", "_", "::error::x", "\x1b[31m", "\u202e",
          "\u2028", "\x00", "\ufeff", "9" * 30, "é", "ß", "İ", "ﬁ", "\U0001f600"]
prose = st.one_of(st.text(max_size=300), st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
days = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
date_values = st.one_of(
    days.map(dt.date.isoformat),
    st.builds(lambda d, h, m, tz: f"{d.isoformat()}T{h:02d}:{m:02d}:00{tz}", days, st.integers(0, 30),
              st.integers(0, 70), st.sampled_from(["", "Z", "+02:00", "-05:00", "+99:00", " +2"])),
    st.from_regex(r"\d{4}-\d{1,2}-\d{1,2}", fullmatch=True),
    st.sampled_from(["0000-00-00", "2025-02-30", "9999-12-31T23:59:59-01:00", "yesterday", "", "~", "null",
                     "[2025, 6, 10]", "{y: 2025}", "true", "12", "1e400", "!!binary aGVsbG8=", "!!set {a, b}",
                     "&a [*a]", "!!timestamp 2025-13-01", "!!python/object:os.system x"]))
yaml_values = st.one_of(date_values, st.integers(), st.floats(allow_nan=True), st.booleans(), st.none(),
                        st.text(max_size=30).map(json.dumps))
front_matter = st.one_of(
    st.none(),
    st.builds(lambda d, lang, other: f"---\ndate: {d}\nlang: {lang}\ntitle: {other}\n---\n",
              date_values, st.sampled_from(["fr", "en", "de", "[fr]", "42", "&x [*x]"]), yaml_values),
    st.text(max_size=80).map(lambda t: f"---\n{t}\n---\n"))
articles = st.lists(st.tuples(front_matter, prose, st.sampled_from([".md", ".txt"])), min_size=1, max_size=6)
options = st.tuples(st.one_of(st.none(), days), st.sampled_from(["1", "2"]))


def _write(folder: Path, batch) -> list[str]:
    names = []
    for i, (head, body, suffix) in enumerate(batch):
        name = f"article-{i}{suffix}"
        (folder / name).write_bytes(((head or "") + body).encode("utf-8", errors="surrogatepass"))
        names.append(name)
    return names


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_command_never_fails_on_any_input(fmt):
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 5,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(batch=articles, extra=options)
    # inputs that once stopped the run, always tried: an impossible date, a late year with an offset
    @example(batch=[("---\ndate: 2025-02-30\n---\n", "Le président a parlé.", ".md"),
                    ("---\ndate: 9999-12-31T23:59:59-01:00\nlang: &x [*x]\n---\n", "« Oui », dit-il.\n", ".md")],
             extra=(dt.date(9999, 12, 31), "1"))
    def run(batch, extra):
        date, jobs = extra
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            names = _write(folder, batch)
            args = [sys.executable, "-m", "checker", "check", ".", "--format", fmt, "--jobs", jobs]
            if date is not None:
                args += ["--date", date.isoformat()]
            env = {**os.environ, "FACTLINT_CACHE_DIR": str(folder.parent / "factlint-property-cache")}
            done = subprocess.run(args, cwd=folder, env=env, capture_output=True, timeout=300)
            err = done.stderr.decode("utf-8", errors="replace")
            assert "Traceback" not in err and "internal error" not in err, err
            assert done.returncode in (0, 1, 2), (done.returncode, err)
            assert all(line.startswith("factlint: ") for line in err.splitlines()), err
            if done.returncode == 2:
                assert any(name in err for name in names), err
            out = done.stdout.decode("utf-8")
            if fmt in ("json", "sarif"):
                json.loads(out)
    run()
