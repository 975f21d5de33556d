"""Validate one rule document and turn it into model objects; every error names file, line and key."""
from __future__ import annotations

import datetime as dt
import difflib
import re

from .. import lang as language
from ..values import to_date
from .model import Event, Fact, Office, Organisation, Person, Rate, RuleExample, Rules, TitleForm, Term

ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
# What an event's participants did: the words of each language for it are its `event_kinds`.
EVENT_KINDS = ("accession", "signature", "election", "summit")

SECTION_KEYS = {
    "offices": {"titles", "single_holder", "source", "note"},
    "people": {"name", "gender", "aliases", "variants", "held", "source", "note"},
    "organisations": {"name", "aliases", "acronyms", "descriptions", "source", "note"},
    "events": {"names", "from", "to", "kind", "participants", "organisation", "source", "note"},
    "facts": {"about", "subject", "subject_terms", "value", "unit", "by", "tolerance", "since", "until", "source", "note"},
}
REQUIRED = {
    "offices": {"titles", "source"},
    "people": {"name", "source"},
    "organisations": {"name", "source"},
    "events": {"names", "from", "source"},
    "facts": {"about", "value", "source"},
}
for _keys in SECTION_KEYS.values():
    _keys.add("examples")
EXAMPLE_KEYS = {"pass", "fail", "rule", "date", "lang", "suggestion", "note"}
TOP_KEYS = set(SECTION_KEYS) | {"rates", "include", "note"}
TERM_KEYS = {"office", "from", "to", "source", "note"}
RATE_KEYS = {"from", "to", "rate", "source", "note"}


class RuleError(Exception):
    def __init__(self, file: str, line: int | None, key: str, message: str) -> None:
        super().__init__(message)
        self.file, self.line, self.key, self.message = file, line, key, message

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


def did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else f" (expected one of: {', '.join(sorted(choices))})"


class _Reader:
    """Reads one document; collects errors instead of stopping at the first."""

    def __init__(self, file: str, lines: dict, into: Rules) -> None:
        self.file, self.lines, self.rules = file, lines, into
        self.errors: list[RuleError] = []

    def line(self, path: tuple) -> int | None:
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path)

    def where(self, path: tuple) -> str:
        return f"{self.file}:{self.line(path)}"

    def error(self, path: tuple, message: str) -> None:
        key = ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in path).replace(".[", "[")
        self.errors.append(RuleError(self.file, self.line(path), key, message))

    # -- typed values ---------------------------------------------------------
    def text(self, value, path, required=True) -> str | None:
        if value is None and not required:
            return None
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
        self.error(path, f"expected a non-empty text, got {type(value).__name__}")
        return None

    def texts(self, value, path) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.error(path, f"expected a list of texts, got {type(value).__name__}")
            return ()
        out = []
        for i, item in enumerate(value):
            text = self.text(item, path + (i,))
            if text:
                out.append(text)
        return tuple(out)

    def date(self, value, path, required=True) -> dt.date | None:
        if value is None and not required:
            return None
        day = to_date(value)
        if day is None or (isinstance(value, str) and len(value.strip()) != 10):
            self.error(path, f"expected a date YYYY-MM-DD, got {value!r}")
            return None
        return day

    def keys(self, entry, path, allowed, required=()) -> bool:
        if not isinstance(entry, dict):
            self.error(path, f"expected a mapping, got {type(entry).__name__}")
            return False
        for key in entry:
            if key not in allowed:
                self.error(path + (key,), f"unknown key {key!r}{did_you_mean(key, allowed)}")
        for key in sorted(set(required) - set(entry)):
            self.error(path, f"missing required key {key!r}")
        return True

    def per_lang(self, value, path) -> dict[str, tuple[str, ...]]:
        if isinstance(value, list):
            return {lang: self.texts(value, path) for lang in language.codes()}
        if not isinstance(value, dict):
            self.error(path, f"expected a mapping of language ({', '.join(language.codes())}) to a list of texts")
            return {}
        out = {}
        for lang, texts in value.items():
            if lang not in language.codes():
                self.error(path + (lang,), f"unknown language {lang!r}{did_you_mean(lang, language.codes())}")
                continue
            out[lang] = self.texts(texts, path + (lang,))
        return out

    # -- sections -------------------------------------------------------------
    def document(self, doc) -> list[str]:
        """Reads the document into the rules; returns the files it includes."""
        if doc is None:
            self.errors.append(RuleError(self.file, 1, "", "empty rule file"))
            return []
        if not isinstance(doc, dict):
            self.error((), "a rule file is a mapping of sections (offices, people, organisations, events, facts, rates)")
            return []
        for key in doc:
            if key not in TOP_KEYS:
                self.error((key,), f"unknown section {key!r}{did_you_mean(key, TOP_KEYS)}")
        for section, reader in (("offices", self.office), ("people", self.person),
                                ("organisations", self.organisation), ("events", self.event), ("facts", self.fact)):
            entries = doc.get(section)
            if entries is None:
                continue
            if not isinstance(entries, dict):
                self.error((section,), "expected a mapping of ids to entries")
                continue
            target = getattr(self.rules, section)
            for entry_id, entry in entries.items():
                path = (section, entry_id)
                if not ID.match(str(entry_id)):
                    self.error(path, f"id {entry_id!r} must be lowercase letters, digits, dots and dashes")
                if entry_id in target:
                    self.error(path, f"duplicate id {entry_id!r}, first defined at {target[entry_id].where}")
                    continue
                if self.keys(entry, path, SECTION_KEYS[section], REQUIRED[section]):
                    obj = reader(str(entry_id), entry, path)
                    if obj is not None:
                        target[entry_id] = obj
                        self.examples(entry.get("examples"), path)
        if doc.get("rates") is not None:
            self.rates(doc["rates"], ("rates",))
        return list(self.texts(doc.get("include"), ("include",)))

    def office(self, oid, entry, path) -> Office | None:
        forms = []
        titles = entry.get("titles")
        if not isinstance(titles, dict):
            self.error(path + ("titles",), "expected a mapping of language to title forms")
            return None
        for lang, by_gender in titles.items():
            lpath = path + ("titles", lang)
            if lang not in language.codes():
                self.error(lpath, f"unknown language {lang!r}{did_you_mean(lang, language.codes())}")
                continue
            if isinstance(by_gender, list):
                by_gender = {"n": by_gender}
            if not isinstance(by_gender, dict):
                self.error(lpath, "expected {m: [...], f: [...], n: [...]} or a list")
                continue
            for gender, texts in by_gender.items():
                if gender not in ("m", "f", "n"):
                    self.error(lpath + (gender,), f"unknown gender {gender!r} (expected m, f or n)")
                    continue
                forms.extend(TitleForm(t, gender, lang) for t in self.texts(texts, lpath + (gender,)))
        single = entry.get("single_holder", True)
        if not isinstance(single, bool):
            self.error(path + ("single_holder",), "expected true or false")
            single = True
        return Office(oid, tuple(forms), single, self.where(path), self.text(entry.get("source"), path + ("source",)) or "")

    def person(self, pid, entry, path) -> Person | None:
        gender = entry.get("gender", "x")
        if gender not in ("m", "f", "x"):
            self.error(path + ("gender",), f"expected m, f or x, got {gender!r}")
            gender = "x"
        terms = []
        held = entry.get("held") or []
        if not isinstance(held, list):
            self.error(path + ("held",), "expected a list of terms {office, from, to}")
            held = []
        for i, term in enumerate(held):
            tpath = path + ("held", i)
            if not self.keys(term, tpath, TERM_KEYS, {"office", "from"}):
                continue
            office = self.text(term.get("office"), tpath + ("office",))
            start = self.date(term.get("from"), tpath + ("from",))
            end = self.date(term.get("to"), tpath + ("to",), required=False)
            if start and end and end < start:
                self.error(tpath + ("to",), f"term ends ({end}) before it starts ({start})")
                continue
            if office and start:
                terms.append(Term(office, start, end, self.where(tpath)))
        name = self.text(entry.get("name"), path + ("name",))
        if not name:
            return None
        return Person(pid, name, gender, self.texts(entry.get("aliases"), path + ("aliases",)),
                      self.texts(entry.get("variants"), path + ("variants",)), tuple(terms),
                      self.where(path), self.text(entry.get("source"), path + ("source",)) or "")

    def organisation(self, oid, entry, path) -> Organisation | None:
        name = self.text(entry.get("name"), path + ("name",))
        if not name:
            return None
        descriptions = self.per_lang(entry["descriptions"], path + ("descriptions",)) if "descriptions" in entry else {}
        return Organisation(oid, name, self.texts(entry.get("aliases"), path + ("aliases",)),
                            self.texts(entry.get("acronyms"), path + ("acronyms",)), descriptions,
                            self.where(path), self.text(entry.get("source"), path + ("source",)) or "")

    def event(self, eid, entry, path) -> Event | None:
        start = self.date(entry.get("from"), path + ("from",))
        end = self.date(entry.get("to"), path + ("to",), required=False) or start
        if start and end < start:
            self.error(path + ("to",), f"event ends ({end}) before it starts ({start})")
            return None
        names = self.per_lang(entry.get("names"), path + ("names",))
        if not start or not any(names.values()):
            if start:
                self.error(path + ("names",), "an event needs at least one name")
            return None
        kind = entry.get("kind")
        if kind is not None and kind not in EVENT_KINDS:
            self.error(path + ("kind",), f"unknown event kind {kind!r}" + did_you_mean(str(kind), EVENT_KINDS))
            kind = None
        participants = self.per_lang(entry["participants"], path + ("participants",)) if "participants" in entry else {}
        organisation = self.text(entry.get("organisation"), path + ("organisation",)) if "organisation" in entry else None
        if (participants or organisation) and kind is None and "kind" not in entry:
            self.error(path + ("kind",), "participants and organisation need a kind (" + ", ".join(EVENT_KINDS) + ")")
        return Event(eid, names, start, end, self.where(path), self.text(entry.get("source"), path + ("source",)) or "",
                     kind, participants, organisation)

    def fact(self, fid, entry, path) -> Fact | None:
        by = entry.get("by")
        if by is not None and not (isinstance(by, int) and not isinstance(by, bool)):
            self.error(path + ("by",), f"expected a year, got {by!r}")
            by = None
        tolerance = entry.get("tolerance", 0)
        if not isinstance(tolerance, (int, float)) or isinstance(tolerance, bool) or tolerance < 0:
            self.error(path + ("tolerance",), f"expected a number >= 0, got {tolerance!r}")
            tolerance = 0
        value = self.text(entry.get("value"), path + ("value",))
        about = self.per_lang(entry.get("about"), path + ("about",))
        subject_terms = self.per_lang(entry["subject_terms"], path + ("subject_terms",)) if "subject_terms" in entry else {}
        since = self.date(entry.get("since"), path + ("since",), required=False)
        until = self.date(entry.get("until"), path + ("until",), required=False)
        if since and until and until < since:
            self.error(path + ("until",), f"the fact ends ({until}) before it starts ({since})")
        if value is None:
            return None
        return Fact(fid, about, self.text(entry.get("subject"), path + ("subject",), required=False) or "",
                    value, self.text(entry.get("unit"), path + ("unit",), required=False), by, float(tolerance),
                    self.where(path), self.text(entry.get("source"), path + ("source",)) or "",
                    subject_terms, since, until)

    def examples(self, value, path) -> None:
        """examples: [{pass: TEXT} | {fail: TEXT, rule: ID}, with optional date, lang, suggestion]."""
        if value is None:
            return
        if not isinstance(value, list):
            self.error(path + ("examples",), "expected a list of {pass: text} or {fail: text, rule: check-id}")
            return
        for i, item in enumerate(value):
            ipath = path + ("examples", i)
            if not self.keys(item, ipath, EXAMPLE_KEYS):
                continue
            kinds = [k for k in ("pass", "fail") if k in item]
            if len(kinds) != 1:
                self.error(ipath, "an example has exactly one of `pass` (must not be flagged) or `fail` (must be flagged)")
                continue
            flagged = kinds[0] == "fail"
            text = self.text(item.get(kinds[0]), ipath + (kinds[0],))
            rule = self.text(item.get("rule"), ipath + ("rule",), required=flagged)
            date = self.date(item.get("date"), ipath + ("date",), required=False)
            lang = item.get("lang")
            if lang is not None and lang not in language.codes():
                self.error(ipath + ("lang",), f"unknown language {lang!r}{did_you_mean(str(lang), language.codes())}")
                continue
            suggestion = self.text(item.get("suggestion"), ipath + ("suggestion",), required=False)
            if text and (rule or not flagged):
                self.rules.examples.append(RuleExample(".".join(map(str, path)), self.where(ipath), text, flagged,
                                                       rule, date, lang, suggestion))

    def rates(self, value, path) -> None:
        if not isinstance(value, dict):
            self.error(path, "expected a mapping of currency pairs (GBP/USD) to dated rates")
            return
        for pair, periods in value.items():
            ppath = path + (pair,)
            if not re.fullmatch(r"[A-Z]{3}/[A-Z]{3}", str(pair)):
                self.error(ppath, f"expected a currency pair like GBP/USD, got {pair!r}")
                continue
            if not isinstance(periods, list):
                self.error(ppath, "expected a list of {from, to, rate, source}")
                continue
            out = []
            for i, period in enumerate(periods):
                rpath = ppath + (i,)
                if not self.keys(period, rpath, RATE_KEYS, {"from", "to", "rate", "source"}):
                    continue
                start, end = self.date(period.get("from"), rpath + ("from",)), self.date(period.get("to"), rpath + ("to",))
                rate = period.get("rate")
                if not isinstance(rate, (int, float)) or isinstance(rate, bool) or rate <= 0:
                    self.error(rpath + ("rate",), f"expected a positive number, got {rate!r}")
                    continue
                if start and end:
                    out.append(Rate(str(pair), start, end, float(rate), self.where(rpath),
                                    self.text(period.get("source"), rpath + ("source",)) or ""))
            self.rules.rates[str(pair)] = self.rules.rates.get(str(pair), ()) + tuple(out)
