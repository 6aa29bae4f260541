"""The Explore chart at a fixed size for a page and a slide, and its PNG (vl-convert renders Vega-Lite
offline; fpdf2 and python-pptx take a PNG, not Vega's SVG)."""

from __future__ import annotations

import functools
import json
import struct

import pandas as pd

from tradeoffs.charts import build_tradeoff_chart, title_lines

# 720 px across, so that the label layout for a 480-px plot applies (model names, not key numbers), and
# 11-px labels print at about 8 pt on a 19-cm wide page.
WIDTH_PX = 720
PLOT_HEIGHT_PX = 230
SCALE = 2.0  # pixels per CSS pixel: sharp in print and on a projector


def brief_chart_spec(points: pd.DataFrame, *, x_title: str, y_title: str) -> dict:
    """The Explore page's tradeoff chart (charts.build_tradeoff_chart) for ``points``, at WIDTH_PX ×
    PLOT_HEIGHT_PX, its x title on as few lines as the width allows; {} when nothing is plotted."""
    if points.empty:
        return {}
    spec = build_tradeoff_chart(points, x_title=x_title, y_title=y_title, height=PLOT_HEIGHT_PX)
    spec["width"] = WIDTH_PX
    for layer in spec["layer"]:
        x = layer.get("encoding", {}).get("x")
        if x is not None:
            layer["encoding"] = {**layer["encoding"], "x": {**x, "title": title_lines(x_title, 90)}}
    return spec


@functools.lru_cache(maxsize=16)
def _png(spec_json: str, scale: float) -> bytes:
    import vl_convert  # imported on first use: the app starts without paying for it

    return vl_convert.vegalite_to_png(json.loads(spec_json), scale=scale)


def chart_png(spec: dict, scale: float = SCALE) -> bytes | None:
    """The chart as PNG bytes (None for an empty spec); the same spec is rendered once per process."""
    if not spec:
        return None
    return _png(json.dumps(spec, sort_keys=True), scale)


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels, read from the PNG header."""
    width, height = struct.unpack(">II", png[16:24])
    return width, height
