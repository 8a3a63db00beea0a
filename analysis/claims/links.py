"""The restatements and conflicts of a claims table, one row per link, with both sentences.

Example:
    >>> from analysis.claims import extract_claims
    >>> claims = extract_claims("قتل 30 مدنياً في القصف. وأكد المسعفون أن 30 مدنياً قتلوا.", doc_id="d")
    >>> claim_links(claims)[["claim_id", "kind", "earlier"]].values.tolist()
    [['d-c002', 'duplicate', 'd-c001']]
"""

from __future__ import annotations

import pandas as pd

#: Columns of :func:`claim_links`.
LINK_COLUMNS: tuple[str, ...] = ("claim_id", "kind", "earlier", "earlier_text", "quantity_text", "note",
                                 "earlier_sentence", "sentence")


def claim_links(claims: pd.DataFrame) -> pd.DataFrame:
    """Every claim that restates (``duplicate``) or contradicts (``conflict``) an earlier one, beside it."""
    by_id = claims.set_index("claim_id")
    links = []
    for r in claims.itertuples():
        other = r.duplicate_of or r.conflicts_with
        if other and other in by_id.index:
            earlier = by_id.loc[other]
            links.append({"claim_id": r.claim_id, "kind": "duplicate" if r.duplicate_of else "conflict",
                          "earlier": other, "earlier_text": earlier["quantity_text"], "quantity_text": r.quantity_text,
                          "note": r.note, "earlier_sentence": earlier["sentence"], "sentence": r.sentence})
    return pd.DataFrame(links, columns=list(LINK_COLUMNS))
