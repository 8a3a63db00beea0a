"""Charts of the notebooks, as library functions: the claims ledger and the actor–place network.

Each takes the tables the analysers return and gives back a matplotlib figure
(Arabic labels through :func:`analysis.viz.display.label`, the source note through
:func:`analysis.viz.display.add_source_note`), so a notebook only calls them and
saves the figure.

Example:
    >>> import pandas as pd
    >>> from analysis.claims import extract_claims
    >>> fig = claims_ledger(extract_claims("قتل 12 مدنياً. وأصيب نحو 30 آخرين.", doc_id="d"), source="example")
    >>> len(fig.axes[0].get_yticklabels())
    2
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from analysis.viz.display import PALETTE, ChartDataError, add_source_note, label

if TYPE_CHECKING:
    import matplotlib.figure
    import pandas as pd

#: How a claim without a source is shown.
NARRATOR = "(الراوي)"


def _bound(value: object) -> float | None:
    import pandas as pd

    return None if value is None or pd.isna(value) else float(value)


def claims_ledger(claims: "pd.DataFrame", *, title: str = "Claims ledger: bounds of every claim, by source",
                  source: str = "") -> "matplotlib.figure.Figure":
    """The bounds of every claim on a log scale, one row per claim, coloured by source.

    Exact figures are dots (hollow when approximate), ranges are bars, open bounds
    (``أكثر من``، ``أقل من``) are arrows; restatements are faded and marked ⟲,
    conflicts are marked ≠.

    Args:
        claims: A claims table (:func:`analysis.claims.extract_claims`).
        title: Figure title.
        source: Source note written under the chart.

    Raises:
        ChartDataError: The table has no claim with a value.
    """
    import matplotlib.pyplot as plt
    import pandas as pd

    rows = claims.reset_index(drop=True)
    finite = pd.concat([rows["value_low"], rows["value_high"]]).dropna().astype(float)
    finite = finite[finite > 0]
    if rows.empty or finite.empty:
        raise ChartDataError("claims_ledger: no claim with a positive value to draw")
    sources = list(dict.fromkeys(rows["source"].fillna("").replace("", NARRATOR)))
    colour = {s: PALETTE[i % len(PALETTE)] for i, s in enumerate(sources)}
    fig, ax = plt.subplots(figsize=(11, 0.55 * len(rows) + 2.4))
    ax.set_xscale("log")
    for y, r in rows.iterrows():
        c = colour[r["source"] or NARRATOR]
        alpha = 0.35 if r["duplicate_of"] else 1.0
        low, high = _bound(r["value_low"]), _bound(r["value_high"])
        if low is not None and high is not None and high > low:
            ax.plot([low, high], [y, y], color=c, lw=6, alpha=alpha, solid_capstyle="butt")
        elif (low is None) != (high is None):
            v = low if low is not None else high
            tip = v * 2.2 if low is not None else v / 2.2
            ax.annotate("", xy=(tip, y), xytext=(v, y), arrowprops=dict(arrowstyle="-|>", color=c, lw=2.5, alpha=alpha))
            ax.plot([v], [y], "|", color=c, ms=14, mew=2.5, alpha=alpha)
        elif low is not None:
            hollow = r["qualifier"] == "approx"
            ax.plot([low], [y], "o", ms=9, color=c, mfc="white" if hollow else c, mew=2, alpha=alpha)
        mark = "⟲ " if r["duplicate_of"] else ("≠ " if r["conflicts_with"] else "")
        ax.text(1.02, y, mark + label(f"{r['quantity_text']} {r['unit_ar'] or ''}".strip()),
                transform=ax.get_yaxis_transform(), va="center", ha="left", fontsize=9, alpha=max(alpha, 0.6))
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([f"{str(r.claim_id).split('-')[-1]} · {r.unit or ''}"
                        f"{'/' + r.rate.replace('per_', '') if isinstance(r.rate, str) and r.rate else ''}"
                        f" · {r.event or ''}" for r in rows.itertuples()], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(finite.min() / 3, finite.max() * 4)
    ax.set_xlabel("value (log scale)")
    ax.set_title(title)
    handles = [plt.Line2D([], [], color=colour[s], lw=6) for s in sources]
    ax.legend(handles, [label(s) for s in sources], loc="upper center", bbox_to_anchor=(0.5, -0.16),
              ncol=min(len(sources), 4), fontsize=9, frameon=False, title="source")
    ax.grid(axis="x", alpha=0.3)
    fig.subplots_adjust(left=0.22, right=0.72, bottom=0.28, top=0.9)
    add_source_note(fig, (source + ". " if source else "") + "⟲ restatement, ≠ conflicting figure")
    return fig


def actor_place_network(pairs: "pd.DataFrame", *, names_en: dict[str, str] | None = None,
                        title: str = "Actors and places named in the same sentence (line width: sentences)",
                        source: str = "") -> "matplotlib.figure.Figure":
    """A two-column network: actors on the left, places on the right, lines as wide as their sentences.

    Args:
        pairs: :func:`analysis.entities.cooccurrence` output (``left``, ``right``, ``sentences``).
        names_en: Canonical name → English name, written under each label when known.
        title: Figure title.
        source: Source note written under the chart.

    Raises:
        ChartDataError: ``pairs`` is empty.
    """
    import matplotlib.pyplot as plt

    if pairs.empty:
        raise ChartDataError("actor_place_network: no actor and place named in the same sentence")
    names_en = names_en or {}
    actors = pairs.groupby("left")["sentences"].sum().sort_values(ascending=False, kind="stable")
    places = pairs.groupby("right")["sentences"].sum().sort_values(ascending=False, kind="stable")
    y_actor = {name: -i for i, name in enumerate(actors.index)}
    span = max(1, len(actors) - 1)
    y_place = {name: -i * span / max(1, len(places) - 1) for i, name in enumerate(places.index)}
    fig, ax = plt.subplots(figsize=(9, max(4.0, 0.45 * max(len(actors), len(places)) + 2)))
    for row in pairs.itertuples():
        ax.plot([0, 1], [y_actor[row.left], y_place[row.right]], color=PALETTE[0],
                linewidth=0.8 + 1.6 * row.sentences, alpha=0.55, zorder=1)
    ax.scatter([0] * len(actors), list(y_actor.values()), s=[40 + 25 * v for v in actors], color=PALETTE[1], zorder=2)
    ax.scatter([1] * len(places), list(y_place.values()), s=[40 + 25 * v for v in places], color=PALETTE[2], zorder=2)
    for names, x, ha in ((y_actor, -0.07, "right"), (y_place, 1.07, "left")):
        for name, y in names.items():
            ax.text(x, y + 0.12, label(name), ha=ha, va="center", fontsize=10)
            if names_en.get(name):
                ax.text(x, y - 0.22, names_en[name], ha=ha, va="center", fontsize=7.5, color="#555555")
    ax.set_xlim(-1.0, 2.0)
    ax.axis("off")
    ax.set_title(title)
    if source:
        add_source_note(fig, source)
    return fig
