"""find_entities: the seed's expected entities, candidates from cues, offsets."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.entities import ENTITY_COLUMNS, entity_mentions, find_entities
from analysis.entities.gazetteer import EntityInputError
from analysis.paths import SEEDS_DIR

SEED = (SEEDS_DIR / "000_59786d66bf5a77f6.txt").read_text(encoding="utf-8")

SEED_PERSONS = {"سيرغي لافروف", "سامح شكري", "سيرغي شويغو", "سيرغي رودسكوي"}
SEED_ORGS = {"وزارة الدفاع الروسية", "داعش", "المعارضة السورية", "القوات الجوية الروسية"}
SEED_PLACES = {"موسكو", "السعودية", "الرياض", "مصر", "القاهرة", "جنيف", "إدلب", "تركيا", "إيران", "آستانة",
               "دير الزور", "الرقة", "حمص", "حلب", "الموصل", "السخنة", "عقيربات", "سورية"}


@pytest.fixture(scope="module")
def seed_entities() -> pd.DataFrame:
    return find_entities(SEED)


@pytest.mark.parametrize("etype, expected", [("PERSON", SEED_PERSONS), ("ORG", SEED_ORGS), ("PLACE", SEED_PLACES)])
def test_seed_expected_entities(seed_entities: pd.DataFrame, etype: str, expected: set[str]) -> None:
    found = set(seed_entities.loc[seed_entities["type"] == etype, "canonical"])
    assert expected <= found, expected - found


def test_seed_persons_are_exactly_the_four(seed_entities: pd.DataFrame) -> None:
    assert set(seed_entities.loc[seed_entities["type"] == "PERSON", "canonical"]) == SEED_PERSONS


def test_seed_table_shape_and_offsets(seed_entities: pd.DataFrame) -> None:
    assert list(seed_entities.columns) == list(ENTITY_COLUMNS)
    assert seed_entities["start"].is_monotonic_increasing
    for row in seed_entities.itertuples():
        assert SEED[row.start:row.end] == row.text


def test_seed_places_have_coordinates(seed_entities: pd.DataFrame) -> None:
    places = seed_entities[seed_entities["type"] == "PLACE"]
    assert places["lat"].notna().all() and places["lon"].notna().all()
    deir = places[places["canonical"] == "دير الزور"].iloc[0]
    assert (round(deir["lat"]), round(deir["lon"])) == (35, 40)


@pytest.mark.parametrize(
    "text, expected",
    [
        # names after a title are persons (issue 13: typed PERSON, no longer CANDIDATE), the title is the role
        ("قال الجنرال جيمس هارتلي إن الوضع معقد", [("جيمس هارتلي", "PERSON", "الجنرال")]),
        ("وأكد المتحدث باسم الجيش الإسرائيلي يوناتان كوهين أن",
         [("الجيش الإسرائيلي", "ORG", ""), ("يوناتان كوهين", "PERSON", "المتحدث باسم الجيش الإسرائيلي")]),
        # the office's body is a named organisation of its own (head noun + complement + nisba)
        ("وقال رئيس هيئة الأركان الإيرانية محمد باقري أمس",
         [("هيئة الأركان الإيرانية", "ORG", ""), ("محمد باقري", "PERSON", "رئيس هيئة الأركان الإيرانية")]),
        ("وصرح السفير الروسي ألكسندر زاسبكين", [("ألكسندر زاسبكين", "PERSON", "السفير الروسي")]),
        ("وقال العقيد عبد الله الحربي إن", [("عبد الله الحربي", "PERSON", "العقيد")]),
        ("والتقى الوزير نيكولاي بيتروفيتش", [("نيكولاي بيتروفيتش", "PERSON", "الوزير")]),
        # a title before a known person proposes nothing new; the title is not in the span (issue 13)
        ("وقال الرئيس الروسي فلاديمير بوتين إن", [("فلاديمير بوتين", "PERSON", "الرئيس الروسي")]),
        # an office with no name after it
        ("وقال رئيس الوزراء في مؤتمر صحافي", []),
        # transliterated foreign names by their ending, without a title: still a CANDIDATE
        ("زار ماتفيينكو دمشق", [("ماتفيينكو", "CANDIDATE", ""), ("دمشق", "PLACE", "")]),
    ],
)
def test_candidates_from_cues(text: str, expected: list[tuple[str, str, str]]) -> None:
    df = find_entities(text)
    assert list(zip(df["text"], df["type"], df["role"])) == expected


def test_candidates_can_be_switched_off() -> None:
    assert find_entities("زار ماتفيينكو الموقع", candidates=False).empty
    assert list(find_entities("قال الجنرال جيمس هارتلي", candidates=False)["type"]) == ["PERSON"]


def test_adjectives_switch() -> None:
    df = find_entities("أكد المسؤول المصري", adjectives=True)
    assert list(zip(df["text"], df["canonical"], df["form"])) == [("المصري", "مصر", "adjective")]
    assert find_entities("أكد المسؤول المصري").empty


def test_empty_text_gives_empty_table_with_columns() -> None:
    df = find_entities("")
    assert df.empty and list(df.columns) == list(ENTITY_COLUMNS)


def test_bad_input() -> None:
    with pytest.raises(EntityInputError):
        entity_mentions(42)  # type: ignore[arg-type]


def test_offsets_with_diacritics_point_into_the_original() -> None:
    text = "وَصَلَ لافْرُوفُ إلى مُوسْكُو"
    df = find_entities(text)
    assert [text[s:e] for s, e in zip(df["start"], df["end"])] == ["لافْرُوفُ", "مُوسْكُو"]
    assert list(df["canonical"]) == ["سيرغي لافروف", "موسكو"]


def test_cooccurrence_counts_sentences() -> None:
    from analysis.entities import cooccurrence

    text = "زار لافروف موسكو وإدلب. ثم عاد لافروف إلى موسكو. وقصفت داعش حلب."
    df = cooccurrence(text)
    got = {(r.left, r.right): r.sentences for r in df.itertuples()}
    assert got == {("سيرغي لافروف", "موسكو"): 2, ("سيرغي لافروف", "إدلب"): 1, ("داعش", "حلب"): 1}
    assert list(df["sentences"]) == sorted(df["sentences"], reverse=True)
