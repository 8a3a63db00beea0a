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

__all__ = ["COLUMNS", "ClaimsInputError", "claim_records", "claims_table", "explain_quantities", "extract_claims"]
