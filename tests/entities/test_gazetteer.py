"""Gazetteer loading and matching: clitics, spelling variants, boundaries, longest match."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.entities.gazetteer import (
    EntityInputError,
    Gazetteer,
    GazetteerError,
    load_gazetteer,
    match_form,
    matching_text,
    name_forms,
    nisba_forms,
)
from analysis.text.names import read_entries
from analysis.text.normalize import normalize_with_offsets


def _matches(text: str, adjectives: bool = False) -> list[tuple[str, str]]:
    return [(m.text, m.entity_id) for m in load_gazetteer().match(text, adjectives=adjectives)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # clitics: و ف ب ل ك and combinations; the span excludes them
        ("وصل ولافروف", [("لافروف", "lavrov")]),
        ("القصف بإدلب", [("إدلب", "idlib")]),
        ("الدعم لسورية", [("سورية", "syria")]),
        ("وبدمشق", [("دمشق", "damascus")]),
        ("فالرقة", [("الرقة", "raqqa")]),
        ("وبالموصل", [("الموصل", "mosul")]),
        # ل + ال is written لل: the fused span keeps لل
        ("دعم وللمعارضة السورية", [("للمعارضة السورية", "syrian_opposition")]),
        ("زيارة للعراق", [("للعراق", "iraq")]),
        # spelling variants: ة/ه, ى/ي, alef forms, سورية/سوريا, diacritics, tatweel
        ("في سوريا", [("سوريا", "syria")]),
        ("في سوريه", [("سوريه", "syria")]),
        ("قرب ادلب", [("ادلب", "idlib")]),
        ("في دِمَشْق", [("دِمَشْق", "damascus")]),
        ("في الـرقـة", [("الـرقـة", "raqqa")]),
        ("نحو ديالي", [("ديالي", "diyala")]),
        # names that start with clitic-like letters are not split
        ("زار لبنان وليبيا", [("لبنان", "lebanon"), ("ليبيا", "libya")]),
        ("من بغداد", [("بغداد", "baghdad")]),
        # word boundaries: no match inside a longer word
        ("مصرف مصري", []),
        ("المصريون", []),
        ("تركيات", []),
        # longest match first
        ("أعلنت وزارة الدفاع الروسية", [("وزارة الدفاع الروسية", "russian_mod")]),
        ("ريف دمشق", [("ريف دمشق", "rif_dimashq")]),
        ("في جولة مفاوضات آستانة", [("مفاوضات آستانة", "astana_talks")]),
        ("تنظيم «داعش»", [("داعش", "isis")]),
        ("تنظيم الدولة الإسلامية", [("تنظيم الدولة الإسلامية", "isis")]),
        # a role alias before the name: the span is the name (issue 13), the role is kept apart
        ("قال وزير الخارجية الروسي سيرغي لافروف", [("سيرغي لافروف", "lavrov")]),
    ],
)
def test_match_table(text: str, expected: list[tuple[str, str]]) -> None:
    assert _matches(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("الجيش الروسي والشركات الروسية", [("الجيش الروسي", "russian_army"), ("الروسية", "russia")]),
        ("المصريون والسوريين", [("المصريون", "egypt"), ("السوريين", "syria")]),
    ],
)
def test_adjectives_only_when_asked(text: str, expected: list[tuple[str, str]]) -> None:
    assert _matches(text, adjectives=True) == expected
    assert all(eid != "russia" and eid != "egypt" for _, eid in _matches(text))


def test_short_alias_needs_a_full_mention_before() -> None:
    assert _matches("قال شكري إن") == []
    assert _matches("التقى سامح شكري أمس، وقال شكري إن") == [("سامح شكري", "shoukry"), ("شكري", "shoukry")]


def test_generic_office_resolves_to_the_specific_organisation() -> None:
    ms = load_gazetteer().match("أعلنت وزارة الدفاع الروسية أمس، ونشرت وزارة الدفاع فيديو")
    assert [(m.entity_id, m.resolved_from) for m in ms] == [("russian_mod", ""), ("russian_mod", "generic_mod")]
    alone = load_gazetteer().match("ونشرت وزارة الدفاع فيديو")
    assert [(m.entity_id, m.resolved_from) for m in alone] == [("generic_mod", "")]


def test_name_forms_cover_clitic_like_names() -> None:
    forms = name_forms()
    for name in ["لافروف", "لبنان", "بغداد", "ليبيا", "بيروت", "فرنسا", "كركوك"]:
        assert match_form(name) in forms
    assert all(" " not in f for f in forms)


def test_nisba_forms_map_to_countries() -> None:
    nisba = nisba_forms()
    assert nisba[match_form("الروسية")] == "russia"
    assert nisba[match_form("المصري")] == "egypt"
    assert nisba[match_form("السوريون")] == "syria"


def test_every_place_has_coordinates_and_ids_are_unique() -> None:
    gaz = load_gazetteer()
    ids = [e.entity_id for e in gaz.entries]
    assert len(ids) == len(set(ids))
    for e in gaz.entries:
        if e.type == "PLACE":
            assert -90 <= e.lat <= 90 and -180 <= e.lon <= 180, e.entity_id


def test_malformed_entry_is_a_typed_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import analysis.text.names as g

    monkeypatch.setattr(g, "load_yaml", lambda name: [{"id": "x", "ar": "س"}])
    with pytest.raises(GazetteerError, match="missing field"):
        read_entries("gazetteer/places.yaml", "PLACE")
    monkeypatch.setattr(g, "load_yaml", lambda name: [{"id": "x", "ar": "س", "en": "X", "lat": "north", "lon": 1}])
    with pytest.raises(GazetteerError, match="not a number"):
        read_entries("gazetteer/places.yaml", "PLACE")


def test_duplicate_ids_are_rejected() -> None:
    entries = read_entries("gazetteer/events.yaml", "EVENT")[:1]
    with pytest.raises(GazetteerError, match="duplicate id"):
        Gazetteer(entries + entries)


def test_non_string_input() -> None:
    with pytest.raises(EntityInputError):
        load_gazetteer().match(None)  # type: ignore[arg-type]


_ARABIC = st.text(alphabet=st.sampled_from(list("اأإآبتةثجحدرزسشصطعغفقكلمنهويىء ـَُِّْ\u200f\n«»") + ["ﻻ"]), max_size=60)


@given(_ARABIC)
def test_matching_text_offsets_agree_with_normalize(text: str) -> None:
    mt = matching_text(text)
    ref = normalize_with_offsets(text)
    assert len(mt.text) == len(ref.text)
    for i in range(len(mt.text) + 1):
        for j in (i, min(len(mt.text), i + 3)):
            assert mt.to_original(i, j) == ref.to_original(i, j)


@given(st.lists(st.sampled_from(["لافروف", "بإدلب", "سورية", "في", "و", "للعراق", "دير الزور", "«داعش»", "ـ", "ُ"]),
                max_size=12))
def test_mentions_index_the_original_text(parts: list[str]) -> None:
    text = " ".join(parts)
    for m in load_gazetteer().match(text, adjectives=True):
        assert text[m.start:m.end] == m.text
        assert 0 <= m.start < m.end <= len(text)
