"""The world layer of the gazetteer (issue 13): CLDR countries and regions, GeoNames cities, place cues.

Every sentence here was written for these tests; the expected places were worked out by hand.
"""

from __future__ import annotations

import pytest

from analysis.entities import find_entities
from analysis.entities.gazetteer import load_gazetteer
from analysis.entities.world import common_word_forms, region_of, world_places
from analysis.text.lexicon import name_forms as tokenizer_names
from analysis.text.normalize import match_form


def _places(text: str) -> list[tuple[str, str]]:
    df = find_entities(text)
    df = df[df["type"] == "PLACE"]
    return list(zip(df["text"], df["country"]))


@pytest.mark.parametrize(
    "text, expected",
    [
        # countries of CLDR outside the hand gazetteer
        ("وصل الوفد إلى نيوزيلندا ثم إلى كوسوفو", [("نيوزيلندا", "NZ"), ("كوسوفو", "XK")]),
        ("وقعت مصر وجنوب السودان اتفاقا", [("مصر", "EG"), ("جنوب السودان", "SS")]),
        # big cities of GeoNames, with and without a clitic
        ("هجمات مومباي وتفجيرات كوالالمبور", [("مومباي", "IN"), ("كوالالمبور", "MY")]),
        ("عاد اللاعب إلى بريشتينا عاصمة كوسوفو", [("بريشتينا", "XK"), ("كوسوفو", "XK")]),
        # a region is not the country or continent inside its name
        ("تراجع النمو في أوروبا الشرقية", [("أوروبا الشرقية", "")]),
        ("لاجئون من أفريقيا جنوب الصحراء", [("أفريقيا جنوب الصحراء", "")]),
        # the hand layer keeps its own spellings and entries
        ("قصف على حلب وإدلب في سوريا", [("حلب", "SY"), ("إدلب", "SY"), ("سوريا", "SY")]),
    ],
)
def test_world_places_are_found_with_their_country(text: str, expected: list[tuple[str, str]]) -> None:
    assert _places(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a town called like a person (سالم) or a common word (الثورة) needs a place head before it
        ("وقال سالم إن الاتفاق صامد", []),
        ("اندلعت الثورة السورية عام 2011", []),
        ("وصل الجيش إلى مدينة سالم الهندية", [("سالم", "IN")]),
        # a small city needs a place cue (a preposition or a head noun) or its country nearby
        ("وقعت اشتباكات في نوتنغهام ليلا", [("نوتنغهام", "GB")]),
        ("يحب نوتنغهام كثيرا", []),
        # a city name inside a word is never matched (كبيرا is not ك + بيرا)
        ("حققت الحملة نجاحا كبيرا", []),
    ],
)
def test_ambiguous_names_need_place_cues(text: str, expected: list[tuple[str, str]]) -> None:
    assert _places(text) == expected


def test_each_place_knows_its_country() -> None:
    gaz = load_gazetteer()
    aleppo = [m for m in gaz.match("في حلب") if m.type == "PLACE"][0]
    idlib = [m for m in gaz.match("في إدلب") if m.type == "PLACE"][0]
    assert aleppo.entity_id != idlib.entity_id
    assert aleppo.country == idlib.country == "SY"
    assert gaz.country("SY").entity_id == "syria"  # the hand entry stands for the country
    mumbai = [m for m in gaz.match("في مومباي") if m.type == "PLACE"][0]
    assert mumbai.country == "IN" and mumbai.origin == "geonames"
    assert gaz.country("IN").canonical == "الهند"


def test_world_entries_carry_coordinates_and_population() -> None:
    places = {p.entry.name_en: p.entry for p in world_places()}
    mumbai = places["Mumbai"]
    assert (round(mumbai.lat), round(mumbai.lon)) == (19, 73)
    assert mumbai.population > 10_000_000 and mumbai.origin == "geonames"
    nz = next(p.entry for p in world_places() if p.entry.entity_id == "cldr:NZ")
    assert nz.canonical == "نيوزيلندا" and nz.origin == "cldr" and nz.lat < 0


def test_hand_layer_wins_conflicts() -> None:
    gaz = load_gazetteer()
    # موسكو is also a town in the United States in GeoNames: the hand entry keeps the name
    (moscow,) = [m for m in gaz.match("في موسكو")]
    assert (moscow.entity_id, moscow.origin) == ("moscow", "hand")
    # a CLDR country folds into the hand country of the same ISO code
    assert not any(e.entity_id == "cldr:SY" for e in gaz.entries)
    # the world layer never adds names to the tokenizer's do-not-split list
    assert match_form("مومباي") not in tokenizer_names()


def test_common_words_include_person_names_and_lexicon_words() -> None:
    common = common_word_forms()
    assert {"سالم", "الثوره", "بيان"} <= common


@pytest.mark.parametrize("country, entity_id, region", [
    ("SY", "", "middle_east"), ("IL", "", "middle_east"), ("TR", "", "middle_east"), ("NZ", "", "other"),
    ("", "gulf", "middle_east"), ("", "cldr:151", "other"), ("", "cldr:015", "middle_east"),
])
def test_region_of(country: str, entity_id: str, region: str) -> None:
    assert region_of(country, entity_id) == region
