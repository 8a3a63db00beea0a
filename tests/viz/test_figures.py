"""analysis.viz.figures writes PNG and SVG deterministically."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from analysis.viz import figures  # noqa: E402


def _figure():
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([1, 2, 3, 4], [3, 1, 4, 1], marker="o")
    ax.set_title("words per sentence")
    ax.set_xlabel("sentence")
    return fig


def test_save_writes_png_and_svg(tmp_path):
    fig = _figure()
    paths = figures.save(fig, "demo", directory=tmp_path)
    plt.close(fig)
    assert [p.name for p in paths] == ["demo.png", "demo.svg"]
    assert paths[0].read_bytes().startswith(b"\x89PNG")
    svg = paths[1].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg  # no creation date
    assert not list(tmp_path.glob(".*"))  # no temporary files left behind


def test_same_figure_gives_same_bytes_in_two_runs(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        fig = _figure()
        figures.save(fig, "demo", directory=out)
        plt.close(fig)
    for ext in ("png", "svg"):
        assert (a / f"demo.{ext}").read_bytes() == (b / f"demo.{ext}").read_bytes(), ext


def test_png_has_no_software_or_date_metadata(tmp_path):
    fig = _figure()
    png = figures.save(fig, "demo", directory=tmp_path)[0].read_bytes()
    plt.close(fig)
    assert b"Software" not in png and b"tIME" not in png


def test_unchanged_file_is_not_rewritten(tmp_path):
    fig = _figure()
    p = figures.save(fig, "demo", directory=tmp_path)[0]
    mtime = p.stat().st_mtime_ns
    figures.save(fig, "demo", directory=tmp_path)
    plt.close(fig)
    assert p.stat().st_mtime_ns == mtime


@pytest.mark.parametrize("bad", ["", "../x", "a/b"])
def test_figure_name_must_be_a_stem(tmp_path, bad):
    fig = _figure()
    with pytest.raises(ValueError):
        figures.save(fig, bad, directory=tmp_path)
    plt.close(fig)
