"""The budget chart, drawn on the server as SVG geometry so that it needs no JavaScript.

Grouped bars per year: unified budget and extrabudgetary pledges. The template draws the
shapes; the table beside it is the chart's text alternative.
"""

from dataclasses import dataclass
from decimal import Decimal

WIDTH, HEIGHT = 640, 320
MARGIN_LEFT, MARGIN_BOTTOM, MARGIN_TOP = 72, 40, 16
SERIES = (("unified_budget", "Unified budget"), ("extrabudgetary_pledges", "Extrabudgetary pledges"))


@dataclass
class Bar:
    series: str
    label: str
    year: int
    amount: Decimal
    x: float
    y: float
    width: float
    height: float


@dataclass
class Tick:
    y: float
    label: str


def nice_ceiling(value):
    """The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above value: a round top for the axis."""
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, Decimal("2.5"), 5, 10):
        if value <= step * magnitude:
            return Decimal(step) * magnitude
    return 10 * magnitude


def millions(amount):
    """"€2.5m", "€1.25m", "€0": as short as the value allows."""
    text = f"{amount / 1_000_000:,.2f}".rstrip("0").rstrip(".")
    return f"€{text}m" if text != "0" else "€0"


def budget_chart(budgets):
    """Geometry for the chart of the given budgets (ordered by year)."""
    plot_width = WIDTH - MARGIN_LEFT - 8
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    top = nice_ceiling(max((getattr(b, name) for b in budgets for name, _ in SERIES), default=Decimal(0)))
    slot = plot_width / max(len(budgets), 1)
    bar_width = min(slot * 0.35, 60)
    bars, years = [], []
    for index, budget in enumerate(budgets):
        group_left = MARGIN_LEFT + index * slot + (slot - bar_width * len(SERIES)) / 2
        for offset, (name, label) in enumerate(SERIES):
            amount = getattr(budget, name)
            height = float(amount / top) * plot_height
            bars.append(
                Bar(name, label, budget.year, amount, round(group_left + offset * bar_width, 1),
                    round(MARGIN_TOP + plot_height - height, 1), round(bar_width - 4, 1), round(height, 1))
            )
        years.append({"year": budget.year, "x": round(MARGIN_LEFT + index * slot + slot / 2, 1)})
    ticks = [
        Tick(round(MARGIN_TOP + plot_height - plot_height * i / 4, 1), millions(top * i / 4))
        for i in range(5)
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "bars": bars,
        "years": years,
        "ticks": ticks,
        "axis_x": MARGIN_LEFT,
        "axis_y": MARGIN_TOP + plot_height,
        "axis_right": WIDTH - 8,
        "label_y": HEIGHT - MARGIN_BOTTOM + 24,
        "series": SERIES,
    }
