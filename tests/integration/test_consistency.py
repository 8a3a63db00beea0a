"""``process_article`` (one Document per article) gives exactly what the public functions give one by one."""

from __future__ import annotations

import math

import pytest

from analysis.attribution import quote_records
from analysis.claims import claim_records
from analysis.corpus import Article, load_seeds
from analysis.document import Document
from analysis.entities import entity_mentions
from analysis.keywords import article_keywords
from analysis.pipeline import process_article
from analysis.schemas import CLAIM_RUN_KEYS, RUN_KEYS

ARTICLES = [
    Article(doc_id="hand1", text="قال المرصد السوري لحقوق الإنسان إن 12 مدنياً قتلوا في غارات على إدلب أمس. "
                                  "وأضاف أن «نحو 30 آخرين أصيبوا».", published="2018-03-05", source="test"),
    Article(doc_id="hand2", text="أعلنت وزارة الدفاع الروسية أن قواتها دمرت 4 دبابات وطائرتين. "
                                  "وبحسب الوزارة، فإن أكثر من 200 مسلح قتلوا.", published="2018-04-01", source="test"),
]


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b


def _strip(rows: list[dict], keys: tuple[str, ...]) -> list[dict]:
    return [{k: v for k, v in r.items() if k not in keys or k == "doc_id"} for r in rows]


@pytest.fixture(scope="module", params=["seed", "hand1", "hand2"])
def article(request) -> Article:
    if request.param == "seed":
        seed = load_seeds()[0]
        return Article(doc_id="seed", text=seed.text, published="2017-09-05")
    return next(a for a in ARTICLES if a.doc_id == request.param)


def test_claims_rows_equal_claim_records(article: Article) -> None:
    rows = _strip(process_article(article).rows.get("claims", []), CLAIM_RUN_KEYS.columns)
    expected = claim_records(article.text, doc_id=article.doc_id, reference_date=article.published)
    assert len(rows) == len(expected) > 0
    for got, want in zip(rows, expected):
        assert set(got) == set(want)
        assert all(_same(got[k], want[k]) for k in want), (got, want)


def test_entity_rows_equal_entity_mentions(article: Article) -> None:
    rows = _strip(process_article(article).rows["entities"], RUN_KEYS.columns)
    expected = [m.as_row() for m in entity_mentions(article.text)]
    assert [{k: v for k, v in r.items() if k != "doc_id"} for r in rows] == expected


def test_quote_rows_equal_quote_records(article: Article) -> None:
    rows = _strip(process_article(article).rows.get("quotes", []), RUN_KEYS.columns)
    expected = [q.as_row() for q in quote_records(article.text)]
    assert [{k: v for k, v in r.items() if k != "doc_id"} for r in rows] == expected


def test_keyword_rows_equal_article_keywords(article: Article) -> None:
    rows = _strip(process_article(article).rows["keywords"], RUN_KEYS.columns)
    expected = article_keywords(Document(article.text))
    assert [{k: v for k, v in r.items() if k != "doc_id"} for r in rows] == expected


def test_a_document_and_a_string_give_the_same_claims(article: Article) -> None:
    doc = Document(article.text, doc_id=article.doc_id, reference_date=article.published)
    from analysis.claims import extract_claims

    assert extract_claims(doc).equals(extract_claims(article.text, doc_id=article.doc_id,
                                                     reference_date=article.published))
