"""The public API as a contract a program can rely on (issue 20, item 5): a query it cannot
answer exactly is a JSON error, never another answer; an empty parameter is one not given,
for every parameter; every 4xx under /api/v1/ is JSON, HEAD is GET without a body; the
filters' values are listed at /api/v1/choices/; the description declares the headers, the
304, the errors and examples; and Schemathesis, every check on, finds nothing on the seed content.
"""

import json
import time
import zlib

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connections
from django.test import Client
from openapi_spec_validator import validate
from schemathesis.engine import events as engine_events

from activities import api as events_api
from activities.filters import EventFilterSet
from api import public as public_api
from news import api as news_api
from news.filters import NewsFilterSet
from organisation.models import Country, OsceStructure, PartnerOrganisation, Region, Theme, Unit
from tests import factories, test_api
from tests.seeded import seed_site_for_module

pytestmark = pytest.mark.django_db
content, project_cache, get_json = test_api.content, test_api.project_cache, test_api.get_json  # its fixtures

LISTS = {"/api/v1/events/": EventFilterSet, "/api/v1/news/": NewsFilterSet}
ADDRESSES = ["/api/v1/events/", "/api/v1/events/tirana/", "/api/v1/news/", "/api/v1/news/crypto/", "/api/v1/choices/",
             "/api/v1/openapi.json", "/api/v1/docs/"]
JSON_ADDRESSES = [address for address in ADDRESSES if address != "/api/v1/docs/"]
ALLOW = {"GET", "HEAD", "OPTIONS"}


def is_problem(response, status):
    """A 4xx as the API answers every one: JSON, {"detail": text, "errors": {...}}."""
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert set(body) == {"detail", "errors"} and body["detail"] and isinstance(body["errors"], dict)
    return body


@pytest.fixture(scope="module")
def description():
    """The OpenAPI description as /api/v1/openapi.json gives it (tests/test_api.py fetches it)."""
    return json.loads(json.dumps(public_api.api.get_openapi_schema()))


def query_parameters(description, path):
    return [parameter["name"] for parameter in description["paths"][path]["get"]["parameters"]
            if parameter["in"] == "query"]


# --- A query the API cannot answer exactly ---------------------------------------------------


@pytest.mark.parametrize("address", ADDRESSES)
def test_a_query_too_long_is_a_414_in_json_wherever_it_is_asked(client, content, address):
    """190 times country=AL, 2,090 characters: the finder page would drop every filter and
    show everything; the API refuses rather than answer another question."""
    is_problem(client.get(address + "?" + "&".join(["country=AL"] * 190)), 414)


def test_a_query_at_the_limit_is_still_answered(client, content):
    query = "country=AL&pad="
    query += "x" * (public_api.MAX_QUERY_STRING - len(query))
    page = get_json(client, f"/api/v1/events/?{query}")
    assert page["filters"] == {"country": ["AL"]} and [r["slug"] for r in page["results"]] == ["tirana"]


@pytest.mark.parametrize("address", JSON_ADDRESSES)
def test_too_many_parameters_is_a_400_in_json(client, content, address):
    is_problem(client.get(address + "?" + "&" * 1001), 400)


@pytest.mark.parametrize(("query", "parameter"), [("q=cyber%00crime", "q"), ("country=A%01L", "country"),
                                                  ("q=tab%09bed", "q")])
def test_control_characters_are_a_400_naming_the_parameter(client, content, query, parameter):
    """The finder page searches them as spaces, with a note: not what was asked."""
    for api_url in LISTS:
        assert list(is_problem(client.get(f"{api_url}?{query}"), 400)["errors"]) == [parameter]


# --- Empty parameters: not given ----------------------------------------------------------------


@pytest.mark.parametrize("api_url", LISTS)
def test_every_parameter_given_empty_is_as_if_not_given(client, content, description, api_url):
    names = query_parameters(description, api_url)
    assert {"page", "page_size", "type", "from", "to", "country", "q", "sort"} <= set(names)
    for search in ("", "country=AL&"):
        expected = get_json(client, f"{api_url}?{search}")
        for name in names:
            assert get_json(client, f"{api_url}?{search}{name}=") == expected, name
        assert get_json(client, f"{api_url}?{search}" + "&".join(f"{name}=" for name in names)) == expected


def test_an_empty_value_beside_others_of_its_parameter_is_left_out(client, content):
    assert get_json(client, "/api/v1/events/?country=AL&country=&country=RS") == get_json(
        client, "/api/v1/events/?country=AL&country=RS"
    )


def test_the_description_says_an_empty_parameter_is_allowed(description):
    for path, operations in description["paths"].items():
        for parameter in operations["get"]["parameters"]:
            assert parameter.get("allowEmptyValue") is (True if parameter["in"] == "query" else None), (path, parameter)


# --- Every 4xx is JSON; HEAD is GET -------------------------------------------------------------


@pytest.mark.parametrize("address", ["/api/v1/events/a/b/", "/api/v1/news/a%2Fb/", "/api/v1/", "/api/v1/nothing/",
                                     "/api/v1/events/tirana/photos/", "/api/v1/choices/events/"])
def test_an_address_the_api_does_not_have_is_a_404_in_json(client, content, address):
    is_problem(client.get(address), 404)
    is_problem(client.post(address), 404)


def test_an_address_without_its_slash_is_sent_to_it(client, content):
    response = client.get("/api/v1/events?country=AL")
    assert response.status_code == 301 and response["Location"] == "/api/v1/events/?country=AL"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "trace"])
@pytest.mark.parametrize("address", ADDRESSES)
def test_a_method_the_api_does_not_take_is_a_405_in_json_with_allow(content, address, method):
    client = Client(enforce_csrf_checks=True)  # as a browser or a program meets it: no CSRF page first
    response = getattr(client, method)(address)
    is_problem(response, 405)
    assert {name.strip() for name in response["Allow"].split(",")} == ALLOW


@pytest.mark.parametrize("address", ADDRESSES)
def test_options_answers_allow_without_a_body(client, content, address):
    response = client.options(address)
    assert response.status_code in (200, 204) and response.content == b""
    assert {name.strip() for name in response["Allow"].split(",")} == ALLOW


@pytest.mark.parametrize("address", [*ADDRESSES, "/api/v1/events/?country=AL", "/api/v1/events/no-such-event/",
                                     "/api/v1/events/?country=ZZ", "/api/v1/nothing/"])
def test_head_is_answered_as_get_without_a_body(client, content, address):
    get, head = client.get(address), client.head(address)
    assert head.status_code == get.status_code and head.content == b""
    for header in ("Content-Type", "ETag", "Cache-Control", "Allow"):
        assert head.get(header) == get.get(header), header
    if "ETag" in get:
        assert client.head(address, headers={"If-None-Match": get["ETag"]}).status_code == 304


@pytest.mark.parametrize(("address", "status"), [
    ("/api/v1/events/", 304), ("/api/v1/events/tirana/", 304), ("/api/v1/choices/", 304),
    ("/api/v1/events/?country=ZZ", 400), ("/api/v1/events/no-such-event/", 404), ("/api/v1/news/?page=99", 404),
])
def test_if_none_match_any_is_a_304_only_where_there_is_an_answer(client, content, address, status):
    """"*" matches any current answer; an error is none (RFC 9110 13.2.1)."""
    response = client.get(address, headers={"If-None-Match": "*"})
    assert response.status_code == status
    if status == 304:
        assert response.content == b"" and response["ETag"] == client.get(address)["ETag"]
    else:
        is_problem(response, status)


# --- The filters' values --------------------------------------------------------------------


def listed(model, field):
    return {(str(value), name) for value, name in model.objects.values_list(field, "name")}


def test_the_choices_are_every_value_each_filter_takes_with_its_label(client, content):
    choices = get_json(client, "/api/v1/choices/")
    assert set(choices) == {"events", "news"}
    content_filters = {
        "region": listed(Region, "slug"), "country": listed(Country, "code"), "theme": listed(Theme, "slug"),
        "unit": listed(Unit, "slug"), "structure": listed(OsceStructure, "slug"),
        "partner": listed(PartnerOrganisation, "slug"),
    }
    for finder, filterset_class in (("events", EventFilterSet), ("news", NewsFilterSet)):
        by_name = {name: {(choice["value"], choice["label"]) for choice in values}
                   for name, values in choices[finder].items()}
        for name, filter_ in filterset_class.base_filters.items():
            if name in content_filters:
                assert by_name.pop(name) == content_filters[name], (finder, name)
            elif isinstance(filter_.extra.get("choices"), (list, tuple)):
                assert by_name.pop(name) == {(value, str(label)) for value, label in filter_.extra["choices"]}
        assert by_name == {}, finder  # nothing else: no date, year or keyword has a list
    assert ("AL", "Albania") in {(c["value"], c["label"]) for c in choices["events"]["country"]}


@pytest.mark.parametrize("api_url", LISTS)
def test_every_listed_value_is_taken_by_its_list(client, content, description, api_url):
    choices = get_json(client, "/api/v1/choices/")[api_url.strip("/").split("/")[-1]]
    schemas = {p["name"]: p["schema"] for p in description["paths"][api_url]["get"]["parameters"]}
    for name, offered in choices.items():
        values = [choice["value"] for choice in offered]
        assert values, name
        # Several at once where the parameter takes several, within the query's length.
        at_once = 40 if schemas[name]["type"] == "array" else 1
        for start in range(0, len(values), at_once):
            page = get_json(client, f"{api_url}?" + "&".join(f"{name}={value}" for value in values[start:start + at_once]))
            assert set(page["filters"].get(name, values[start:start + at_once])) == set(values[start:start + at_once])


def test_the_choices_follow_the_content_edited(client, content, project_cache):
    before = get_json(client, "/api/v1/choices/")
    factories.ThemeFactory(name="Border security", slug="border-security")
    after = get_json(client, "/api/v1/choices/")
    assert {"value": "border-security", "label": "Border security"} in after["events"]["theme"]
    assert {"value": "border-security", "label": "Border security"} not in before["events"]["theme"]


def test_the_description_points_each_content_filter_to_the_choices(description):
    for path, finder in (("/api/v1/events/", "events"), ("/api/v1/news/", "news")):
        parameters = {p["name"]: p for p in description["paths"][path]["get"]["parameters"]}
        for name in ("region", "country", "theme", "unit", "structure", "partner"):
            if name not in parameters:
                continue  # the news finder has no unit or partner
            parameter = parameters[name]
            assert "enum" not in parameter["schema"]["items"]  # content staff edit, not a fixed list
            assert "/api/v1/choices/" in parameter["description"] and f"{finder}.{name}" in parameter["description"]


# --- The description: headers, 304, errors, examples ---------------------------------------

RESPONSE_MODELS = {  # each operation's 200, by its view's name
    "event_list": events_api.EventsPage, "event_detail": events_api.EventRecord, "news_list": news_api.NewsPage,
    "news_detail": news_api.NewsRecord, "choices": public_api.Choices,
}
OPERATION_ADDRESSES = {"event_list": "/api/v1/events/", "event_detail": "/api/v1/events/tirana/",
                       "news_list": "/api/v1/news/", "news_detail": "/api/v1/news/crypto/",
                       "choices": "/api/v1/choices/"}


def operations(description):
    for path, methods in description["paths"].items():
        assert set(methods) == {"get"}, path
        yield path, methods["get"], methods["get"]["operationId"]


def test_the_description_is_valid_and_declares_headers_304_and_errors(description):
    validate(description)
    assert set(description["components"]["headers"]) == {"ETag", "Cache-Control", "Retry-After"}
    problem = {"$ref": "#/components/schemas/Problem"}
    seen = set()
    for path, operation, name in operations(description):
        seen.add(name)
        responses = operation["responses"]
        assert set(responses) == {"200", "304", "400", "404", "414", "429"}, path
        for status in ("200", "304"):
            assert set(responses[status]["headers"]) == {"ETag", "Cache-Control"}, (path, status)
        assert "content" not in responses["304"]
        assert set(responses["429"]["headers"]) == {"Retry-After"}
        for status in ("400", "404", "414", "429"):
            assert responses[status]["content"]["application/json"]["schema"] == problem, (path, status)
        assert {"name": "If-None-Match", "in": "header"}.items() <= next(
            p for p in operation["parameters"] if p["in"] == "header").items()
    assert seen == set(RESPONSE_MODELS)


def test_each_answer_has_an_example_that_is_a_valid_answer(client, content, description):
    """Each example validates against its answer's schema and has the fields a real answer has."""
    for _, operation, name in operations(description):
        responses = operation["responses"]
        example = responses["200"]["content"]["application/json"]["example"]
        RESPONSE_MODELS[name].model_validate(example)
        real = get_json(client, OPERATION_ADDRESSES[name])
        assert set(example) == set(real), name
        if "results" in real:
            assert set(example["results"][0]) == set(real["results"][0]), name
        for status in ("400", "404", "414", "429"):
            public_api.Problem.model_validate(responses[status]["content"]["application/json"]["example"])


@pytest.mark.parametrize("name", OPERATION_ADDRESSES)
def test_every_answer_carries_the_headers_the_description_declares(client, content, name):
    first = client.get(OPERATION_ADDRESSES[name])
    assert first.status_code == 200 and first["ETag"] and first["Cache-Control"].startswith("public")
    again = client.get(OPERATION_ADDRESSES[name], headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"] and again["Cache-Control"] == first["Cache-Control"]


# --- Schemathesis ------------------------------------------------------------------------------


def shared_with_the_engines_threads(connection):
    """A WSGI app of the site whose requests, in Schemathesis's worker thread, use this test's
    connection, and so see its seed content, not yet committed: as Django's live server does
    for SQLite in memory. Nothing else uses the connection meanwhile."""
    django_app = get_wsgi_application()

    def app(environ, start_response):
        connections["default"] = connection
        return django_app(environ, start_response)

    return app


def as_the_choices_list_them(listed):
    """A hook: in a case meant to be valid, a value of a filter that takes listed values is one
    of them, as a client reading /api/v1/choices/ sends (the description names no enum, as
    they are content). Any other value is a 400, which the other tests check."""

    def map_case(context, case):
        mode = case.meta.generation.mode if case.meta else None
        values_of = listed.get(case.operation.path.strip("/").split("/")[-1])
        if mode is None or not mode.is_positive or not values_of or not case.query:
            return case
        for name, values in case.query.items():
            if valid := values_of.get(name):
                def one_of(value, valid=valid):
                    return value if value == "" or value in valid else valid[zlib.crc32(str(value).encode()) % len(valid)]
                case.query[name] = [one_of(v) for v in values] if isinstance(values, list) else one_of(values)
        return case

    return map_case


def test_schemathesis_with_every_check_finds_nothing_on_the_seed_content(django_db_blocker, tmp_path_factory):
    """`schemathesis run --checks all` in its Python form, on the seed content: every phase
    (examples, coverage, fuzzing, stateful), positive and negative cases, a fixed seed and
    few examples, so it is the same run each time and takes seconds."""
    config = schemathesis.Config.from_dict({
        "seed": 20,
        # A query longer than the API reads is refused whole, with the 414 its description
        # documents, before its parameters are looked at: a rejection like a 400.
        "checks": {"enabled": True, "negative_data_rejection": {"expected-statuses": [400, 404, 405, 406, 414, 422, 429]}},
        "generation": {"mode": "all", "max-examples": 15, "deterministic": True, "database": "none"},
        # Its WSGI client does not undo the site's gzip (GZipMiddleware).
        "headers": {"Accept-Encoding": "identity"},
    })
    with seed_site_for_module(django_db_blocker, tmp_path_factory):
        listed = {finder: {name: [choice["value"] for choice in values] for name, values in by_name.items()}
                  for finder, by_name in Client().get("/api/v1/choices/").json().items()}
        connection = connections["default"]
        connection.inc_thread_sharing()
        # As Django's test client does: the end of a request must not close the test's connection.
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", shared_with_the_engines_threads(connection),
                                                    config=config)
            schema.hook(as_the_choices_list_them(listed))
            started, statuses, failures, phases = time.monotonic(), {}, [], {}
            for event in schemathesis.engine.from_schema(schema).execute():
                if isinstance(event, engine_events.ScenarioFinished):
                    for interaction in event.recorder.interactions.values():
                        status = interaction.response.status_code if interaction.response else None
                        statuses[status] = statuses.get(status, 0) + 1
                    failures += [
                        (check.name, event.recorder.interactions[case_id].request.uri,
                         event.recorder.interactions[case_id].response.status_code, check.failure_info.failure.message)
                        for case_id, checks in event.recorder.checks.items()
                        for check in checks
                        if check.failure_info is not None
                    ]
                elif isinstance(event, engine_events.PhaseFinished):
                    phases[event.phase.name.value] = event.status.name
                elif isinstance(event, (engine_events.NonFatalError, engine_events.FatalError)):
                    failures.append(("error", "", None, str(getattr(event, "value", None) or event.exception)))
            elapsed = time.monotonic() - started
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)
            connection.dec_thread_sharing()
    print(f"Schemathesis: {sum(statuses.values())} requests in {elapsed:.1f} s, by status {sorted(statuses.items())}")
    assert failures == [], "\n".join(map(str, failures))
    assert {phase: phases.get(phase) for phase in ("examples", "coverage", "fuzzing", "stateful")} == dict.fromkeys(
        ("examples", "coverage", "fuzzing", "stateful"), "SUCCESS"), phases
    assert sum(statuses.values()) > 300 and statuses.get(200, 0) > 50 and statuses.get(400, 0) > 50
    assert not any(status is None or status >= 500 for status in statuses)
