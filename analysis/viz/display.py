"""Arabic in figures: labels that render correctly on every matplotlib, and the house style.

Matplotlib 3.11 shapes complex scripts itself (libraqm: HarfBuzz + FriBiDi),
so Arabic must reach it in logical order, unchanged. Older matplotlib draws
glyph by glyph, so Arabic must be reshaped and reordered first
(:func:`analysis.viz.bidi_text.visual`). Applying that recipe on 3.11 scrambles
the text (matplotlib issue #32262). :func:`label` picks the right form for the
installed matplotlib; pass every text that goes into a figure through it, or
use the chart helpers below, which do. The chart helpers apply the house
style first unless it is already active (its font family comes first in
``font.family``), so later tweaks of ``rcParams`` by the user are kept.

The house style (:func:`use_arabic_style`): Noto Sans Arabic (SIL Open Font
License 1.1, shipped as the pip package ``fontpkg-noto-sans-arabic``) with
DejaVu Sans as fallback for symbols, ``text.language = "ar"`` where supported,
fixed sizes, and the colour-blind-safe :data:`PALETTE`.

Never store the output of :func:`label` or :func:`visual`: data, tables and
notebook outputs keep logical-order Unicode.

Example:
    >>> from analysis.viz.display import bar_chart_terms
    >>> fig, ax = bar_chart_terms(["داعش", "دير الزور"], [6, 4], gloss=["ISIS", "Deir ez-Zor"],
    ...                           title="أبرز المصطلحات", source="المصدر: مقال البذرة")  # doctest: +SKIP
"""

from __future__ import annotations

import math
import re
import unicodedata
import warnings
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import matplotlib
from matplotlib import font_manager

from analysis.errors import AnalysisError
from analysis.viz.bidi_text import LabelTypeError, visual

__all__ = [
    "ARABIC_FONT_FAMILY",
    "ChartDataError",
    "FALLBACK_FONT_FAMILY",
    "FontNotAvailableError",
    "LabelTypeError",
    "PALETTE",
    "SOURCE_NOTE_COLOR",
    "STYLE_PATH",
    "add_source_note",
    "arabic_font_path",
    "bar_chart_terms",
    "fit_to_text",
    "label",
    "native_shaping",
    "point_plot",
    "register_arabic_font",
    "text_extents",
    "use_arabic_style",
    "visual",
]

ARABIC_FONT_FAMILY = "Noto Sans Arabic"
FALLBACK_FONT_FAMILY = "DejaVu Sans"
STYLE_PATH: Path = Path(__file__).resolve().parent / "styles" / "arabic.mplstyle"

#: House colours (Okabe-Ito, distinguishable with common colour-vision deficiencies),
#: also the style's colour cycle. Yellow comes last: it is weak on white.
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # green
    "#D55E00",  # vermillion
    "#CC79A7",  # purple
    "#56B4E9",  # sky blue
    "#8C8C8C",  # grey
    "#F0E442",  # yellow
)
SOURCE_NOTE_COLOR = "#666666"
SOURCE_NOTE_SIZE = 8
_SOURCE_NOTE_GID = "analysis-source-note"

_VERSION_RE = re.compile(r"(\d+)\.(\d+)")


class FontNotAvailableError(AnalysisError):
    """The Arabic typeface of the house style is not installed."""


class ChartDataError(AnalysisError, ValueError):
    """Data handed to a chart helper cannot be drawn as given."""


# --------------------------------------------------------------------------- labels


@lru_cache(maxsize=1)
def native_shaping() -> bool:
    """Whether the installed matplotlib shapes Arabic itself (3.11+, built with libraqm).

    Example:
        >>> isinstance(native_shaping(), bool)
        True
    """
    match = _VERSION_RE.match(matplotlib.__version__)
    if match is None or (int(match[1]), int(match[2])) < (3, 11):
        return False
    from matplotlib import ft2font

    return bool(getattr(ft2font, "__libraqm_version__", None))


def label(text: str) -> str:
    """Return ``text`` ready to hand to matplotlib.

    Unchanged where matplotlib shapes Arabic natively; otherwise the reshaped,
    reordered and mirrored form of :func:`analysis.viz.bidi_text.visual`.

    Args:
        text: Logical-order text, e.g. ``"داعش (ISIS)"``.

    Returns:
        The string to pass to ``ax.set_title``, ``ax.text``, tick labels …
        Never store it.

    Raises:
        LabelTypeError: ``text`` is not a string.

    Example:
        >>> label("دير الزور") == ("دير الزور" if native_shaping() else visual("دير الزور"))
        True
    """
    if not isinstance(text, str):
        raise LabelTypeError(text)
    return text if native_shaping() else visual(text)


def _is_rtl(text: str) -> bool:
    """True when the first strong character of ``text`` is right-to-left (Arabic, Hebrew)."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False


# --------------------------------------------------------------------------- style


def arabic_font_path() -> Path:
    """Path of the Noto Sans Arabic font file shipped by ``fontpkg-noto-sans-arabic``.

    Raises:
        FontNotAvailableError: the package is missing or holds no font file.
    """
    hint = "install the pip package 'fontpkg-noto-sans-arabic'"
    try:
        import fontpkg
    except ImportError as exc:
        raise FontNotAvailableError(f"{ARABIC_FONT_FAMILY!r}: fontpkg is not installed ({exc}); {hint}") from exc
    try:
        path = Path(fontpkg.path(ARABIC_FONT_FAMILY))
    except fontpkg.FontpkgError as exc:
        raise FontNotAvailableError(f"{ARABIC_FONT_FAMILY!r} is not installed ({exc}); {hint}") from exc
    if not path.is_file():
        raise FontNotAvailableError(f"{ARABIC_FONT_FAMILY!r}: font file {path} does not exist")
    return path


def register_arabic_font() -> Path:
    """Add Noto Sans Arabic to matplotlib's font manager (once per process); return its path."""
    path = arabic_font_path()
    if not any(entry.fname == str(path) for entry in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(str(path))
    return path


def use_arabic_style() -> None:
    """Apply the house style to matplotlib's global settings.

    Registers Noto Sans Arabic, applies ``analysis/viz/styles/arabic.mplstyle``
    (font family Noto Sans Arabic with DejaVu Sans as fallback, sizes, colours,
    :data:`PALETTE` as colour cycle) and sets ``text.language`` to ``"ar"`` on
    matplotlib versions that have it (3.11+). Safe to call repeatedly. Use
    inside ``matplotlib.rc_context()`` to keep the change local.

    Raises:
        FontNotAvailableError: Noto Sans Arabic is not installed.
    """
    import matplotlib.style

    register_arabic_font()
    matplotlib.style.use(STYLE_PATH)
    if "text.language" in matplotlib.rcParams:
        matplotlib.rcParams["text.language"] = "ar"


def _ensure_style() -> None:
    """Apply the house style unless it (or a user's variant of it) is active."""
    family = matplotlib.rcParams["font.family"]
    if not family or family[0] != ARABIC_FONT_FAMILY:
        use_arabic_style()
    else:
        register_arabic_font()


# --------------------------------------------------------------------------- notes


def add_source_note(fig: "matplotlib.figure.Figure", text: str) -> "matplotlib.text.Text":
    """Write a small source note at the bottom of ``fig``, e.g. the article it comes from.

    The note sits bottom right when it starts with Arabic and bottom left
    otherwise. It is drawn as the figure's ``supxlabel``, so constrained and
    tight layout (also a later ``fig.tight_layout()``) keep room for it; on a
    figure without layout engine the subplots are moved up instead. Calling it
    again replaces the note. (A figure that already has its own ``supxlabel``
    gets the note as plain figure text.)

    Args:
        fig: The figure.
        text: Logical-order text, e.g. ``"المصدر: روسيا اليوم، 2017"``.

    Returns:
        The note's Text artist.
    """
    if not isinstance(text, str):
        raise LabelTypeError(text)
    x, ha = (0.99, "right") if _is_rtl(text) else (0.01, "left")
    style = {"ha": ha, "va": "bottom", "fontsize": SOURCE_NOTE_SIZE, "color": SOURCE_NOTE_COLOR}
    existing = next((t for t in fig.texts if t.get_gid() == _SOURCE_NOTE_GID), None)
    if existing is not None:
        existing.set_text(label(text))
        existing.set_x(x)
        existing.set_horizontalalignment(ha)
        return existing
    supxlabel = getattr(fig, "_supxlabel", None)
    if supxlabel is None or not supxlabel.get_text():
        note = fig.supxlabel(label(text), x=x, **style)
    else:
        note = fig.text(x, 0.012, label(text), **style)
    note.set_gid(_SOURCE_NOTE_GID)
    if fig.get_layout_engine() is None:
        lines = text.count("\n") + 1
        height = (lines * SOURCE_NOTE_SIZE * 1.45 + 6) / 72 / fig.get_figheight()
        fig.subplots_adjust(bottom=min(fig.subplotpars.bottom + height, 0.45))
    return note


# --------------------------------------------------------------------------- checks


def _as_numbers(values: Sequence[object], what: str, func: str) -> list[float]:
    numbers = []
    for i, value in enumerate(values):
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise ChartDataError(f"{func}: {what}[{i}] is not a number: {value!r}") from None
        if not math.isfinite(number):
            raise ChartDataError(f"{func}: {what}[{i}] is not finite: {value!r}")
        numbers.append(number)
    return numbers


def _same_length(func: str, **columns: Sequence[object]) -> int:
    lengths = {name: len(col) for name, col in columns.items()}
    if len(set(lengths.values())) > 1:
        detail = ", ".join(f"{name}={n}" for name, n in lengths.items())
        raise ChartDataError(f"{func}: inputs differ in length ({detail})")
    n = next(iter(lengths.values()))
    if n == 0:
        raise ChartDataError(f"{func}: nothing to draw (no {next(iter(lengths))})")
    return n


def _as_texts(items: Sequence[object], what: str, func: str) -> list[str]:
    texts = []
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            raise ChartDataError(f"{func}: {what}[{i}] must be a non-empty string, got {item!r}")
        texts.append(item)
    return texts


def _format_value(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.3g}" if abs(value) >= 1 else f"{value:.2g}"


def _new_figure(width: float, height: float):
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=(width, height), layout="constrained")


# --------------------------------------------------------------------------- layout

#: Margin (inches) kept between the outermost text and the edge of the figure.
TEXT_MARGIN_INCHES = 0.02


def text_extents(fig: "matplotlib.figure.Figure") -> list:
    """Window extents (pixels) of every drawn text of ``fig``: titles, tick and axis labels,
    legends, annotations and figure texts (the source note), laid out as they will be saved."""
    fig.draw_without_rendering()
    renderer = _renderer(fig)
    boxes = []
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        box = ax.get_tightbbox(renderer)  # drawn tick labels, titles, axis labels, legend
        if box is not None:
            boxes.append(box)
        boxes.extend(t.get_window_extent(renderer) for t in ax.texts if t.get_visible() and t.get_text())
    boxes.extend(t.get_window_extent(renderer) for t in fig.texts if t.get_visible() and t.get_text())
    for attr in ("_suptitle", "_supxlabel", "_supylabel"):
        t = getattr(fig, attr, None)
        if t is not None and t.get_visible() and t.get_text():
            boxes.append(t.get_window_extent(renderer))
    return boxes


def fit_to_text(fig: "matplotlib.figure.Figure", *, rounds: int = 4) -> None:
    """Grow ``fig`` until every text lies inside it, :data:`TEXT_MARGIN_INCHES` from the edges.

    Titles, long (glossed) labels and notes are never clipped: the figure gets wider
    or taller by the overflow, and its layout engine gives the extra room to the axes
    (so a title anchored to the axes fits as well). A figure whose texts already fit is
    left as it is.
    """
    margin = TEXT_MARGIN_INCHES * fig.dpi
    for _ in range(rounds):
        with warnings.catch_warnings():
            # too narrow for its labels: constrained layout gives up on this draw; the figure grows below
            warnings.filterwarnings("ignore", message="constrained_layout not applied")
            boxes = text_extents(fig)
        if not boxes:
            return
        width, height = fig.bbox.width, fig.bbox.height
        left = max(0.0, margin - min(b.x0 for b in boxes))
        right = max(0.0, max(b.x1 for b in boxes) - (width - margin))
        bottom = max(0.0, margin - min(b.y0 for b in boxes))
        top = max(0.0, max(b.y1 for b in boxes) - (height - margin))
        if left + right + bottom + top < 0.5:
            return
        w, h = fig.get_size_inches()
        fig.set_size_inches(w + (left + right) / fig.dpi + 0.05 * bool(left + right),
                            h + (bottom + top) / fig.dpi + 0.05 * bool(bottom + top))


# --------------------------------------------------------------------------- bar chart


def _glossed(terms: list[str], gloss: Sequence[str | None] | Mapping[str, str] | None) -> list[str]:
    if gloss is None:
        return terms
    if isinstance(gloss, Mapping):
        glosses = [gloss.get(term) for term in terms]
    else:
        if isinstance(gloss, str) or len(gloss) != len(terms):
            raise ChartDataError(
                "bar_chart_terms: gloss must be a mapping term → gloss or a sequence as long as terms"
            )
        glosses = list(gloss)
    # a missing gloss may be None, "" or NaN (a DataFrame column with gaps): no parentheses then
    return [f"{term} ({g.strip()})" if isinstance(g, str) and g.strip() else term for term, g in zip(terms, glosses)]


def bar_chart_terms(terms: Sequence[str], values: Sequence[float], *, ax=None,
                    gloss: Sequence[str | None] | Mapping[str, str] | None = None,
                    title: str | None = None, xlabel: str | None = None, source: str | None = None,
                    color: str | None = None, rtl: bool = True, annotate: bool = True):
    """Horizontal bar chart of Arabic terms, largest at the top.

    Right-to-left by default: the terms stand on the right and the bars grow
    leftwards, the mirror image of an English chart, so that an Arabic reader
    reads each term and then its bar. Ties keep the input order.

    Args:
        terms: Terms in logical order, e.g. ``["داعش", "دير الزور"]``.
        values: One number per term (counts, shares …).
        ax: Axes to draw into; a new figure sized to the number of terms otherwise.
        gloss: English glosses, as a sequence aligned with ``terms`` (``None``
            or ``""`` for none) or a mapping term → gloss; shown as ``داعش (ISIS)``.
        title: Chart title (Arabic or English).
        xlabel: Label of the value axis.
        source: Source note, see :func:`add_source_note`.
        color: Bar colour; ``PALETTE[0]`` by default.
        rtl: Mirror the chart for right-to-left reading (default).
        annotate: Write each value at the end of its bar.

    Returns:
        ``(fig, ax)``.

    Raises:
        ChartDataError: lengths differ, nothing to draw, a term is empty or a
            value is not a finite number.

    Example:
        >>> fig, ax = bar_chart_terms(["داعش", "إدلب"], [7, 5], gloss={"داعش": "ISIS"})  # doctest: +SKIP
    """
    func = "bar_chart_terms"
    n = _same_length(func, terms=terms, values=values)
    texts = _glossed(_as_texts(terms, "terms", func), gloss)
    numbers = _as_numbers(values, "values", func)
    _ensure_style()

    order = sorted(range(n), key=lambda i: -numbers[i])
    texts = [texts[i] for i in order]
    numbers = [numbers[i] for i in order]
    own_figure = ax is None
    if ax is None:
        fig, ax = _new_figure(7.0, 1.3 + 0.34 * n)
    else:
        fig = ax.figure

    positions = list(range(n))
    ax.barh(positions, numbers, height=0.68, color=color or PALETTE[0], zorder=2)
    ax.set_yticks(positions, labels=[label(t) for t in texts])
    ax.set_ylim(n - 0.5, -0.5)  # first (largest) at the top
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", zorder=0)
    high = max(max(numbers), 0.0)
    low = min(min(numbers), 0.0)
    span = (high - low) or 1.0
    ax.set_xlim(low - (0.12 * span if low < 0 else 0), high + (0.12 * span if annotate else 0.02 * span))
    if rtl:
        ax.invert_xaxis()
    if annotate:
        for position, value in zip(positions, numbers):
            outwards = 1 if (value >= 0) != rtl else -1  # screen direction in which the bar grows
            ax.annotate(_format_value(value), (value, position), xytext=(3 * outwards, 0),
                        textcoords="offset points", ha="left" if outwards > 0 else "right", va="center",
                        fontsize=matplotlib.rcParams["xtick.labelsize"], color="#444444")
    if rtl:
        ax.yaxis.tick_right()
        ax.spines["left"].set_visible(False)
        ax.spines["right"].set_visible(True)
    if xlabel:
        ax.set_xlabel(label(xlabel))
    if title:
        ax.set_title(label(title), loc="right" if rtl else "left")
    if source:
        add_source_note(fig, source)
    if own_figure:
        fit_to_text(fig)
    return fig, ax


# --------------------------------------------------------------------------- point plot


def _point_colors(colors, n: int):
    """Return (per-point colours, legend entries [(category, colour)])."""
    from matplotlib.colors import is_color_like

    if colors is None:
        return [PALETTE[0]] * n, []
    if isinstance(colors, str):
        if not is_color_like(colors):
            raise ChartDataError(f"point_plot: colors={colors!r} is not a colour")
        return [colors] * n, []
    if len(colors) != n:
        raise ChartDataError(f"point_plot: colors has {len(colors)} entries for {n} points")
    if all(is_color_like(c) for c in colors):
        return list(colors), []
    categories: dict[str, str] = {}
    for c in colors:
        key = str(c)
        if key not in categories:
            categories[key] = PALETTE[len(categories) % len(PALETTE)]
    return [categories[str(c)] for c in colors], list(categories.items())


def _marker_areas(sizes, n: int) -> list[float]:
    """Marker areas in points², proportional to ``sizes`` (largest 600)."""
    if sizes is None:
        return [60.0] * n
    if len(sizes) != n:
        raise ChartDataError(f"point_plot: sizes has {len(sizes)} entries for {n} points")
    numbers = _as_numbers(sizes, "sizes", "point_plot")
    if min(numbers) < 0:
        raise ChartDataError("point_plot: sizes must not be negative")
    top = max(numbers) or 1.0
    return [max(600.0 * s / top, 15.0) for s in numbers]


def _overlap(a, b) -> float:
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.y1, b.y1) - max(a.y0, b.y0)
    return width * height if width > 0 and height > 0 else 0.0


def _candidate_offsets(gap: float, rtl: bool) -> list[tuple[float, float, str, str, bool]]:
    """Offsets (points) around a point, nearest ring first: (dx, dy, ha, va, needs_leader)."""
    first, second = (-1, 1) if rtl else (1, -1)
    directions = [(first, 0), (second, 0), (0, 1), (0, -1),
                  (first, 1), (second, 1), (first, -1), (second, -1)]
    offsets = []
    for factor in (1.0, 2.2, 3.6):
        d = gap * factor
        for sx, sy in directions:
            ha = "left" if sx > 0 else "right" if sx < 0 else "center"
            va = "bottom" if sy > 0 else "top" if sy < 0 else "center"
            offsets.append((sx * d, sy * d * 0.8, ha, va, factor > 1.0))
    return offsets


def _renderer(fig):
    get = getattr(fig.canvas, "get_renderer", None)
    return get() if get is not None else fig._get_renderer()


def _place_labels(fig, ax, xs, ys, areas, texts) -> None:
    """Greedy placement of point labels: try positions around each point, keep the first free one."""
    from matplotlib.transforms import Bbox

    fig.draw_without_rendering()
    renderer = _renderer(fig)
    to_pixels = fig.dpi / 72.0
    centres = ax.transData.transform(list(zip(xs, ys)))
    radii = [math.sqrt(a) / 2 * to_pixels for a in areas]
    markers = [Bbox.from_extents(cx - r, cy - r, cx + r, cy + r) for (cx, cy), r in zip(centres, radii)]
    axes_box = ax.get_window_extent(renderer)
    placed: list = []
    legend = ax.get_legend()
    if legend is not None:
        placed.append(legend.get_window_extent(renderer))
    for i in sorted(range(len(texts)), key=lambda k: (-areas[k], k)):
        text = label(texts[i])
        probe = ax.annotate(text, (xs[i], ys[i]), xytext=(0, 0), textcoords="offset points",
                            fontsize=10, annotation_clip=False)
        best = None
        for dx, dy, ha, va, leader in _candidate_offsets(math.sqrt(areas[i]) / 2 + 3, _is_rtl(texts[i])):
            probe.xyann = (dx, dy)
            probe.set_horizontalalignment(ha)
            probe.set_verticalalignment(va)
            box = probe.get_window_extent(renderer)
            cost = sum(_overlap(box, other) for other in placed)
            cost += sum(_overlap(box, m) for j, m in enumerate(markers) if j != i)
            cost += 4 * (box.width * box.height - _overlap(box, axes_box))
            if best is None or cost < best[0]:
                best = (cost, dx, dy, ha, va, leader, box)
            if cost == 0:
                break
        probe.remove()
        _, dx, dy, ha, va, leader, box = best
        arrow = ({"arrowstyle": "-", "color": "#9a9a9a", "lw": 0.6, "shrinkA": 1,
                  "shrinkB": math.sqrt(areas[i]) / 2} if leader else None)
        annotation = ax.annotate(text, (xs[i], ys[i]), xytext=(dx, dy), textcoords="offset points",
                                 ha=ha, va=va, fontsize=10, zorder=3, annotation_clip=False,
                                 arrowprops=arrow)
        annotation.set_in_layout(False)
        placed.append(box)


def point_plot(x: Sequence[float], y: Sequence[float], labels: Sequence[str], *, sizes=None, colors=None,
               ax=None, title: str | None = None, xlabel: str | None = None, ylabel: str | None = None,
               source: str | None = None):
    """Labelled scatter plot: one point per item, its (Arabic) label placed beside it.

    Labels are placed greedily, largest point first: each tries positions
    around its point (Arabic labels first to the left, so they read away from
    the point; Latin ones first to the right), then further out with a thin
    leader line, keeping the position that overlaps other labels, points and
    the axes border least.

    Args:
        x, y: Coordinates (e.g. longitude and latitude, or two counts).
        labels: Logical-order label of each point, e.g. ``"دير الزور"``.
        sizes: Values shown as marker area (proportional, largest 600 pt²);
            equal markers if omitted.
        colors: One colour for all, a colour per point, or a category per
            point (e.g. entity types), coloured from :data:`PALETTE` with a legend.
        ax: Axes to draw into; a new figure otherwise.
        title, xlabel, ylabel: Texts, Arabic or English.
        source: Source note, see :func:`add_source_note`.

    Returns:
        ``(fig, ax)``.

    Raises:
        ChartDataError: lengths differ, nothing to draw, a label is empty or a
            coordinate or size is not a finite number.
    """
    func = "point_plot"
    n = _same_length(func, x=x, y=y, labels=labels)
    xs = _as_numbers(x, "x", func)
    ys = _as_numbers(y, "y", func)
    texts = _as_texts(labels, "labels", func)
    areas = _marker_areas(sizes, n)
    point_colors, legend = _point_colors(colors, n)
    _ensure_style()

    own_figure = ax is None
    if ax is None:
        fig, ax = _new_figure(7.0, 5.0)
    else:
        fig = ax.figure
    ax.scatter(xs, ys, s=areas, c=point_colors, alpha=0.85, edgecolors="white", linewidths=0.7, zorder=2)
    ax.margins(0.12)
    ax.grid(True, zorder=0)
    if legend:
        from matplotlib.lines import Line2D

        handles = [Line2D([], [], marker="o", linestyle="", color=colour, label=label(name), markersize=7)
                   for name, colour in legend]
        ax.legend(handles=handles, loc="best", markerfirst=not any(_is_rtl(name) for name, _ in legend))
    if title:
        ax.set_title(label(title))
    if xlabel:
        ax.set_xlabel(label(xlabel))
    if ylabel:
        ax.set_ylabel(label(ylabel))
    if source:
        add_source_note(fig, source)
    _place_labels(fig, ax, xs, ys, areas, texts)
    if own_figure:
        fit_to_text(fig)
    return fig, ax
