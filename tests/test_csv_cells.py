"""CSV cells a spreadsheet would run as formulas (OWASP, "CSV Injection") start with a ' in
every CSV the site makes (finders.downloads.csv_download); the JSON keeps the text as it is, and
numbers stay numbers."""

import csv
import io
import json

import pytest

from tests import factories

pytestmark = pytest.mark.django_db
FORMULA_STARTS = {"equals": "=", "plus": "+", "minus": "-", "at": "@", "tab": "\t", "carriage return": "\r"}


def body(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content  # read to its end: closed


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(body(response).decode(), newline="")))


@pytest.mark.parametrize("start", FORMULA_STARTS.values(), ids=FORMULA_STARTS.keys())
@pytest.mark.parametrize("query", ["", "?type=workshop"])  # the whole archive, and a search
def test_event_csv_cells_starting_a_formula_are_text(client, start, query):
    factories.EventFactory(
        title=f"{start}HYPERLINK(\"http://x.example\")", summary=f"{start}1+1", venue_city=f"{start}cmd|' /C calc'!A0",
        participants_total=12,
    )
    factories.EventFactory(title="Plain workshop", summary="A summary - with a dash", venue_city="Tashkent")
    rows = {row["title"]: row for row in csv_rows(client.get(f"/en/events/export.csv{query}"))}
    neutralised = rows[f"'{start}HYPERLINK(\"http://x.example\")"]
    assert neutralised["summary"] == f"'{start}1+1"
    assert neutralised["venue_city"] == f"'{start}cmd|' /C calc'!A0"
    assert neutralised["participants"] == "12"
    assert rows["Plain workshop"]["summary"] == "A summary - with a dash" and rows["Plain workshop"]["venue_city"] == "Tashkent"


@pytest.mark.parametrize("start", FORMULA_STARTS.values(), ids=FORMULA_STARTS.keys())
def test_json_keeps_the_text_as_it_is(client, start):
    factories.EventFactory(title=f"{start}SUM(A1:A2)", summary=f"{start}1+1", venue_city=f"{start}Vienna")
    factories.NewsItemFactory(title=f"{start}SUM(B1:B2)", summary=f"{start}2+2")
    event = json.loads(body(client.get("/en/events/export.json?type=workshop")))["results"][0]
    assert (event["title"], event["summary"], event["venue_city"]) == (f"{start}SUM(A1:A2)", f"{start}1+1", f"{start}Vienna")
    news = json.loads(body(client.get("/en/news/export.json?type=news")))["results"][0]
    assert (news["title"], news["summary"]) == (f"{start}SUM(B1:B2)", f"{start}2+2")


def test_news_csv_cells_and_linked_names_starting_a_formula_are_text(client):
    theme = factories.ThemeFactory(name="=Cyber", slug="cyber")
    factories.NewsItemFactory(title="@SUM(1)", summary="-2+3", themes=[theme])
    row = csv_rows(client.get("/en/news/export.csv?type=news"))[0]
    assert (row["title"], row["summary"], row["themes"]) == ("'@SUM(1)", "'-2+3", "'=Cyber")


def test_budget_csv_names_are_text_and_its_amounts_numbers(client):
    department = factories.DepartmentFactory(name="+Department")
    factories.BudgetFactory(department=department, year=2024, unified_budget=1000, extrabudgetary_pledges=0)
    row = csv_rows(client.get("/en/budget/budget.csv"))[0]
    assert row["department"] == "'+Department"
    assert (row["year"], row["unified_budget_eur"], row["extrabudgetary_pledges_eur"]) == ("2024", "1000.00", "0.00")
