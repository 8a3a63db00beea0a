"""Time expressions resolved to ISO 8601 (see :mod:`analysis.timex.expressions`)."""

from analysis.timex.expressions import (
    KINDS,
    TIMEX_COLUMNS,
    TimeExpression,
    TimexInputError,
    find_time_expressions,
    time_expressions,
)

__all__ = ["KINDS", "TIMEX_COLUMNS", "TimeExpression", "TimexInputError", "find_time_expressions", "time_expressions"]
