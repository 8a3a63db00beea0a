"""Tests of analysis.viz.display and analysis.viz.bidi_text: visual order, labels, house style, images.

Runs on the project's matplotlib (3.11, native shaping) and in the legacy
environment (matplotlib 3.10, ``make test-legacy-display``). Image baselines
live in ``tests/viz/baseline_images/mpl<major>.<minor>/``; regenerate them for the
running matplotlib with ``ANALYSIS_UPDATE_BASELINES=1 pytest tests/viz/test_display.py``
and look at every regenerated PNG before committing it.

Imports only what the legacy environment has (matplotlib, numpy, arabic-reshaper,
python-bidi, fontpkg, pytest): no pandas, no hypothesis.
"""

from __future__ import annotations

import math
import os
import random
import shutil
import unicodedata
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.font_manager import FontProperties, findfont  # noqa: E402
from matplotlib.testing.compare import compare_images  # noqa: E402

from analysis.errors import AnalysisError  # noqa: E402
from analysis.viz import display  # noqa: E402
from analysis.viz.bidi_text import LabelTypeError, strip_harakat, visual  # noqa: E402

MPL_KEY = "mpl" + ".".join(matplotlib.__version__.split(".")[:2])
BASELINE_DIR = Path(__file__).resolve().parent / "baseline_images" / MPL_KEY
UPDATE_BASELINES = os.environ.get("ANALYSIS_UPDATE_BASELINES") == "1"
#: RMS tolerance of compare_images (0–255 scale): absorbs antialiasing noise;
#: a reversed or unjoined label gives an RMS far above it (see the negative test).
TOLERANCE = 3.0


def cps(*codes: int) -> str:
    """Build a string from code points (expected values are written as code points)."""
    return "".join(chr(c) for c in codes)


SP = 0x0020

# --------------------------------------------------------------------------- visual()
# Each expected value was worked out by hand: contextual form of every letter
# (isolated / final / initial / medial from the Arabic Presentation Forms-B
# table), then the whole right-to-left line reversed for left-to-right drawing,
# with runs of digits and Latin letters kept in their own order and brackets
# and guillemets swapped (mirrored) inside right-to-left runs.

VISUAL_CASES = [
    # lam + alef → one ligature, isolated form FEFB.
    ("lam-alef isolated", "لا", cps(0xFEFB)),
    # ا iso FE8D | ل init FEDF | س med FEB4 | لا final FEFC | م iso FEE1 → reversed.
    ("lam-alef final inside a word", "السلام", cps(0xFEE1, 0xFEFC, 0xFEB4, 0xFEDF, 0xFE8D)),
    # ا iso FE8D | لأ iso FEF7 (lam after alef cannot join) | م init FEE3 | م final FEE2.
    ("lam-alef with hamza above", "الأمم", cps(0xFEE2, 0xFEE3, 0xFEF7, 0xFE8D)),
    # إ iso FE87 | لا iso FEFB.
    ("lam-alef after hamza-below alef", "إلا", cps(0xFEFB, 0xFE87)),
    # harakat dropped (policy): محمد = م init FEE3 | ح med FEA4 | م med FEE4 | د final FEAA.
    ("harakat with shadda dropped", "مُحَمَّد", cps(0xFEAA, 0xFEE4, 0xFEA4, 0xFEE3)),
    # قتل: ق init FED7 | ت med FE98 | ل final FEDE.
    ("harakat on every letter dropped", "قُتِلَ", cps(0xFEDE, 0xFE98, 0xFED7)),
    # ا + combining hamza above (U+0654) composes (NFC) to أ: أ iso FE83 | م init FEE3 | ن final FEE6.
    ("combining hamza composed first", "ا\u0654من", cps(0xFEE6, 0xFEE3, 0xFE83)),
    # 2700 stays left-to-right at the left end; مربع: FEE3 FEAE FE91 FECA;
    # كيلومتر: FEDB FEF4 FEE0 FEEE FEE3 FE98 FEAE.
    ("digits inside Arabic", "2700 كيلومتر مربع",
     cps(0xFECA, 0xFE91, 0xFEAE, 0xFEE3, SP, 0xFEAE, 0xFE98, 0xFEE3, 0xFEEE, 0xFEE0, 0xFEF4, 0xFEDB, SP)
     + "2700"),
    # Arabic-Indic digits (class AN) also keep their order; كم: ك init FEDB | م final FEE2.
    ("Arabic-Indic digits", "٢٧٠٠ كم", cps(0xFEE2, 0xFEDB, SP, 0x0662, 0x0667, 0x0660, 0x0660)),
    # موقع: م init FEE3 | و final FEEE | ق init FED7 | ع final FECA; the Latin run stays in order.
    ("Latin inside Arabic", "موقع RT Arabic", "RT Arabic " + cps(0xFECA, 0xFED7, 0xFEEE, 0xFEE3)),
    # first strong character Latin → left-to-right line: ISIS first, then داعش reversed.
    ("Latin-first line stays left-to-right", "ISIS داعش", "ISIS " + cps(0xFEB6, 0xFECB, 0xFE8D, 0xFEA9)),
    # داعش: د iso FEA9 | ا iso FE8D | ع init FECB | ش final FEB6; « » mirrored so they point outwards.
    ("guillemets", "«داعش»", cps(0x00AB, 0xFEB6, 0xFECB, 0xFE8D, 0xFEA9, 0x00BB)),
    # تنظيم: ت init FE97 | ن med FEE8 | ظ med FEC8 | ي med FEF4 | م final FEE2.
    ("guillemets after a word", "تنظيم «داعش»",
     cps(0x00AB, 0xFEB6, 0xFECB, 0xFE8D, 0xFEA9, 0x00BB, SP, 0xFEE2, 0xFEF4, 0xFEC8, 0xFEE8, 0xFE97)),
    # أكثر: FE83 FEDB FE9C FEAE | من: FEE3 FEE6 | مسلح: FEE3 FEB4 FEE0 FEA2; the
    # parentheses are right-to-left neutrals: reversed and mirrored, so "(200)" stays "(200)".
    ("parentheses around a number", "أكثر من (200) مسلح",
     cps(0xFEA2, 0xFEE0, 0xFEB4, 0xFEE3, SP, 0x28, 0x32, 0x30, 0x30, 0x29, SP, 0xFEE6, 0xFEE3, SP,
         0xFEAE, 0xFE9C, 0xFEDB, 0xFE83)),
    # بيان: ب init FE91 | ي med FEF4 | ا final FE8E | ن iso FEE5;
    # الوزارة: ا FE8D | ل init FEDF | و final FEEE | ز iso FEAF | ا iso FE8D | ر iso FEAD | ة iso FE93.
    ("square brackets", "بيان [الوزارة]",
     cps(0x5B, 0xFE93, 0xFEAD, 0xFE8D, 0xFEAF, 0xFEEE, 0xFEDF, 0xFE8D, 0x5D, SP, 0xFEE5, 0xFE8E, 0xFEF4, 0xFE91)),
    # ة final after a medial yaa: الروسية = FE8D FEDF FEAE FEED FEB3 FEF4 FE94.
    ("taa marbuta final", "الروسية", cps(0xFE94, 0xFEF4, 0xFEB3, 0xFEED, 0xFEAE, 0xFEDF, 0xFE8D)),
    # no الله word ligature: حزب = FEA3 FEB0 FE8F; الله = FE8D FEDF FEE0 FEEA.
    ("no Allah ligature in names", "حزب الله", cps(0xFEEA, 0xFEE0, 0xFEDF, 0xFE8D, SP, 0xFE8F, 0xFEB0, 0xFEA3)),
    # each line on its own, line order kept: دير الزور = FEA9 FEF3 FEAE | FE8D FEDF FEB0 FEED FEAD;
    # إدلب = FE87 FEA9 FEDF FE90.
    ("two lines", "دير الزور\nإدلب",
     cps(0xFEAD, 0xFEED, 0xFEB0, 0xFEDF, 0xFE8D, SP, 0xFEAE, 0xFEF3, 0xFEA9) + "\n"
     + cps(0xFE90, 0xFEDF, 0xFEA9, 0xFE87)),
    ("Latin only unchanged", "Deir ez-Zor (2017)", "Deir ez-Zor (2017)"),
    ("empty", "", ""),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in VISUAL_CASES], ids=[c[0] for c in VISUAL_CASES])
def test_visual_code_points(text: str, expected: str) -> None:
    got = visual(text)
    assert got == expected, (
        f"visual({text!r}):\n got      {[f'{ord(c):04X}' for c in got]}\n"
        f" expected {[f'{ord(c):04X}' for c in expected]}"
    )


def test_visual_rejects_non_strings() -> None:
    with pytest.raises(LabelTypeError, match="must be str"):
        visual(200)  # type: ignore[arg-type]
    assert issubclass(LabelTypeError, AnalysisError)


def test_strip_harakat_keeps_letters() -> None:
    assert strip_harakat("سوريّةُ") == "سورية"
    assert strip_harakat("آ") == "آ"  # madda is part of the letter, not a haraka
    assert strip_harakat("ا\u0653") == "آ"  # combining madda composed by NFC, kept


_LETTERS = [chr(c) for c in range(0x0621, 0x063B)] + [chr(c) for c in range(0x0641, 0x064B)]


@pytest.mark.parametrize("seed", range(5))
def test_visual_is_reversed_logical_text_up_to_compatibility_forms(seed: int) -> None:
    """Property: read right to left, the glyphs of an all-Arabic line spell the line (NFKC undoes the forms)."""
    rng = random.Random(seed)
    for _ in range(200):
        words = ["".join(rng.choice(_LETTERS) for _ in range(rng.randint(1, 7))) for _ in range(rng.randint(1, 4))]
        line = " ".join(words)
        shown = visual(line)
        # each glyph (a ligature stands for two letters) back to its letters, glyphs read right to left
        assert "".join(unicodedata.normalize("NFKC", glyph) for glyph in reversed(shown)) == line
        assert not any("\u0621" <= c <= "\u064a" for c in shown), "a letter left unshaped"


# --------------------------------------------------------------------------- label()


@pytest.mark.parametrize("text", ["دير الزور", "«داعش»", "أكثر من (200) مسلح", "مُحَمَّد", "Deir ez-Zor", ""])
def test_label_matches_the_installed_matplotlib(text: str) -> None:
    if display.native_shaping():
        assert display.label(text) == text
    else:
        assert display.label(text) == visual(text)


def test_native_shaping_follows_matplotlib_version() -> None:
    major, minor = (int(p) for p in matplotlib.__version__.split(".")[:2])
    assert display.native_shaping() is ((major, minor) >= (3, 11))


def test_label_rejects_non_strings() -> None:
    with pytest.raises(LabelTypeError):
        display.label(None)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- style


@pytest.fixture
def house_style():
    with matplotlib.rc_context():
        display.use_arabic_style()
        yield
    plt.close("all")


def test_house_style_fonts_and_language(house_style) -> None:
    family = matplotlib.rcParams["font.family"]
    assert family[0] == "Noto Sans Arabic"
    assert "DejaVu Sans" in family[1:]
    found = Path(findfont(FontProperties(family="Noto Sans Arabic"), fallback_to_default=False))
    assert found == display.arabic_font_path()
    if "text.language" in matplotlib.rcParams:
        assert matplotlib.rcParams["text.language"] == "ar"
    cycle = [c.lower() for c in matplotlib.rcParams["axes.prop_cycle"].by_key()["color"]]
    assert cycle == [c.lower() for c in display.PALETTE]


def test_font_package_is_openly_licensed() -> None:
    licence = (display.arabic_font_path().parent.parent / "LICENSE").read_text(encoding="utf-8")
    assert "SIL Open Font License" in licence


def test_missing_font_is_a_clear_error(monkeypatch) -> None:
    monkeypatch.setattr(display, "ARABIC_FONT_FAMILY", "No Such Arabic Font")
    with pytest.raises(display.FontNotAvailableError, match="No Such Arabic Font.*fontpkg-noto-sans-arabic"):
        display.arabic_font_path()


def test_style_is_reapplied_only_when_missing(house_style) -> None:
    matplotlib.rcParams["font.size"] = 9.0  # a user's tweak after use_arabic_style()
    fig, _ = display.bar_chart_terms(["إدلب"], [1])
    assert matplotlib.rcParams["font.size"] == 9.0
    plt.close(fig)


# --------------------------------------------------------------------------- chart input checks


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: display.bar_chart_terms(["داعش", "إدلب"], [1]), "differ in length"),
        (lambda: display.bar_chart_terms([], []), "nothing to draw"),
        (lambda: display.bar_chart_terms(["داعش"], [math.nan]), "not finite"),
        (lambda: display.bar_chart_terms(["داعش"], ["كثير"]), "not a number"),
        (lambda: display.bar_chart_terms([""], [3]), "non-empty string"),
        (lambda: display.bar_chart_terms(["داعش", "إدلب"], [3, 2], gloss=["ISIS"]), "gloss"),
        (lambda: display.point_plot([1, 2], [1, math.inf], ["حلب", "حمص"]), r"y\[1\] is not finite"),
        (lambda: display.point_plot([1], [1], ["حلب"], sizes=[1, 2]), "sizes has 2 entries"),
        (lambda: display.point_plot([1], [1], ["حلب"], sizes=[-1]), "negative"),
    ],
    ids=["lengths", "empty", "nan", "text value", "empty term", "gloss length", "inf", "sizes length",
         "negative size"],
)
def test_chart_helpers_reject_bad_input(house_style, call, message: str) -> None:
    with pytest.raises(display.ChartDataError, match=message):
        call()


def test_bar_chart_puts_largest_on_top_with_glosses(house_style) -> None:
    fig, ax = display.bar_chart_terms(["إدلب", "داعش", "حلب"], [2, 7, 4], gloss={"داعش": "ISIS"})
    shown = [t.get_text() for t in ax.get_yticklabels()]
    assert shown == [display.label("داعش (ISIS)"), display.label("حلب"), display.label("إدلب")]
    plt.close(fig)
    fig, ax = display.bar_chart_terms(["إدلب", "داعش", "حلب"], [2, 7, 4], gloss=["Idlib", math.nan, None])
    shown = [t.get_text() for t in ax.get_yticklabels()]
    assert shown == [display.label("داعش"), display.label("حلب"), display.label("إدلب (Idlib)")]
    assert ax.yaxis_inverted() and ax.xaxis_inverted()  # top-down, bars growing leftwards
    plt.close(fig)


def test_source_note_replaced_not_duplicated(house_style) -> None:
    fig, _ = display.bar_chart_terms(["إدلب"], [1], source="المصدر: مقال")
    display.add_source_note(fig, "Source: article")
    notes = [t for t in fig.texts if t.get_gid() == "analysis-source-note"]
    assert [n.get_text() for n in notes] == ["Source: article"]
    assert notes[0].get_horizontalalignment() == "left"
    plt.close(fig)


def test_point_plot_labels_do_not_overlap(house_style) -> None:
    xs = [36.6, 36.7, 36.8, 37.2, 38.9, 40.1, 40.2, 39.0]
    ys = [36.2, 36.2, 36.1, 36.2, 34.9, 35.3, 35.2, 35.9]
    names = ["حلب", "إدلب", "الباب", "منبج", "السخنة", "دير الزور", "عقيربات", "الرقة"]
    fig, ax = display.point_plot(xs, ys, names, sizes=[3, 5, 1, 1, 2, 9, 1, 2])
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    assert len(boxes) == len(names)
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            assert not boxes[i].overlaps(boxes[j]), (names[i], names[j])
    plt.close(fig)


# --------------------------------------------------------------------------- images


def _save(fig, path: Path) -> None:
    fig.savefig(path, dpi=100, metadata={"Software": None})
    plt.close(fig)


def _check_image(actual: Path) -> None:
    expected = BASELINE_DIR / actual.name
    if UPDATE_BASELINES:
        BASELINE_DIR.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(actual, expected)
        pytest.skip(f"baseline written: {expected}")
    if not BASELINE_DIR.is_dir():
        pytest.skip(f"no image baselines for matplotlib {matplotlib.__version__} ({BASELINE_DIR.name})")
    assert expected.is_file(), f"missing baseline {expected}"
    failure = compare_images(str(expected), str(actual), tol=TOLERANCE)
    assert failure is None, failure


def _phrase_figure(text: str):
    fig = plt.figure(figsize=(3.6, 0.7))
    fig.text(0.5, 0.5, text, ha="center", va="center", fontsize=18)
    return fig


SEED_PHRASES = {
    "deir_ez_zor": "دير الزور",
    "isis_guillemets": "«داعش»",
    "more_than_200": "أكثر من (200) مسلح",
    "area_2700": "2700 كيلومتر مربع",
    "russian_mod": "وزارة الدفاع الروسية",
    "gloss_brackets": "[بيان] داعش (ISIS)",
    "harakat": "مُحَمَّد لا إله",
}


@pytest.mark.parametrize("name", sorted(SEED_PHRASES))
def test_phrase_image(house_style, tmp_path: Path, name: str) -> None:
    actual = tmp_path / f"phrase_{name}.png"
    _save(_phrase_figure(display.label(SEED_PHRASES[name])), actual)
    _check_image(actual)


@pytest.mark.parametrize("name", ["deir_ez_zor", "isis_guillemets", "more_than_200", "area_2700", "russian_mod"])
def test_garbled_phrase_differs_from_baseline(house_style, tmp_path: Path, name: str) -> None:
    """The wrong form for this matplotlib (visual() on 3.11, raw text below) must fail the comparison."""
    if UPDATE_BASELINES:
        pytest.skip("updating baselines")
    expected = BASELINE_DIR / f"phrase_{name}.png"
    if not expected.is_file():
        pytest.skip(f"no baseline {expected.name} for {BASELINE_DIR.name}")
    text = SEED_PHRASES[name]
    wrong = visual(text) if display.native_shaping() else text
    actual = tmp_path / f"phrase_{name}.png"
    _save(_phrase_figure(wrong), actual)
    failure = compare_images(str(expected), str(actual), tol=TOLERANCE)
    assert failure is not None, "garbled text passed the image comparison: tolerance too loose"
    rms = float(failure.split("RMS Value:")[1].split()[0]) if "RMS Value:" in failure else float("inf")
    assert rms > 4 * TOLERANCE, failure


def test_bar_chart_image(house_style, tmp_path: Path) -> None:
    fig, _ = display.bar_chart_terms(
        ["داعش", "دير الزور", "خفض التوتر", "إدلب", "وزارة الدفاع الروسية"], [9, 7, 5, 5, 3],
        gloss={"داعش": "ISIS", "دير الزور": "Deir ez-Zor", "إدلب": "Idlib"},
        title="أبرز المصطلحات", xlabel="عدد المرات", source="المصدر: مقال البذرة (2017)",
    )
    actual = tmp_path / "bar_chart_terms.png"
    _save(fig, actual)
    _check_image(actual)


def test_point_plot_image(house_style, tmp_path: Path) -> None:
    fig, _ = display.point_plot(
        [36.6, 40.1, 37.2, 38.9, 36.7], [36.2, 35.3, 36.2, 34.9, 35.9],
        ["حلب", "دير الزور", "منبج", "السخنة", "إدلب"], sizes=[3, 9, 1, 2, 5],
        colors=["مدينة", "مدينة", "بلدة", "بلدة", "مدينة"],
        title="الأماكن المذكورة", xlabel="خط الطول", ylabel="خط العرض", source="Source: seed article",
    )
    actual = tmp_path / "point_plot.png"
    _save(fig, actual)
    _check_image(actual)


@pytest.mark.parametrize("name", ["isis_guillemets", "more_than_200", "gloss_brackets"])
def test_unmirrored_brackets_differ_from_baseline(house_style, tmp_path: Path, name: str) -> None:
    """Legacy path: reordering without mirroring (python-bidi's Rust get_display) must fail the comparison."""
    if display.native_shaping():
        pytest.skip("matplotlib shapes and mirrors natively; visual text is never drawn")
    if UPDATE_BASELINES:
        pytest.skip("updating baselines")
    import arabic_reshaper
    from bidi import get_display as get_display_without_mirroring

    text = SEED_PHRASES[name]
    unmirrored = get_display_without_mirroring(arabic_reshaper.reshape(text))
    assert unmirrored != visual(text)
    actual = tmp_path / f"phrase_{name}.png"
    _save(_phrase_figure(unmirrored), actual)
    failure = compare_images(str(BASELINE_DIR / actual.name), str(actual), tol=TOLERANCE)
    assert failure is not None, "unmirrored brackets passed the image comparison"


# --------------------------------------------------------------------------- no clipped text

CORPUS_TABLES = Path(__file__).resolve().parents[2] / "tables" / "corpus"


def _longest_corpus_labels(n: int = 12) -> list[tuple[str, str | None]]:
    """The longest (label, gloss) pairs the committed corpus tables hand to the chart helpers."""
    import csv

    pairs: set[tuple[str, str | None]] = set()
    for name, label_col, gloss_col in (("claim_sources", "source", "source_en"),
                                       ("top_entities", "canonical", "name_en"),
                                       ("quote_speakers", "speaker", None),
                                       ("top_terms", "display", None)):
        with open(CORPUS_TABLES / f"{name}.csv", encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                gloss = row.get(gloss_col) if gloss_col else None
                pairs.add((row[label_col], gloss if gloss and gloss != "(unknown)" else None))
    return sorted(pairs, key=lambda p: (-len(p[0] + (p[1] or "")), p))[:n]


def _border_ink(fig, path: Path) -> dict[str, int]:
    """Non-white pixels on each edge of the saved PNG (text cut by the edge leaves ink there)."""
    import matplotlib.image

    fig.savefig(path, dpi=100)
    pixels = matplotlib.image.imread(str(path))[:, :, :3]
    dark = (pixels < 0.8).any(axis=2)
    return {"top": int(dark[:2].sum()), "bottom": int(dark[-2:].sum()),
            "left": int(dark[:, :2].sum()), "right": int(dark[:, -2:].sum())}


def _texts_outside(fig) -> list[str]:
    """Texts whose drawn extent leaves the figure (the figure's tight box, annotations, figure texts)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height
    tight = fig.get_tightbbox(renderer).transformed(fig.dpi_scale_trans)
    out = []
    if tight.x0 < -0.5 or tight.y0 < -0.5 or tight.x1 > width + 0.5 or tight.y1 > height + 0.5:
        out.append(f"figure content {tight.bounds} beyond {width}x{height}")
    for text in [*fig.texts, *(t for ax in fig.axes for t in ax.texts)]:
        box = text.get_window_extent(renderer)
        if text.get_text() and (box.x0 < -0.5 or box.y0 < -0.5 or box.x1 > width + 0.5 or box.y1 > height + 0.5):
            out.append(text.get_text())
    return out


def test_bar_chart_with_the_longest_corpus_labels_clips_no_text(house_style, tmp_path: Path) -> None:
    pairs = _longest_corpus_labels()
    fig, _ = display.bar_chart_terms(
        [p[0] for p in pairs], list(range(len(pairs), 0, -1)), gloss=[p[1] for p in pairs],
        title="Sources of casualty figures, the longest labels of the corpus tables", xlabel="claims",
        source="ANT corpus v2.1 (Chouigui et al. 2021), Middle East; automatic extraction",
    )
    assert _texts_outside(fig) == []
    assert _border_ink(fig, tmp_path / "bar.png") == {"top": 0, "bottom": 0, "left": 0, "right": 0}


def test_point_plot_with_the_longest_corpus_labels_clips_no_text(house_style, tmp_path: Path) -> None:
    pairs = _longest_corpus_labels(8)
    fig, _ = display.point_plot(
        list(range(len(pairs))), [(-1) ** i * i for i in range(len(pairs))], [p[0] for p in pairs],
        sizes=list(range(1, len(pairs) + 1)), title="أكثر الجهات ذكراً في الجداول", xlabel="articles",
        ylabel="mentions", source="ANT corpus v2.1 (Chouigui et al. 2021), Middle East; automatic extraction",
    )
    assert _texts_outside(fig) == []
    assert _border_ink(fig, tmp_path / "points.png") == {"top": 0, "bottom": 0, "left": 0, "right": 0}
