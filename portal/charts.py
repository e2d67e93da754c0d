"""Grouped bar charts (a group per year, a bar per series) drawn on the server as SVG geometry, so
that they need no JavaScript. templates/portal/_bar_chart.html draws the shapes, the table beside
the chart is its text alternative, and classes of site.css colour it: the CSP forbids inline styles."""

import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import get_format, number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Drawn at about its natural size (site.css caps its width), so that 14px text stays 14px.
WIDTH, HEIGHT = 480, 260
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_TOP = 72, 8, 36, 12
GRID_LINES = 4
YEAR_LABEL_ROOM = 44  # the width a year's label needs; with many years, every other one

MONEY_SERIES = (("unified_budget", _("Unified budget")), ("extrabudgetary_pledges", _("Extrabudgetary pledges")))
STAFF_SERIES = (("staff_total", _("Staff")), ("staff_extrabudgetary", _("of whom under extrabudgetary projects")))


@dataclass
class Bar:
    series: str
    label: str
    year: int
    value: Decimal
    value_label: str
    x: float
    y: float
    width: float
    height: float


@dataclass
class Tick:
    y: float
    label: str


ROUND_STEPS = (1, 2, Decimal("2.5"), 5, 10)
WHOLE_STEPS = (1, 2, 5, 10)  # for counts of people: no grid line at 2.5 staff


def nice_ceiling(value, steps=ROUND_STEPS):
    """The smallest of steps × 10ⁿ (n ≥ 0) at or above value: a round grid step."""
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in steps:
        if value <= step * magnitude:
            return Decimal(step) * magnitude
    return 10 * magnitude


def euros(amount):
    """"EUR 2,955,500": the whole amount, as the table and the key figures show it, in the
    active language's way ("2 955 500 евро")."""
    return gettext("EUR %(amount)s") % {"amount": whole_number(amount)}


def euro_millions(amount):
    """"EUR 2.5m", "EUR 1.25m", "EUR 0": an axis tick as short as its value."""
    millions = (Decimal(amount) / 1_000_000).quantize(Decimal("0.01"))
    text = number_format(millions, decimal_pos=2, force_grouping=True).rstrip("0").rstrip(get_format("DECIMAL_SEPARATOR"))
    if text == "0":
        return gettext("EUR %(amount)s") % {"amount": text}
    # Translators: an amount in millions of euros, short: "EUR 2.5m".
    return gettext("EUR %(amount)sm") % {"amount": text}


def whole_number(value):
    """"2,955,500", rounded as Python rounds ("2 955 500" in Russian)."""
    return number_format(round(Decimal(value)), force_grouping=True)


def bar_chart(rows, series, tick_label=whole_number, value_label=whole_number, steps=ROUND_STEPS):
    """Geometry for a grouped bar chart of `rows` (already ordered by year), reading each
    series' value from the attribute of that name."""
    plot_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    baseline = MARGIN_TOP + plot_height
    highest = max((Decimal(getattr(row, name)) for row in rows for name, _ in series), default=Decimal(0))
    top = nice_ceiling(highest / GRID_LINES, steps) * GRID_LINES
    slot = plot_width / max(len(rows), 1)
    bar_width = min(slot * 0.7 / len(series), 48)
    label_every = math.ceil(YEAR_LABEL_ROOM / slot)
    bars, years = [], []
    for index, row in enumerate(rows):
        group_left = MARGIN_LEFT + index * slot + (slot - bar_width * len(series)) / 2
        for offset, (name, label) in enumerate(series):
            value = Decimal(getattr(row, name))
            height = float(value / top) * plot_height
            bars.append(
                Bar(
                    series=name, label=label, year=row.year, value=value, value_label=value_label(value),
                    x=round(group_left + offset * bar_width, 1), y=round(baseline - height, 1),
                    width=round(bar_width - 4, 1), height=round(height, 1),
                )
            )
        if index % label_every == 0:
            years.append({"year": row.year, "x": round(MARGIN_LEFT + index * slot + slot / 2, 1)})
    ticks = [
        Tick(round(baseline - plot_height * i / GRID_LINES, 1), tick_label(top * i / GRID_LINES))
        for i in range(GRID_LINES + 1)
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "bars": bars,
        "years": years,
        "first_year": rows[0].year if rows else None,  # for the description: years may be skipped
        "last_year": rows[-1].year if rows else None,
        "ticks": ticks,
        "axis_x": MARGIN_LEFT,
        "tick_x": MARGIN_LEFT - 6,
        "axis_right": WIDTH - MARGIN_RIGHT,
        "label_y": baseline + 22,
        "series": series,
    }


def money_chart(budgets):
    return bar_chart(budgets, MONEY_SERIES, tick_label=euro_millions, value_label=euros)


def staff_chart(budgets):
    return bar_chart(budgets, STAFF_SERIES, steps=WHOLE_STEPS)
