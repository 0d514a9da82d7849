"""A report chart as a reportlab drawing: vertical bars, each labelled with its number.

Every string in the drawing is set in DejaVu Sans (reportlab's charts default to Helvetica,
which has no Polish letters); the caption and the table of the same numbers come beside it
(see :mod:`mentorjournal.export.pdf.document`).
"""

from __future__ import annotations

import math

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing

from mentorjournal.export.pdf.fonts import SANS
from mentorjournal.export.pdf.styles import INK, MUTED, RULE, SERIES_COLOURS
from mentorjournal.export.report_model import Chart

HEIGHT = 150.0


def chart_drawing(chart: Chart, width: float) -> Drawing:
    """The bars of ``chart`` in a drawing ``width`` points wide."""
    many = len(chart.categories) > 8
    bottom = 48 if many else 30
    legend_room = 18.0 if len(chart.series) > 1 else 0.0
    # Few bars stay narrow: a chart of four numbers does not need the page's width.
    width = min(width, 110.0 + 44.0 * len(chart.categories) * len(chart.series))
    drawing = Drawing(width, HEIGHT + legend_room)
    # The state a drawing starts from would be Helvetica's (the stubs lack the attribute).
    drawing.initialFontName = SANS  # type: ignore[attr-defined]
    bars = VerticalBarChart()
    bars.x, bars.y = 34, bottom
    bars.width, bars.height = int(width) - 44, int(HEIGHT) - bottom - 10
    bars.data = [list(series.values) for series in chart.series]
    bars.categoryAxis.categoryNames = list(chart.categories)
    bars.valueAxis.valueMin = 0
    bars.valueAxis.valueMax = max(1.0, math.ceil(chart.maximum))
    bars.valueAxis.valueStep = _step(bars.valueAxis.valueMax)
    for labels in (bars.categoryAxis.labels, bars.valueAxis.labels, bars.barLabels):
        labels.fontName = SANS
        labels.fontSize = 7.5
        labels.fillColor = INK
    if many:
        bars.categoryAxis.labels.angle = 35
        bars.categoryAxis.labels.boxAnchor = "ne"
        bars.categoryAxis.labels.dy = -2
    bars.valueAxis.gridStrokeColor = RULE
    bars.valueAxis.visibleGrid = True
    bars.valueAxis.strokeColor = MUTED
    bars.categoryAxis.strokeColor = MUTED
    bars.barLabelFormat = "values"  # the numbers as the report writes them ("3,5" in Polish)
    bars.barLabelArray = [list(series.labels) for series in chart.series]
    bars.barLabels.nudge = 6
    bars.groupSpacing = 6
    for index, colour in enumerate(SERIES_COLOURS[: len(chart.series)]):
        bars.bars[index].fillColor = colour
        bars.bars[index].strokeColor = None
    drawing.add(bars)
    if legend_room:
        drawing.add(_legend(chart, width))
    return drawing


def _legend(chart: Chart, width: float) -> Legend:
    legend = Legend()
    legend.fontName = SANS
    legend.fontSize = 8
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.x, legend.y = int(width / 2) - 80, int(HEIGHT) + 12
    legend.dx = legend.dy = 8
    legend.deltax = 90
    legend.colorNamePairs = list(zip(SERIES_COLOURS, (s.name for s in chart.series), strict=False))
    return legend


def _step(maximum: float) -> float:
    return float(max(1, math.ceil(maximum / 5)))
