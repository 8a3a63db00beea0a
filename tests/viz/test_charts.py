"""The notebook charts as library functions: what each draws, and clear errors on empty input."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.claims import claim_links, extract_claims  # noqa: E402
from analysis.entities import cooccurrence  # noqa: E402
from analysis.viz.charts import actor_place_network, claims_ledger  # noqa: E402
from analysis.viz.display import ChartDataError  # noqa: E402

TEXT = ("قالت الوزارة إن 30 مدنياً قتلوا في القصف. وأكد المسعفون أن 30 مدنياً قتلوا. "
        "وقال المرصد إن بين 40 و50 مقاتلاً قتلوا، وإن أكثر من 100 شخص نزحوا.")


def test_ledger_has_one_row_per_claim_and_marks_restatements() -> None:
    claims = extract_claims(TEXT, doc_id="d")
    fig = claims_ledger(claims, source="test")
    ax = fig.axes[0]
    assert len(ax.get_yticklabels()) == len(claims) == 4
    marks = [t.get_text() for t in ax.texts]
    assert sum(m.startswith("⟲") for m in marks) == 1  # the second 30 restates the first
    assert ax.get_xscale() == "log"


def test_ledger_refuses_a_table_without_values() -> None:
    with pytest.raises(ChartDataError):
        claims_ledger(extract_claims("لا أرقام هنا."))


def test_links_table_pairs_the_restatement_with_its_first_mention() -> None:
    links = claim_links(extract_claims(TEXT, doc_id="d"))
    assert links[["claim_id", "kind", "earlier"]].values.tolist() == [["d-c002", "duplicate", "d-c001"]]
    assert links.loc[0, "earlier_sentence"].startswith("قالت الوزارة")


def test_network_draws_every_actor_and_place() -> None:
    pairs = cooccurrence("قال لافروف في موسكو إن الوضع في إدلب صعب. وزار لافروف دمشق.")
    fig = actor_place_network(pairs, names_en={"سيرغي لافروف": "Sergei Lavrov"}, source="test")
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert {"سيرغي لافروف", "Sergei Lavrov", "موسكو", "إدلب", "دمشق"} <= texts


def test_network_refuses_empty_pairs() -> None:
    with pytest.raises(ChartDataError):
        actor_place_network(pd.DataFrame(columns=["left", "left_type", "right", "right_type", "sentences"]))
