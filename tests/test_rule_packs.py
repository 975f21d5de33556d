"""The shipped rule packs as data: NATO (nato.yaml) and heads of state and government
(heads.yaml, heads-offices.yaml). They load, every entry is sourced with a date, offices with one
holder never have two at once, title forms cover both genders, and holders on given days are right."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest
import yaml

from checker import facts
from conftest import RULES, run_check

PACKS = ("nato.yaml", "heads.yaml", "heads-offices.yaml")
D = dt.date.fromisoformat
A_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


@pytest.fixture(scope="module")
def shipped():
    base, errors = facts.load_factbase([RULES], use_cache=False)
    assert not errors, [str(e) for e in errors]
    return base


def _pack_entries(section: str) -> dict[str, dict]:
    out = {}
    for name in PACKS:
        doc = yaml.safe_load((RULES / name).read_text(encoding="utf-8")) or {}
        out.update(doc.get(section) or {})
    return out


def test_packs_are_loaded_and_not_empty(shipped):
    rules = shipped.rules
    assert all(any(f.endswith(p) for f in rules.files) for p in PACKS)
    assert len(_pack_entries("people")) >= 70
    assert len(_pack_entries("offices")) >= 15
    assert len(_pack_entries("events")) >= 15
    assert len(_pack_entries("facts")) == 8


def test_ids_are_unique_across_all_rule_files():
    seen: Counter = Counter()
    for path in sorted(RULES.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for section, entries in doc.items():
            if isinstance(entries, dict) and section != "rates":
                seen.update((section, key) for key in entries)
    assert [k for k, n in seen.items() if n > 1] == []


def test_every_pack_entry_is_sourced_with_a_date(shipped):
    rules = shipped.rules
    for section in ("offices", "people", "events", "facts"):
        table = getattr(rules, section)
        for key in _pack_entries(section):
            source = table[key].source
            assert source.strip(), f"{section}.{key}: no source"
            assert A_YEAR.search(source) or section == "offices", f"{section}.{key}: source without a date: {source}"


def test_single_holder_offices_never_have_two_holders(shipped):
    for office_id, terms in shipped.holders.items():
        if not shipped.office(office_id).single_holder:
            continue
        for (a, pa), (b, pb) in zip(terms, terms[1:]):
            assert pa.id == pb.id or a.end is not None and a.end <= b.start, \
                f"{office_id}: {pb.name} from {b.start} while {pa.name} holds it ({a.describe()})"


# Gaps between holders that are real (an acting holder who is not recorded), each with its reason.
DOCUMENTED_GAPS = {
    ("italian-president", "2015-01-14"): "Pietro Grasso acting (supplente) until Mattarella's oath",
    ("ukrainian-president", "2014-02-22"): "Oleksandr Turchynov acting head of state",
    ("ukrainian-prime-minister", "2014-01-28"): "Serhiy Arbuzov acting prime minister",
    ("european-parliament-president", "2022-01-11"): "Roberta Metsola acting as First Vice-President",
    ("nato-secretary-general", "1999-10-07"): "Sergio Balanzino acting",
    ("nato-secretary-general", "2003-12-18"): "Alessandro Minuto-Rizzo acting",
}


def test_pack_offices_have_no_unexplained_gap_since_2014(shipped):
    offices = set(_pack_entries("offices")) | {"nato-secretary-general", "german-chancellor", "uk-prime-minister",
                                               "dutch-prime-minister", "ukrainian-president", "russian-president"}
    for office_id in sorted(offices):
        terms = [t for t, _ in shipped.holders.get(office_id, ())]
        assert terms, f"{office_id}: no holder"
        assert terms[0].start <= D("2014-01-01") or office_id == "nato-secretary-general" and terms[0].start < D("1999-10-14")
        assert terms[-1].end is None, f"{office_id}: nobody in office in the latest material"
        for a, b in zip(terms, terms[1:]):
            if a.end == b.start or a.end is None:
                continue
            if b.start < D("2014-01-01") and office_id != "nato-secretary-general":
                continue
            assert (office_id, a.end.isoformat()) in DOCUMENTED_GAPS, f"{office_id}: gap {a.end} - {b.start}"


def test_pack_offices_have_french_masculine_and_feminine_and_english_forms(shipped):
    for office_id in _pack_entries("offices"):
        forms = shipped.office(office_id).titles
        fr = {f.gender for f in forms if f.lang == "fr"}
        assert {"m", "f"} <= fr, f"{office_id}: French forms {fr}"
        assert any(f.lang == "en" for f in forms), f"{office_id}: no English form"


@pytest.mark.parametrize("lang, text, office, gender", [
    ("fr", "la présidente du Conseil italien", "italian-prime-minister", "f"),
    ("fr", "Première ministre italienne", "italian-prime-minister", "f"),
    ("fr", "la Première ministre", "french-prime-minister", "f"),
    ("fr", "présidente de la Commission européenne", "european-commission-president", "f"),
    ("fr", "chancelière", "german-chancellor", "f"),
    ("fr", "Premier ministre français", "french-prime-minister", "m"),
    ("fr", "président français", "french-president", "m"),
    ("fr", "chancelier allemand", "german-chancellor", "m"),
    ("fr", "Premier ministre italien", "italian-prime-minister", "m"),
    ("fr", "chef de la diplomatie européenne", "eu-high-representative", "n"),
    ("fr", "Premier ministre", "japanese-prime-minister", "m"),
    ("fr", "président", "polish-president", "m"),
    ("en", "European Commission President", "european-commission-president", "n"),
    ("en", "Queen", "british-monarch", "f"),
])
def test_title_forms_name_their_office(shipped, lang, text, office, gender):
    written = text.split(" ", 1)[1] if text.startswith("la ") else text
    assert (office, gender) in {(o, f.gender) for f, o in shipped.title_forms(lang, written)}


@pytest.mark.parametrize("office, day, holder", [
    ("french-president", "2016-01-01", "francois-hollande"),
    ("french-president", "2017-05-14", "emmanuel-macron"),     # the handover day belongs to the successor
    ("french-president", "2012-05-14", "nicolas-sarkozy"),
    ("french-president", "1981-05-20", None),                  # before Mitterrand: not recorded
    ("french-prime-minister", "2002-05-06", "jean-pierre-raffarin"),
    ("german-chancellor", "1998-10-27", "gerhard-schroder"),
    ("uk-prime-minister", "1997-05-01", "john-major"),
    ("russian-president", "1999-12-31", None),                 # Putin acting: not recorded
    ("us-secretary-of-state", "2025-03-01", "marco-rubio"),
    ("us-secretary-of-state", "2017-01-25", None),             # Thomas Shannon acting: not recorded
    ("us-secretary-of-defense", "1998-01-01", "william-cohen"),
    ("us-secretary-of-defense", "1990-01-01", None),           # Dick Cheney: defined as Vice President only
    ("french-prime-minister", "2014-03-30", "jean-marc-ayrault"),
    ("french-prime-minister", "2024-10-01", "michel-barnier"),
    ("french-prime-minister", "2025-10-08", "sebastien-lecornu"),
    ("uk-prime-minister", "2022-10-01", "liz-truss"),
    ("uk-prime-minister", "2019-07-23", "theresa-may"),
    ("uk-prime-minister", "2019-07-24", "boris-johnson"),
    ("british-monarch", "2022-09-07", "elizabeth-ii"),
    ("british-monarch", "2022-09-08", "charles-iii"),
    ("german-chancellor", "2015-06-01", "angela-merkel"),
    ("german-president", "2017-03-18", "joachim-gauck"),
    ("italian-prime-minister", "2019-01-01", "giuseppe-conte"),
    ("italian-prime-minister", "2023-01-01", "giorgia-meloni"),
    ("italian-president", "2015-01-20", None),                 # vacancy: Grasso acting
    ("canadian-prime-minister", "2020-01-01", "justin-trudeau"),
    ("japanese-prime-minister", "2021-01-01", "yoshihide-suga"),
    ("japanese-emperor", "2019-04-30", "akihito"),
    ("japanese-emperor", "2019-05-01", "naruhito"),
    ("ukrainian-president", "2016-01-01", "petro-poroshenko"),
    ("ukrainian-prime-minister", "2022-03-01", "denys-shmyhal"),
    ("ukrainian-prime-minister", "2025-08-01", "yuliia-svyrydenko"),
    ("russian-prime-minister", "2015-01-01", "dmitry-medvedev"),
    ("russian-president", "2010-01-01", "dmitry-medvedev"),
    ("polish-prime-minister", "2016-01-01", "beata-szydlo"),
    ("polish-prime-minister", "2024-01-01", "donald-tusk"),
    ("polish-president", "2025-08-06", "karol-nawrocki"),
    ("dutch-prime-minister", "2025-01-01", "dick-schoof"),
    ("dutch-prime-minister", "2026-03-01", "rob-jetten"),
    ("dutch-monarch", "2020-01-01", "willem-alexander"),
    ("european-commission-president", "2014-10-31", "jose-manuel-barroso"),
    ("european-commission-president", "2014-11-01", "jean-claude-juncker"),
    ("european-council-president", "2016-01-01", "donald-tusk"),
    ("eu-high-representative", "2022-01-01", "josep-borrell"),
    ("european-parliament-president", "2022-01-15", None),     # Metsola acting, elected 18 January
    ("european-parliament-president", "2022-01-18", "roberta-metsola"),
    ("nato-secretary-general", "2000-01-01", "george-robertson"),
    ("nato-secretary-general", "2010-01-01", "anders-fogh-rasmussen"),
    ("nato-secretary-general", "2014-10-01", "jens-stoltenberg"),
])
def test_holder_on_a_given_day(shipped, office, day, holder):
    found = shipped.holder_at(office, D(day))
    assert (found[1].id if found else None) == holder


def test_nato_member_count_grows_with_the_accessions(shipped):
    rules = shipped.rules
    counts = {k: rules.facts[k] for k in ("nato-member-count-2009", "nato-member-count-2017", "nato-member-count-2020",
                                          "nato-member-count-2023", "nato-member-count")}
    assert [float(f.value) for f in counts.values()] == [28, 29, 30, 31, 32]
    # each period's end is the next accession
    for fact_id, event_id in [("nato-member-count-2009", "montenegro-nato-accession"),
                              ("nato-member-count-2017", "north-macedonia-nato-accession"),
                              ("nato-member-count-2020", "finland-nato-accession"),
                              ("nato-member-count-2023", "sweden-nato-accession")]:
        assert rules.events[event_id].start.isoformat() in _pack_entries("facts")[fact_id]["note"]


def test_nato_summits_are_dated_in_order_and_named_in_both_languages(shipped):
    rules = shipped.rules
    summits = [e for k, e in rules.events.items() if k.startswith(("nato-summit-", "nato-leaders-meeting-",
                                                                    "nato-extraordinary-summit-"))]
    assert len(summits) >= 11
    for event in summits:
        assert event.names.get("fr") and event.names.get("en"), event.id
        assert event.start <= event.end
    years = sorted(e.start.year for e in summits)
    assert {2014, 2016, 2017, 2018, 2019, 2021, 2022, 2023, 2024, 2025, 2026} <= set(years)


def test_a_shared_summit_name_is_picked_by_its_date(shipped):
    from checker.extract.events import agrees
    from checker.extract.dates import find_dates
    events = shipped.events_named("fr", "sommet de l'OTAN à Bruxelles")
    assert len(events) >= 3      # 2017, 2018, 2021, 2022: no single date without more words
    text = "le 11 juillet 2018"
    date = find_dates(text, "fr")[0]
    assert [e.id for e in events if agrees(e, date)] == ["nato-summit-brussels-2018"]


@pytest.mark.parametrize("date, text, flagged", [
    ("2021-06-01", "Selon l'ancien Premier ministre britannique Boris Johnson, la menace grandit.", True),
    ("2023-01-01", "Selon l'ancien Premier ministre britannique Boris Johnson, la menace grandit.", False),
    ("2016-01-01", "L'ancien président français François Hollande a parlé.", True),
    ("2018-01-01", "L'ancien président français François Hollande a parlé.", False),
    ("2023-05-01", "La présidente du Conseil italien Giorgia Meloni a parlé.", False),
])
def test_the_packs_drive_the_title_checks(shipped, date, text, flagged):
    findings = run_check("anachronistic-title", text, shipped, D(date), lang="fr")
    assert bool(findings) is flagged, [f.message for f in findings]


def test_the_installed_packs_are_where_importlib_resources_puts_them():
    from importlib import resources
    from pathlib import Path
    assert facts.INSTALLED == Path(str(resources.files("checker"))) / "shipped_rules"
