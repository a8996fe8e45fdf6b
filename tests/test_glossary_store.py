"""The curated store glossary/glossary.tsv: format, the three merge rules, and bad files refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import ROOT
from ushtil.errors import InputError
from ushtil.glossary import Glossary, GlossaryEntry, load_glossary, merge_glossary, save_glossary
from ushtil.glossary.store import COLUMNS, format_variants, parse_variants

STORE = ROOT / "glossary" / "glossary.tsv"


def entry(entry_id: str, en: str, kk: str, ru: str, status: str = "candidate", **extra) -> GlossaryEntry:
    return GlossaryEntry(id=entry_id, en=en, kk=kk, ru=ru, status=status, **extra)


def test_repository_store_is_seeded_and_curated():
    store = load_glossary(STORE)
    approved = {(e.en, e.kk, e.ru) for e in store.approved}
    for triple in [("EU", "ЕО", "ЕС"), ("Russia", "Ресей", "Россия"), ("China", "Қытай", "Китай"),
                   ("USA", "АҚШ", "США"), ("Central Asia", "Орталық Азия", "Центральная Азия")]:
        assert triple in approved
    central = store.get("central-asia")
    assert central.inconsistent
    assert set(central.variants["kk"]) == {"Орта Азия", "Орталық Азия"}
    assert set(central.variants["ru"]) == {"Центральная Азия", "Средняя Азия"}
    assert STORE.read_text(encoding="utf-8").splitlines()[0].split("\t") == list(COLUMNS)


def test_variants_cell_round_trip():
    variants = {"kk": {"Орта Азия": 8, "Орталық Азия": 3}, "ru": {"Центральная Азия": 11}}
    cell = format_variants(variants)
    assert cell == "kk: Орта Азия (8); Орталық Азия (3) | ru: Центральная Азия (11)"
    assert parse_variants(cell) == variants
    assert parse_variants("kk: Ресей") == {"kk": {"Ресей": 1}}
    with pytest.raises(InputError, match="bad variants cell"):
        parse_variants("fr: Russie (1)")


def test_save_and_load_round_trip_with_awkward_text(tmp_path):
    glossary = Glossary(entries=[
        entry("eu", "EU", "ЕО", "ЕС", "approved", note="tab\there\nnewline", kind="acronym",
              variants={"ru": {"ЕС": 2}}),
        entry("quote", 'the "Great Game"', "Ұлы ойын", "Большая игра", note="=SUM(A1)"),
    ])
    path = tmp_path / "g" / "store.tsv"
    save_glossary(glossary, path)
    back = load_glossary(path)
    assert [(e.id, e.en, e.kk, e.ru, e.status, e.kind) for e in back.entries] == [
        ("eu", "EU", "ЕО", "ЕС", "approved", "acronym"),
        ("quote", 'the "Great Game"', "Ұлы ойын", "Большая игра", "candidate", "term"),
    ]
    assert back.get("eu").note == "tab here newline"
    assert back.get("quote").note == "=SUM(A1)"
    assert back.get("eu").variants == {"ru": {"ЕС": 2}}


def test_merge_keeps_approved_drops_rejected_pairs_adds_candidates():
    store = Glossary(entries=[
        entry("eu", "EU", "ЕО", "ЕС", "approved", note="checked"),
        entry("west", "West", "батыс", "восток", "rejected"),
        entry("palu", "Palu", "Палу", "Пал", "candidate", note="check ru"),
    ])
    built = Glossary(entries=[
        entry("eu", "EU", "Еуропа", "Европа", confidence=0.9, frequency=7),
        entry("west", "West", "Батыс", "восток"),
        entry("palu", "Palu", "Палу", "Палу", frequency=10),
        entry("trump", "Trump", "Трамп", "Трамп"),
        entry("eu-2", "EU", "ЕО", "ЕС"),
    ])
    merged = merge_glossary(store, built)
    eu = merged.get("eu")
    assert (eu.kk, eu.ru, eu.status, eu.note) == ("ЕО", "ЕС", "approved", "checked")
    assert eu.frequency == 7
    assert merged.find("West").status == "rejected"
    assert [e.en for e in merged.entries].count("West") == 1
    palu = merged.get("palu")
    assert (palu.ru, palu.status, palu.note, palu.frequency) == ("Палу", "candidate", "check ru", 10)
    trump = merged.get("trump")
    assert trump.status == "candidate"
    assert [e.en for e in merged.entries].count("EU") == 1


def test_rejected_pair_is_not_proposed_again_even_with_another_partner():
    store = Glossary(entries=[entry("east", "East", "батыс", "Восток", "rejected")])
    built = Glossary(entries=[entry("east", "East", "Шығыс", "Восток"), entry("x", "East", "Шығыс", "Запад")])
    merged = merge_glossary(store, built)
    assert [(e.kk, e.ru, e.status) for e in merged.entries] == [("батыс", "Восток", "rejected"),
                                                               ("Шығыс", "Запад", "candidate")]


def test_new_ids_never_collide(tmp_path):
    store = Glossary(entries=[entry("trump", "Trump (old)", "x", "y", "rejected")])
    merged = merge_glossary(store, Glossary(entries=[entry("", "Trump", "Трамп", "Трамп")]))
    assert [e.id for e in merged.entries] == ["trump", "trump-2"]


def test_merge_through_build_glossary_and_atomic_save(tmp_path, seed_article):
    from ushtil.glossary import build_glossary

    path = tmp_path / "store.tsv"
    save_glossary(Glossary(entries=[entry("russia", "Russia", "Ресей", "Русь", "approved", note="mine")]), path)
    merged = build_glossary([seed_article], existing=path)
    assert merged.get("russia").ru == "Русь"
    assert merged.find("Central Asia").status == "candidate"
    before = path.read_bytes()

    broken = Glossary(entries=[entry("a", "A", "Б", "В")])
    broken.entries[0].variants = None  # format_variants fails half-way through the write
    with pytest.raises(AttributeError):
        save_glossary(broken, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["store.tsv"]


@pytest.mark.parametrize(("content", "message"), [
    ("id\ten\n", "missing columns"),
    ("\t".join(COLUMNS) + "\neu\tEU\tЕО\tЕС\t\tacronym\tmaybe\t\t\n", "unknown status 'maybe'"),
    ("\t".join(COLUMNS) + "\neu\tEU\tЕО\tЕС\t\tplace\tapproved\t\t\n", "unknown kind 'place'"),
    ("\t".join(COLUMNS) + "\neu\tEU\t\t\t\t\t\t\t\neu\tEU\t\t\t\t\t\t\t\n", "duplicate id 'eu'"),
    ("\t".join(COLUMNS) + "\n\tEU\t\t\t\t\t\t\t\n", "needs an id"),
])
def test_bad_store_files_are_one_line_errors(tmp_path, content, message):
    path = tmp_path / "store.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        load_glossary(path)
    assert "\n" not in str(caught.value)


def test_a_store_edited_by_hand_keeps_its_decisions(tmp_path, seed_article):
    """A person approves and rejects in the store by hand, typing "Approved" and "REJECTED ", and the
    spreadsheet saving it leaves rows of tabs at its end: the build refused the store ("unknown
    status 'Approved'", "an entry needs an id and an English term")."""
    from ushtil.glossary import build_glossary

    path = tmp_path / "store.tsv"
    rows = ["eu\tEU\tЕуропалық Одақ\tЕС\t\tacronym\tApproved\tchecked\t",
            "china\tChina\tҚытай\tКитай\t\tName\tREJECTED \t\t", "\t" * 8, "\t\t"]
    path.write_text("\t".join(COLUMNS) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    merged = build_glossary([seed_article], existing=path)
    assert (merged.get("eu").kk, merged.get("eu").status, merged.get("eu").note) == ("Еуропалық Одақ", "approved",
                                                                                    "checked")
    assert merged.get("china").status == "rejected" and merged.get("china").kind == "name"
    assert [e.id for e in merged.entries if e.en == "China"] == ["china"]


def test_missing_empty_and_binary_store_refused(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_glossary(tmp_path / "none.tsv")
    empty = tmp_path / "empty.tsv"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        load_glossary(empty)
    binary = tmp_path / "bin.tsv"
    binary.write_bytes(os.urandom(64) + b"\x00" * 64)
    with pytest.raises(InputError):
        load_glossary(binary)
    assert isinstance(STORE, Path)
