"""/en/budget/: the table, the two server-drawn SVG charts and the CSV say the same thing, in
the order of the years."""

import csv
import io
import re
from decimal import Decimal

import pytest
from defusedxml import ElementTree
from django.urls import reverse

from organisation.models import Budget
from portal import charts
from tests import factories
from tests.markup import headings, hrefs, main, parse, text_of

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"

FIGURES = {  # year: unified budget, extrabudgetary pledges, staff, of whom extrabudgetary
    2017: (Decimal("2955500.00"), Decimal("2221361.00"), 33, 6),
    2015: (Decimal("2500000.00"), Decimal("1000000.50"), 30, 4),
    2016: (Decimal("0.00"), Decimal("1250000.00"), 31, 0),
}


@pytest.fixture
def budgets():
    department = factories.DepartmentFactory(name="Transnational Threats Department", acronym="TNTD")
    # Made directly, not with BudgetFactory, whose year sequence the whole test session shares.
    for year, (unified, pledges, staff, staff_xb) in FIGURES.items():  # not in year order
        Budget.objects.create(department=department, year=year, unified_budget=unified, extrabudgetary_pledges=pledges,
                              staff_total=staff, staff_extrabudgetary=staff_xb)


def budget_page(client):
    response = client.get("/en/budget/")
    assert response.status_code == 200
    return response.text


def table_rows(html):
    table = html[html.index("<table"):html.index("</table>")]
    return [re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", row) for row in re.findall(r"<tr>(.*?)</tr>", table)][1:]


def svg_charts(html):
    return {
        svg.get("id"): svg
        for svg in (ElementTree.fromstring(match) for match in re.findall(r"<svg.*?</svg>", html, flags=re.S))
    }


def test_the_table_lists_every_year_in_order_with_the_amounts_in_euros(client, budgets):
    assert table_rows(budget_page(client)) == [
        ["2015", "EUR 2,500,000", "EUR 1,000,001", "30", "4"],  # whole euros; the CSV has the cents
        ["2016", "EUR 0", "EUR 1,250,000", "31", "0"],
        ["2017", "EUR 2,955,500", "EUR 2,221,361", "33", "6"],
    ]


def test_each_chart_has_a_bar_per_year_and_series_with_the_tables_figures(client, budgets):
    svgs = svg_charts(budget_page(client))
    assert set(svgs) == {"money-chart", "staff-chart"}
    expected = {
        "money-chart": {(year, name): figures[i] for year, figures in FIGURES.items()
                        for i, name in enumerate(["unified_budget", "extrabudgetary_pledges"])},
        "staff-chart": {(year, name): Decimal(figures[i]) for year, figures in FIGURES.items()
                        for i, name in [(2, "staff_total"), (3, "staff_extrabudgetary")]},
    }
    for chart_id, svg in svgs.items():
        bars = list(svg.iter(f"{SVG}rect"))
        assert {(int(b.get("data-year")), b.get("data-series")): Decimal(b.get("data-value")) for b in bars} \
            == expected[chart_id]
        assert len(bars) == 6
        # Drawn left to right by year, heights in proportion to the values, all from one baseline.
        years = [int(b.get("data-year")) for b in sorted(bars, key=lambda b: float(b.get("x")))]
        assert years == sorted(years)
        baselines = {round(float(b.get("y")) + float(b.get("height")), 1) for b in bars}
        assert len(baselines) == 1
        tallest = max(bars, key=lambda b: Decimal(b.get("data-value")))
        for bar in bars:
            ratio = Decimal(bar.get("data-value")) / Decimal(tallest.get("data-value"))
            assert float(bar.get("height")) == pytest.approx(float(ratio) * float(tallest.get("height")), abs=0.2)
        assert [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "chart__year"] == ["2015", "2016", "2017"]


def test_the_charts_are_images_labelled_by_their_title_and_description(client, budgets):
    html = budget_page(client)
    for chart_id, svg in svg_charts(html).items():
        assert svg.get("role") == "img"
        ids = svg.get("aria-labelledby").split()
        titles = {el.get("id"): el.text for el in svg if el.tag in (f"{SVG}title", f"{SVG}desc")}
        assert ids == [f"{chart_id}-title", f"{chart_id}-desc"] and set(ids) == set(titles)
        assert "the table below gives the same figures" in titles[f"{chart_id}-desc"]
        assert "from 2015 to 2017" in titles[f"{chart_id}-desc"]
    # Nothing styled inline, which the Content-Security-Policy would block: the stylesheet draws them.
    document = parse(html)
    assert not [element.tag for element in document.iter() if "style" in element.attrib]
    assert not [element for element in document.iter() if element.tag in ("style", f"{SVG}style")]


def test_the_money_axis_is_in_round_euro_steps_above_the_highest_amount(client, budgets):
    svg = svg_charts(budget_page(client))["money-chart"]
    ticks = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "chart__tick"]
    assert ticks == ["EUR 0", "EUR 1m", "EUR 2m", "EUR 3m", "EUR 4m"]
    staff = svg_charts(budget_page(client))["staff-chart"]
    assert [t.text for t in staff.iter(f"{SVG}text") if t.get("class") == "chart__tick"] == ["0", "10", "20", "30", "40"]


def test_the_csv_has_the_exact_amounts_in_year_order(client, budgets):
    response = client.get("/en/budget/budget.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(int(r["year"]), Decimal(r["unified_budget_eur"]), Decimal(r["extrabudgetary_pledges_eur"]),
             int(r["staff"]), int(r["staff_extrabudgetary"])) for r in rows] == [
        (year, *FIGURES[year]) for year in sorted(FIGURES)
    ]
    assert rows[1]["extrabudgetary_pledges_eur"] == "1250000.00"  # two decimals, as stored
    assert {r["department"] for r in rows} == {"Transnational Threats Department"}


def test_the_budget_page_costs_one_query_whatever_the_years(client, budgets, django_assert_num_queries):
    with django_assert_num_queries(2):  # and the content version, as every public page
        budget_page(client)


def test_without_budgets_the_page_says_so(client):
    response = client.get("/en/budget/")
    assert response.context["budgets"] == [] and not response.context["money_chart"]
    content = main(parse(response))
    assert len(headings(content, "h1", "h2", "h3")) == 1  # the page's title, and no section of figures
    (said,) = [text_of(paragraph) for paragraph in content.iter("p")]  # one sentence says so
    assert said
    assert not [element for element in content.iter() if element.tag in (f"{SVG}svg", "table")]
    assert reverse("budget_csv") not in hrefs(content)  # no download of nothing
    rows = list(csv.reader(io.StringIO(b"".join(client.get("/en/budget/budget.csv").streaming_content).decode())))
    assert rows == [["year", "department", "unified_budget_eur", "extrabudgetary_pledges_eur", "staff",
                     "staff_extrabudgetary"]]


def test_with_many_years_every_bar_is_drawn_and_year_labels_do_not_overlap():
    rows = [Budget(year=2000 + n, unified_budget=Decimal(n * 1000), extrabudgetary_pledges=Decimal(500),
                   staff_total=n, staff_extrabudgetary=0) for n in range(20)]
    chart = charts.money_chart(rows)
    assert len(chart["bars"]) == 40
    labels = chart["years"]
    assert labels[0]["year"] == 2000 and 5 <= len(labels) < 20
    assert all(b["x"] - a["x"] >= charts.YEAR_LABEL_ROOM for a, b in zip(labels, labels[1:], strict=False))
    assert chart["first_year"] == 2000 and chart["last_year"] == 2019


@pytest.mark.parametrize(
    "value, expected",
    [(Decimal("738875"), Decimal("1000000")), (Decimal("8.25"), Decimal("10")), (Decimal("1.5"), Decimal("2")),
     (Decimal("2.1"), Decimal("2.5")), (Decimal("0"), Decimal("1"))],
)
def test_grid_steps_are_round(value, expected):
    assert charts.nice_ceiling(value) == expected


def test_staff_grid_steps_are_whole_people():
    assert charts.nice_ceiling(Decimal("2.25"), charts.WHOLE_STEPS) == 5
