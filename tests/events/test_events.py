"""Events: linking claims of different articles (issue 14) — hand-made claims tables, checked by hand.

Each case is a small claims table written here (sentences of our own, with the columns a
corpus run writes); the expected partition into events was decided by reading the
sentences, before running the linker.
"""

from __future__ import annotations

import dataclasses
import random

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.csvio import read_csv
from analysis.errors import LexiconError
from analysis.events import EventsInputError, event_figures, event_table, link_events
from analysis.events import lexicon as events_lexicon
from analysis.events.linking import average_linkage, candidate_pairs, link
from analysis.events.table import figure_range

# --- building hand-made claims tables ----------------------------------------------


def claim(doc_id: str, outlet: str, published: str, sentence: str, quantity: str, value: float,
          category: str = "casualties", event: str = "killed", unit: str = "people", time_text: str = "",
          sentence_index: int = 0, qualifier: str = "exact", source: str = "") -> dict:
    """One claims-table row; ``start`` is where ``quantity`` sits in the sentence (sentences 200 characters apart)."""
    at = sentence.index(quantity)
    return {"doc_id": doc_id, "claim_id": f"{doc_id}-{sentence_index}-{at}", "outlet": outlet,
            "published": published, "sentence_index": sentence_index, "sentence": sentence,
            "start": 200 * sentence_index + at, "end": 200 * sentence_index + at + len(quantity),
            "quantity_text": quantity, "value_low": value, "value_high": value, "qualifier": qualifier,
            "unit": unit, "category": category, "event": event, "time_text": time_text or None, "source": source}


def table(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


def groups(linked: pd.DataFrame, keys: dict[str, int]) -> dict[str, str]:
    """Event id of the claims named by ``keys`` (name -> row position)."""
    return {name: linked["event_id"].iloc[pos] for name, pos in keys.items()}


# --- hard case 1: an article recalls an earlier event -------------------------------

RECALL = table(
    # 10 March: a car bomb in a market of Aleppo, two outlets
    claim("a", "BBC", "2018-03-10", "قتل 25 شخصا في انفجار سيارة مفخخة في سوق مدينة حلب صباح اليوم.", "25", 25),
    claim("b", "CNN", "2018-03-10", "أدى انفجار سيارة مفخخة في سوق شعبي بمدينة حلب إلى مقتل 25 شخصا.", "25", 25),
    # 17 March: a new bombing near a school of Aleppo; the article recalls last week's market bombing
    claim("c", "BBC", "2018-03-17", "قتل خمسة أشخاص في انفجار عبوة ناسفة قرب مدرسة في مدينة حلب.", "خمسة", 5),
    claim("c", "BBC", "2018-03-17", "وكان انفجار سيارة مفخخة في سوق حلب قد أودى بحياة 25 شخصا الأسبوع الماضي.", "25",
          25, time_text="الأسبوع الماضي", sentence_index=3),
    claim("d", "skynews", "2018-03-17", "أسفر انفجار عبوة ناسفة قرب مدرسة في حلب عن مقتل خمسة أشخاص.", "خمسة", 5),
)


def test_a_recalled_figure_belongs_to_the_earlier_event() -> None:
    linked = link_events(RECALL)
    ids = groups(linked, {"market_a": 0, "market_b": 1, "school_c": 2, "recalled_c": 3, "school_d": 4})
    assert ids["market_a"] == ids["market_b"] == ids["recalled_c"]
    assert ids["school_c"] == ids["school_d"]
    assert ids["school_c"] != ids["market_a"]
    assert linked["event_recalled"].tolist() == [False, False, False, True, False]
    assert linked["event_figure"].tolist() == ["killed"] * 5


def test_the_recalled_figure_is_dated_by_its_time_expression() -> None:
    linked = link_events(RECALL)
    # "last week" in an article of Saturday 17 March 2018: ISO week 10, Monday 5 to Sunday 11 March
    assert linked["event_date"].tolist()[3] == "2018-03-05"
    assert linked["event_date"].tolist()[2] == "2018-03-17"


# --- hard case 2: two events of one kind in one province and week ---------------------

TWO_STRIKES = table(
    claim("e", "BBC", "2018-04-02", "قتل 12 شخصا في غارة جوية على بلدة سراقب في ريف إدلب.", "12", 12),
    claim("f", "skynews", "2018-04-02", "أسفرت غارة جوية على سراقب في ريف إدلب عن مقتل 12 مدنيا.", "12", 12,
          unit="civilians"),
    claim("g", "CNN", "2018-04-03", "قتل 7 أشخاص في غارة جوية على معرة النعمان في ريف إدلب.", "7", 7),
    claim("h", "france24", "2018-04-03", "أدت غارات جوية على معرة النعمان في ريف إدلب إلى مقتل 7 مدنيين.", "7", 7,
          unit="civilians"),
    # one article reports two strikes of the same day, one clause each
    claim("i", "france24", "2018-04-05",
          "قتل 6 مدنيين في غارة على بلدة سراقب، فيما قتل 4 آخرون في غارة على معرة النعمان.",
          "6", 6, unit="civilians"),
    claim("i", "france24", "2018-04-05",
          "قتل 6 مدنيين في غارة على بلدة سراقب، فيما قتل 4 آخرون في غارة على معرة النعمان.",
          "4", 4),
)


def test_two_strikes_in_one_province_and_week_stay_apart() -> None:
    ids = groups(link_events(TWO_STRIKES), {"e": 0, "f": 1, "g": 2, "h": 3, "i_saraqib": 4, "i_maarat": 5})
    assert ids["e"] == ids["f"]
    assert ids["g"] == ids["h"]
    assert ids["e"] != ids["g"]
    # two towns in one sentence: two units of the article, two events
    assert ids["i_saraqib"] != ids["i_maarat"]
    units = link_events(TWO_STRIKES)["event_unit"].tolist()
    assert units[4] != units[5] and units[4].startswith("i#") and units[5].startswith("i#")


# --- what is not a figure of an event -------------------------------------------------


def test_money_percentages_and_running_totals_get_no_event() -> None:
    claims = table(
        claim("j", "BBC", "2018-05-01", "قتل 9 أشخاص في هجوم على نقطة تفتيش في مدينة الموصل.", "9", 9),
        claim("j", "BBC", "2018-05-01", "وارتفعت أسعار الوقود 12 في المئة في الموصل.", "12", 12, category="economy",
              event="rose", unit="percent", sentence_index=1),
        claim("j", "BBC", "2018-05-01", "وقتل أكثر من 3000 مدني في الموصل منذ بداية العام.", "3000", 3000,
              unit="civilians", sentence_index=2, qualifier="more_than"),
    )
    linked = link_events(claims)
    assert isinstance(linked["event_id"][0], str)
    assert linked["event_id"].isna().tolist() == [False, True, True]
    assert linked["event_figure"][0] == "killed" and pd.isna(linked["event_figure"][1])


# --- the table keeps every row, in order ------------------------------------------------


def test_every_row_kept_in_order_with_its_index() -> None:
    claims = RECALL.copy()
    claims.index = [10, 30, 20, 50, 40]
    linked = link_events(claims)
    assert list(linked.index) == [10, 30, 20, 50, 40]
    assert linked.drop(columns=[c for c in linked.columns if c.startswith("event_")]).equals(claims)
    assert linked["event_id"].str.match(r"^E\d{8}-[0-9a-f]{6}$").all()


@settings(max_examples=15, deadline=None)
@given(st.randoms(use_true_random=False))
def test_the_partition_does_not_depend_on_the_order_of_articles(rnd: random.Random) -> None:
    claims = pd.concat([RECALL, TWO_STRIKES], ignore_index=True)
    docs = list(dict.fromkeys(claims["doc_id"]))
    rnd.shuffle(docs)
    shuffled = pd.concat([claims[claims["doc_id"] == d] for d in docs])
    a = link_events(claims)["event_id"]
    b = link_events(shuffled)["event_id"].reindex(a.index)
    assert a.tolist() == b.tolist()


# --- blocking and no chains ------------------------------------------------------------


def test_blocking_pairs_units_of_one_country_and_a_few_days_only() -> None:
    claims = table(
        claim("k1", "BBC", "2018-03-01", "قتل 3 أشخاص في قصف على مدينة حمص.", "3", 3),
        claim("k2", "CNN", "2018-03-02", "قتل 3 أشخاص في قصف على حمص.", "3", 3),
        claim("k3", "BBC", "2018-03-20", "قتل 3 أشخاص في قصف على مدينة حمص.", "3", 3),  # 18 days later
        claim("k4", "CNN", "2018-03-01", "قتل 3 أشخاص في قصف على مدينة الموصل.", "3", 3),  # Iraq
        claim("k5", "skynews", "2018-03-05", "قتل 3 أشخاص في قصف على مدينة حماة.", "3", 3),  # 3 days after k2
    )
    result = link(claims)
    docs = {u.index: u.doc_id for u in result.units}
    pairs = {tuple(sorted((docs[a], docs[b]))) for a, b in candidate_pairs(result.units, events_lexicon.link_config())}
    # k1–k2 (one day), k2–k5 (3 days), k1–k5 (4 days): Syria within max_gap_days = 4; k3 too late; k4 in Iraq
    assert pairs == {("k1", "k2"), ("k2", "k5"), ("k1", "k5")}


@pytest.mark.parametrize("scores, expected", [
    # a chain a–b–c–d–e: neighbours alike, ends unrelated; single linkage would make one event
    ({(0, 1): 2.0, (1, 2): 1.9, (2, 3): 1.8, (3, 4): 1.7}, [0, 0, 2, 2, 2]),
    # a clique merges whole
    ({(0, 1): 1.0, (0, 2): 1.0, (1, 2): 1.0}, [0, 0, 0]),
    # nothing reaches the threshold
    ({(0, 1): 0.5, (1, 2): 0.7}, [0, 1, 2]),
])
def test_average_linkage_does_not_chain(scores, expected) -> None:
    assert average_linkage(len(expected), scores, 0.8) == expected


# --- event_table and event_figures -------------------------------------------------------

LINKED = pd.DataFrame([
    # event E1: a toll rising over three days, two outlets agreeing each day
    ("E1", "killed", "BBC", "2018-03-20", 9.0, 9.0, "exact", "people", "الدفاع المدني", "a"),
    ("E1", "killed", "CNN", "2018-03-20", 9.0, 9.0, "exact", "people", "", "b"),
    ("E1", "killed", "CNN", "2018-03-21", 13.0, None, "at_least", "people", "مصادر طبية", "c"),
    ("E1", "killed", "BBC", "2018-03-21", 15.0, 15.0, "exact", "people", "", "d"),
    ("E1", "killed", "BBC", "2018-03-22", 20.0, 20.0, "exact", "people", "وزارة الصحة", "e"),
    ("E1", "killed", "BBC", "2018-03-22", 16.0, 16.0, "exact", "children", "", "e"),  # a subgroup
    ("E1", "injured", "CNN", "2018-03-20", None, None, "vague", "people", "", "b"),  # "dozens"
    # event E2: two outlets disagree on one day
    ("E2", "killed", "BBC", "2018-04-01", 5.0, 5.0, "exact", "people", "", "f"),
    ("E2", "killed", "skynews", "2018-04-01", 20.0, 20.0, "exact", "people", "مسعفون", "g"),
    ("E2", "arrested", "skynews", "2018-04-01", 300.0, 300.0, "approx", "people", "", "g"),
], columns=["event_id", "event_figure", "outlet", "published", "value_low", "value_high", "qualifier", "unit",
            "source", "doc_id"])


def test_event_figures_lowest_highest_and_disagreement() -> None:
    f = event_figures(LINKED).set_index(["event_id", "figure"])
    e1 = f.loc[("E1", "killed")]
    assert (e1["low"], e1["low_outlet"], e1["low_published"]) == (9.0, "BBC", "2018-03-20")
    assert (e1["high"], e1["high_source"], e1["high_doc_id"]) == (20.0, "وزارة الصحة", "e")  # not the 16 children
    assert e1["disagreement"] == "update"  # 9 = 9, then 13+ and 15 agree, then 20: rising, never contradicting
    assert e1["claims"] == 6 and e1["outlets"] == 2 and e1["articles"] == 5
    injured = f.loc[("E1", "injured")]
    assert pd.isna(injured["low"]) and injured["disagreement"] == "none"  # only a vague figure
    e2 = f.loc[("E2", "killed")]
    assert e2["disagreement"] == "same_day" and e2["same_day_spread"] == 0.75  # (20 - 5) / 20
    assert f.loc[("E2", "arrested"), "low"] == pytest.approx(270.0)  # نحو 300: 300 - 10 %


def test_event_table_one_row_per_event() -> None:
    t = event_table(LINKED, figures=["killed", "arrested"]).set_index("event_id")
    assert list(t.index) == ["E1", "E2"]  # E1: more articles
    assert t.loc["E1", "n_outlets"] == 2 and t.loc["E1", "outlets"] == "BBC; CNN"
    assert t.loc["E1", "first_published"] == "2018-03-20" and t.loc["E1", "last_published"] == "2018-03-22"
    assert t.loc["E1", "killed_high_by"] == "BBC · 2018-03-22 · وزارة الصحة"
    assert t.loc["E1", "disagreement"] == "update" and t.loc["E2", "disagreement"] == "same_day"
    assert pd.isna(t.loc["E1", "arrested_low"]) and t.loc["E2", "arrested_high"] == pytest.approx(330.0)


@pytest.mark.parametrize("low, high, qualifier, expected", [
    (20.0, 20.0, "exact", (20.0, 20.0)),
    (20.0, None, "more_than", (20.0, float("inf"))),
    (None, 50.0, "at_most", (0.0, 50.0)),
    (30.0, 30.0, "approx", (27.0, 33.0)),
    (20.0, 25.0, "range", (20.0, 25.0)),
])
def test_figure_ranges(low, high, qualifier, expected) -> None:
    assert figure_range(low, high, qualifier) == pytest.approx(expected)


# --- errors -------------------------------------------------------------------------------


def test_bad_input_raises_a_typed_error() -> None:
    with pytest.raises(EventsInputError, match="DataFrame"):
        link_events([{"doc_id": "a"}])  # type: ignore[arg-type]
    with pytest.raises(EventsInputError, match="sentence"):
        link_events(RECALL.drop(columns=["sentence"]))
    with pytest.raises(EventsInputError, match="link_events"):
        event_table(RECALL)


def test_a_broken_linking_lexicon_names_its_file(monkeypatch) -> None:
    events_lexicon.link_config.cache_clear()
    monkeypatch.setattr(events_lexicon, "load_yaml", lambda name: {"report_lag_days": 1})
    try:
        with pytest.raises(LexiconError, match="linking.yaml"):
            events_lexicon.link_config()
    finally:
        monkeypatch.undo()
        events_lexicon.link_config.cache_clear()


def test_a_stricter_threshold_never_merges_more() -> None:
    claims = pd.concat([RECALL, TWO_STRIKES], ignore_index=True)
    loose = link_events(claims)["event_id"].nunique()
    strict = link_events(claims, config=dataclasses.replace(events_lexicon.link_config(), merge_threshold=5.0,
                                                            attach_threshold=5.0))["event_id"].nunique()
    assert strict >= loose
    # every unit alone: 9 articles; c has its own event and the recalled one, i two towns: 11 units
    assert strict == claims["doc_id"].nunique() + 2


# --- corpus runs: the events step, the CLI and the aggregated tables ------------------------


def _hand_made_run(run) -> None:
    """A run folder holding the RECALL articles (claims and articles tables; the other tables empty)."""
    from analysis.pipeline import TABLE_SCHEMAS
    from analysis.pipeline.tables import PartStore

    store = PartStore(run, TABLE_SCHEMAS)
    store.reset()
    arts = [{"article_key": f"k-{d}", "doc_id": d, "source": o, "published": p, "month": p[:7], "status": "ok",
             "n_claims": int((RECALL["doc_id"] == d).sum()), "title": "عنوان لا ينشر"}
            for d, o, p in RECALL[["doc_id", "outlet", "published"]].drop_duplicates("doc_id").values.tolist()]
    claims = [{**row, "article_key": f"k-{row['doc_id']}"} for row in RECALL.to_dict("records")]
    store.write_chunk({"articles": arts, "claims": claims})
    store.finalize(parquet=False)


def test_the_events_command_links_a_run_and_aggregates_publish_no_text(tmp_path, capsys) -> None:
    from analysis.__main__ import main

    run = tmp_path / "run"
    _hand_made_run(run)
    assert main(["events", str(run)]) == 0
    assert "5 of 5 claims linked into 2 events (2 reported by 2 outlets or more)" in capsys.readouterr().out
    claims = read_csv(run / "claims.csv")
    ids = claims["event_id"].tolist()
    assert ids[0] == ids[1] == ids[3] != ids[2] == ids[4]
    events = read_csv(run / "events.csv")
    assert sorted(events["outlets"]) == ["BBC; CNN", "BBC; skynews"]
    assert (run / "event_figures.csv").is_file()

    assert main(["aggregate", str(run), "--out", str(tmp_path / "agg")]) == 0
    agg = tmp_path / "agg"
    multi = read_csv(agg / "events_multi_outlet.csv")
    assert len(multi) == 2 and set(multi["killed_high"]) == {"25", "5"}
    same_day = read_csv(agg / "event_same_day.csv")
    # 10 March: BBC 25 and CNN 25; 17 March: BBC 5 and Sky News 5 — two days compared, no disagreement
    assert same_day[["published", "low", "high", "disagree"]].values.tolist() == [
        ["2018-03-10", "25", "25", "false"], ["2018-03-17", "5", "5", "false"]]
    sources = read_csv(agg / "event_outlet_sources.csv")
    assert sources[["outlet", "source", "claims"]].values.tolist() == [
        ["BBC", "(unknown)", "3"], ["CNN", "(unknown)", "1"], ["skynews", "(unknown)", "1"]]
    text = " ".join(RECALL["sentence"]) + " عنوان لا ينشر"
    for name in ("events_multi_outlet", "event_figures", "event_claims", "event_same_day", "event_outlet_sources"):
        frame = read_csv(agg / f"{name}.csv")
        assert "sentence" not in frame.columns and "title" not in frame.columns
        assert not any(len(cell) > 20 and cell in text for cell in frame.values.ravel()), name


def test_a_run_without_event_tables_aggregates_as_before(tmp_path) -> None:
    from analysis.__main__ import main

    run = tmp_path / "run"
    _hand_made_run(run)
    assert main(["aggregate", str(run), "--out", str(tmp_path / "agg")]) == 0
    assert not (tmp_path / "agg" / "events_multi_outlet.csv").exists()


def test_a_corpus_run_writes_event_tables_unless_told_not_to(tmp_path) -> None:
    from analysis.pipeline.runner import run_corpus
    from tests.support.runs_factory import make_good_corpus

    make_good_corpus(tmp_path / "corpus", n=4)
    summary = run_corpus([tmp_path / "corpus"], tmp_path / "with", progress=False)
    assert (tmp_path / "with" / "events.csv").is_file() and (tmp_path / "with" / "event_figures.csv").is_file()
    claims = read_csv(tmp_path / "with" / "claims.csv")
    assert "event_id" in claims.columns
    events = read_csv(tmp_path / "with" / "events.csv")
    assert summary.events == len(events) == claims.loc[claims["event_id"] != "", "event_id"].nunique()
    run_corpus([tmp_path / "corpus"], tmp_path / "without", progress=False, events=False)
    assert not (tmp_path / "without" / "events.csv").exists()
    assert set(read_csv(tmp_path / "without" / "claims.csv")["event_id"]) <= {""}
