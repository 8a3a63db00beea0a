"""Claim tabulation (see :mod:`analysis.claims.extract`).

Layer: reads numbers, entities, attribution and time expressions.
"""

from analysis.claims.extract import (
    COLUMNS,
    ClaimsInputError,
    claim_records,
    claims_table,
    explain_quantities,
    extract_claims,
)
from analysis.claims.links import LINK_COLUMNS, claim_links

__all__ = ["COLUMNS", "LINK_COLUMNS", "ClaimsInputError", "claim_links", "claim_records", "claims_table",
           "explain_quantities", "extract_claims"]
