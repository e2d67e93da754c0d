"""The public API: published events and news as JSON under /api/v1/ (django-ninja), read-only.

A list is the HTML finder's own search and a record the download's, so the API never drifts from
the site; unlike a finder page, it answers exactly what was asked or a JSON error. README.md, "API".
"""

import copy
import hashlib
import math
import threading
from functools import wraps
from http import HTTPStatus
from typing import Optional

import django_filters
from django import forms
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import SuspiciousOperation
from django.core.validators import slug_re
from django.http import HttpResponse, HttpResponseNotModified, HttpResponsePermanentRedirect, QueryDict
from django.urls import Resolver404, re_path, resolve, reverse
from django.utils.text import get_text_list
from ninja import Field, NinjaAPI, Query, Schema, Status, Swagger
from ninja.decorators import decorate_view
from ninja.errors import Throttled, ValidationError
from ninja.throttling import SimpleRateThrottle
from pydantic import RootModel

from finders import registry
from finders.downloads import with_links_listed
from finders.filtersets import is_control, querystring, shown
from finders.pages import MAX_QUERY_STRING, PAGE_SIZE, PastTheLastPage, paginate
from website.caching import cached_public_page

MAX_PAGE_SIZE = 100
PAGING_PARAMETERS = ("page", "page_size")  # the API's own; every other parameter is the finder's
METHODS = ("GET", "HEAD", "OPTIONS")  # what every address of the API answers
# The cache the rate limit counts in: the project's shared one (Redis when REDIS_URL is set).
RATE_LIMIT_CACHE = "default"



class SharedRateLimit(SimpleRateThrottle):
    """At most `num_requests` per `duration` seconds for each client address, counted in
    RATE_LIMIT_CACHE with its atomic incr: with Redis, every process and server counts into
    one number (a history read, then written back, as django-ninja's AnonRateThrottle keeps
    it, loses the requests of another process in between). A sliding window: the current
    fixed window's count plus the previous one's, weighted by how much of it is still in reach."""

    def __init__(self, rate):
        super().__init__(rate)
        self.waits = threading.local()  # a worker's threads share the instance

    def key(self, ident, window):
        return f"tntd:api-limit:{hashlib.sha256(ident.encode()).hexdigest()[:32]}:{window}"

    def allow_request(self, request):
        cache, ident = caches[RATE_LIMIT_CACHE], str(self.get_ident(request))
        window, elapsed = divmod(self.timer(), self.duration)
        window = int(window)
        current = self.key(ident, window)
        previous = cache.get(self.key(ident, window - 1), 0)
        count = counted(cache, current, timeout=2 * self.duration)
        if previous * (1 - elapsed / self.duration) + count <= self.num_requests:
            self.waits.seconds = None
            return True
        uncounted(cache, current)  # a refused request is not served, so not counted
        self.waits.seconds = max(1.0, self.time_until_served(previous, count - 1, elapsed))  # Retry-After >= 1
        return False

    def time_until_served(self, previous, count, elapsed):
        """Seconds until `previous * (1 - t / duration) + count + 1` fits the limit, where t is
        the time into the window: in this window if its own count leaves room, else in the next."""
        duration, limit = self.duration, self.num_requests
        if limit < 1:
            return duration
        if count < limit:
            return duration * (1 - (limit - count - 1) / previous) - elapsed
        return duration - elapsed + duration * max(0.0, 1 - (limit - 1) / count)

    def wait(self):
        return getattr(self.waits, "seconds", None)


def counted(cache, key, timeout):
    """The count under `key` after adding one, by the cache's incr (atomic in Redis and in
    a process's memory); a cache that keeps nothing (DummyCache) counts every request as a first."""
    try:
        return cache.incr(key)
    except ValueError:  # not there yet
        if cache.add(key, 1, timeout):
            return 1
    try:
        return cache.incr(key)  # another process added it in between
    except ValueError:
        return 1


def uncounted(cache, key):
    try:
        cache.decr(key)
    except ValueError:
        pass


# One instance for every endpoint, so that a client's requests are counted together. The page
# cache sits in front of it: an answer served from the cache (or a 304) costs no database work
# and is not counted, as a proxy honouring the public Cache-Control would not send it here.
per_client = SharedRateLimit(settings.API_RATE_LIMIT)


class PublicAPI(NinjaAPI):
    """django-ninja's API with the rules every address under it keeps (`keeping_the_rules`),
    an address it does not have answered in JSON, and a description that declares the
    headers, the 304, the empty parameters and examples (`documented`)."""

    def _get_urls(self):
        patterns = super()._get_urls()
        for pattern in patterns:
            if pattern.name == "api-root":
                pattern.callback = keeping_the_rules(no_such_address, exists=False)
            else:
                pattern.callback = keeping_the_rules(pattern.callback)
        return [*patterns, re_path(r"", keeping_the_rules(no_such_address, exists=False), name="no-such-address")]

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        return documented(super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params))


api = PublicAPI(
    title="TNTD public API",
    version="1",
    description=(
        "Published events and news of the OSCE Transnational Threats Department, read-only. "
        "Lists take the same filters as the site's finders (/events/, /news/), are sorted in a stable "
        f"order and paginated ({PAGE_SIZE} records a page by default, at most {MAX_PAGE_SIZE}). "
        "The values of the filters that name content (countries, themes...) are listed, with their labels, "
        "by /api/v1/choices/. An empty parameter is the same as one left out. A query the API cannot answer "
        f"exactly is an error: 400, or 414 past {MAX_QUERY_STRING} characters. "
        f"Requests are limited per client address ({settings.API_RATE_LIMIT}); past that, 429 with Retry-After. "
        "Answers carry an ETag: ask again with If-None-Match for a 304 while nothing changed."
    ),
    urls_namespace="api-v1",
    # The bundled Swagger UI from /static/ ("ninja" is an installed app), not a CDN, which the
    # Content-Security-Policy forbids; no online validator badge fetched from swagger.io.
    docs=Swagger(settings={"validatorUrl": None}),
    docs_url="/docs/",
    # The description and the docs page change only with a deploy: cached and revalidated like a page.
    docs_decorator=cached_public_page,
    throttle=per_client,
)


# --- What the API answers ---------------------------------------------------------------------


class Problem(Schema):
    detail: str = Field(description="What is wrong, in plain words.")
    errors: dict[str, list[str]] = Field(
        default_factory=dict, description="For a 400: each parameter not valid, with why; else empty."
    )


def problem(detail, errors=None):
    """The body of every 4xx: {"detail": "...", "errors": {parameter: [messages]}}."""
    return {"detail": str(detail), "errors": errors or {}}


class ResultsPage(Schema):
    count: int = Field(description="How many records match the filters, over every page.")
    page: int
    pages: int = Field(description="The number of the last page.")
    page_size: int
    next: Optional[str] = Field(description="The next page's address, with the same filters; null on the last.")
    previous: Optional[str] = Field(description="The previous page's address; null on the first.")
    filters: dict[str, list[str]] = Field(description="The filters in effect, written as the finder writes them.")
    notes: list[str] = Field(
        description="What the search noticed: unknown parameters ignored, a “From” date after the “To” date..."
    )


class Choice(Schema):
    value: str = Field(description="As the parameter takes it.")
    label: str = Field(description="As the site shows it.")


def api_url(request, name, slug):
    return request.build_absolute_uri(reverse(f"{api.urls_namespace}:{name}", args=[slug]))


# --- Lists: the finders' search -----------------------------------------------------------------


def as_finder_sees_it(request):
    """The request without the API's paging parameters, which are no filter: the finder
    would report "page_size" as an unknown one. The rest reaches it untouched."""
    finder_request = copy.copy(request)
    finder_request.GET = request.GET.copy()
    for name in PAGING_PARAMETERS:
        finder_request.GET.pop(name, None)
    return finder_request


def results_page(request, filtered, links, record, page, page_size):
    """One page of a finder's results as the API answers it, or a 400/404 Status.

    `filtered` is the HTML finder's own function (request -> (FilterSet, note)); the page is
    read as the finder page reads it (finders.pages.finder_page): ids from `results()`, the
    total from `total()`, then those rows, with their links prefetched."""
    with_control = [name for name, values in request.GET.lists() if is_control_in(name, *values)]
    if with_control:
        # The finder page searches them as spaces, with a note; that is not what was asked.
        return Status(400, not_valid({shown(name): ["Control characters are not allowed."] for name in with_control}))
    filterset, note = filtered(as_finder_sees_it(request))
    if not filterset.is_valid():
        # The finder page shows everything else with a note; a program would not read the
        # note and take the wrong results for the right ones.
        return Status(400, not_valid(filterset.input_errors()))
    rows = with_links_listed(filterset.queryset.for_lists(), *links)
    try:
        found, _ = paginate(
            {"page": str(page)}, filterset.results(), per_page=page_size, count=filterset.total(), rows=rows
        )
    except PastTheLastPage as past_the_end:
        return Status(404, problem(past_the_end))
    filters = filterset.kept_params()
    params = {**filters, "page_size": [str(page_size)]} if page_size != PAGE_SIZE else filters

    def link(number):
        return request.build_absolute_uri(request.path + querystring(params, page=str(number) if number > 1 else None))

    return {
        "count": found.paginator.count,
        "page": found.number,
        "pages": found.paginator.num_pages,
        "page_size": page_size,
        "next": link(found.next_page_number()) if found.has_next() else None,
        "previous": link(found.previous_page_number()) if found.has_previous() else None,
        "filters": filters,
        "notes": ([note] if note else []) + filterset.problems(),
        "results": [record(request, row) for row in found.object_list],
    }


def is_control_in(*texts):
    return any(is_control(char) for text in texts for char in text)


def not_valid(errors):
    """A 400's body, naming each parameter not valid."""
    names = get_text_list([f"“{shown(name)}”" for name in errors], "and")
    return problem(f"Not a valid search: check {names}.", errors)


def has_listed_values(filter_):
    """Whether a filter takes values from a list: content (countries...) or fixed choices."""
    return isinstance(filter_, django_filters.ModelMultipleChoiceFilter) or isinstance(
        filter_.extra.get("choices"), (list, tuple)
    )


def filter_parameters(filterset_class, finder):
    """The finder's filters as the OpenAPI description's query parameters, read from the
    FilterSet itself, so that a filter added to the finder is described here too."""
    return [filter_parameter(name, filter_, finder) for name, filter_ in filterset_class.base_filters.items()]


def filter_parameter(name, filter_, finder):
    """One filter as a query parameter: its type, its fixed values, and where its values are
    listed: content edited by staff is no enum in the description, but in /api/v1/choices/."""
    description = str(filter_.label or name)
    choices = filter_.extra.get("choices")
    values = [value for value, _ in choices] if isinstance(choices, (list, tuple)) else None
    if isinstance(filter_, django_filters.ModelMultipleChoiceFilter):
        schema = {"type": "array", "items": {"type": "string"}}
        description += f": its {filter_.extra.get('to_field_name') or 'id'}. Repeat the parameter for any of several."
    elif isinstance(filter_, django_filters.MultipleChoiceFilter):
        schema = {"type": "array", "items": {"type": "string", **({"enum": values} if values else {})}}
        description += ". Repeat the parameter for any of several."
    elif isinstance(filter_, django_filters.ChoiceFilter):  # the sort order too (an OrderingFilter)
        schema = {"type": "string", **({"enum": values} if values else {})}
    elif isinstance(filter_, django_filters.NumberFilter):
        schema = {"type": "integer" if issubclass(filter_.field_class, forms.IntegerField) else "number"}
        for key, argument in (("minimum", "min_value"), ("maximum", "max_value")):
            if filter_.extra.get(argument) is not None:
                schema[key] = filter_.extra[argument]
    elif isinstance(filter_, django_filters.DateFilter):
        schema = {"type": "string", "format": "date"}
    else:
        schema = {"type": "string", "pattern": NO_CONTROL_CHARACTERS}
        if filter_.extra.get("max_length"):
            schema["maxLength"] = filter_.extra["max_length"]
    if has_listed_values(filter_):
        description = f"{description.rstrip('.')}. Its values, with their labels: `{finder}.{name}` in /api/v1/choices/; any other is a 400."
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


NO_CONTROL_CHARACTERS = "^[^\\x00-\\x1f\\x7f-\\x9f]*$"  # what is_control finds (Unicode category Cc)
PAGE = Query(1, ge=1, description="Which page: 1 is the first.")
SIZE = Query(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description=f"Records a page, at most {MAX_PAGE_SIZE}.")
# What every operation may answer besides its 200: 304 to If-None-Match; 400 for a query it
# cannot read (too many parameters); 404; 414 for a query too long; 429 past the rate limit.
ERRORS = {304: None, 400: Problem, 404: Problem, 414: Problem, 429: Problem}


def found_by_slug(records, slug):
    """The record with `slug`, or None. A slug has only letters, digits, "-" and "_": anything
    else (a NUL would be an error on PostgreSQL, not a miss) is known absent without a query."""
    return records.filter(slug=slug).first() if slug_re.fullmatch(slug) else None


def register_list(name, router, examples, choices_example):
    """Serve `router` at /api/v1/<name>/, the list of the finder registered as `name` (from each
    app's AppConfig.ready(), before the URLconf is read). `examples`: {operation id: a 200}."""
    api.add_router(f"/{name}/", router)
    CHOICES_EXAMPLE[name] = choices_example
    EXAMPLES.update(examples)


class Choices(RootModel[dict[str, dict[str, list[Choice]]]]):
    """{list ("events"): {parameter: [choice]}}: each parameter that takes listed values."""
CHOICES_EXAMPLE = {}


@api.get("/choices/", response={200: Choices, **ERRORS}, url_name="choices", summary="The filters' values",
         tags=["Choices"], operation_id="choices")
@decorate_view(cached_public_page)
def choices(request):
    """Every value each list's filters take, with its label, in the finders' order: the
    countries, themes, units... the site publishes, which staff edit, and the fixed ones."""
    return {name: finder_choices(filterset_class) for name, filterset_class in registry.FINDERS.items()}


def finder_choices(filterset_class):
    """{parameter: [{"value", "label"}]} of a finder: what its FilterSet itself accepts."""
    filterset = filterset_class(QueryDict(), queryset=filterset_class._meta.model.objects.none())
    return {
        name: [{"value": value, "label": label} for _, value, label in filterset.choices(name)]
        for name, filter_ in filterset.filters.items()
        if has_listed_values(filter_)
    }


# --- Every address: methods, the query, unknown addresses -------------------------------------


def keeping_the_rules(view, exists=True):
    """`view` behind what holds for every address of the API: GET and HEAD (answered as GET:
    the server sends no body), OPTIONS with Allow, 405 in JSON for the rest (an address that
    does not exist is a 404 whatever the method); a query too long (414) or with too many
    parameters (400) refused whole, never cut; empty parameters dropped."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not exists:
            return view(request, *args, **kwargs)
        if request.method == "OPTIONS":
            allowed = HttpResponse(status=204, headers={"Allow": ", ".join(METHODS)})
            del allowed["Content-Type"]  # no body
            return allowed
        if request.method not in METHODS:
            refused = error(request, 405, f"The API is read-only: it answers {get_text_list(METHODS, 'and')}.")
            refused["Allow"] = ", ".join(METHODS)
            return refused
        length = len(request.META.get("QUERY_STRING", ""))
        if length > MAX_QUERY_STRING:
            return error(request, 414, f"The query is {length} characters long; the API reads at most {MAX_QUERY_STRING}.")
        try:
            request.GET = without_empty_values(request.GET)
        except SuspiciousOperation as unreadable:  # too many parameters (DATA_UPLOAD_MAX_NUMBER_FIELDS)
            return error(request, 400, f"The query cannot be read: {unreadable}")
        # "If-None-Match: *" asks whether the address has an answer at all: the page cache would
        # say 304 before the view knows, for a bad query or an unknown slug too (RFC 9110 13.2.1:
        # a precondition counts only where the answer would be a 2xx). So it is asked after.
        any_answer = request.META.get("HTTP_IF_NONE_MATCH", "").strip() == "*"
        if any_answer:
            del request.META["HTTP_IF_NONE_MATCH"]
        head, request.method = request.method == "HEAD", "GET"
        try:
            response = view(request, *args, **kwargs)
        finally:
            if head:
                request.method = "HEAD"
        return not_modified(response) if any_answer and response.status_code == HTTPStatus.OK else response

    wrapper.csrf_exempt = True  # it never acts on an unsafe method, so a POST gets its 405, not a CSRF page
    return wrapper


def not_modified(response):
    """A 304 for `response`, with the headers a 304 keeps (as django.utils.cache makes it)."""
    answer = HttpResponseNotModified()
    for header in ("Cache-Control", "Content-Location", "Date", "ETag", "Expires", "Last-Modified", "Vary"):
        if header in response:
            answer[header] = response[header]
    return answer


def without_empty_values(query):
    """The query without its empty values, as an HTML form sends the fields left blank:
    `to=` is no date given, as it is no keyword given in `q=`."""
    kept = QueryDict(mutable=True)
    for name, values in query.lists():
        if given := [value for value in values if value != ""]:
            kept.setlist(name, given)
    kept._mutable = False
    return kept


def no_such_address(request, *args, **kwargs):
    """Any other address under /api/v1/: a 404 in JSON, or the address with its slash."""
    if not request.path_info.endswith("/"):
        try:
            match = resolve(request.path_info + "/")
        except Resolver404:
            match = None
        if match and match.url_name != "no-such-address":
            return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
    docs = reverse(f"{api.urls_namespace}:openapi-view")
    return error(request, 404, f"The API has no such address; its addresses are described at {docs}.")


def error(request, status, detail, errors=None):
    return api.create_response(request, problem(detail, errors), status=status)


# --- The description: headers, 304, empty parameters, examples ----------------------------------

HEADERS = {
    "ETag": {
        "description": "Changes when what the answer shows may have: send it back in If-None-Match.",
        "schema": {"type": "string"},
        "required": True,
    },
    "Cache-Control": {
        "description": f"public, max-age={settings.PUBLIC_CACHE_SECONDS}: how long it may be reused without asking.",
        "schema": {"type": "string"},
        "required": True,
    },
    "Retry-After": {
        "description": "Seconds to wait before the next request is served.",
        "schema": {"type": "integer", "minimum": 1},
        "required": True,
    },
}
IF_NONE_MATCH = {
    "name": "If-None-Match",
    "in": "header",
    "required": False,
    "description": "The ETag of an answer kept: 304 without a body while it is still current.",
    "schema": {"type": "string"},
}
NOT_MODIFIED = "Not Modified: the ETag sent in If-None-Match is current; keep the answer you have."

EXAMPLE_SITE = "https://portal.example.org"


def page_example(finder, record):
    return {
        "count": 41, "page": 2, "pages": 3, "page_size": 20,
        "next": f"{EXAMPLE_SITE}/api/v1/{finder}/?country=AL&page=3",
        "previous": f"{EXAMPLE_SITE}/api/v1/{finder}/?country=AL",
        "filters": {"country": ["AL"]}, "notes": [], "results": [record],
    }


EXAMPLES = {"choices": CHOICES_EXAMPLE}  # the 200 of each operation, by its operation id
PROBLEM_EXAMPLES = {
    400: not_valid({"country": ["Select a valid choice. ZZ is not one of the available choices."]}),
    404: problem("No published event has the slug “no-such-event”."),
    414: problem(f"The query is 2417 characters long; the API reads at most {MAX_QUERY_STRING}."),
    429: problem(f"Too many requests from your address: at most {settings.API_RATE_LIMIT}. Try again in 12 seconds."),
}


def documented(schema):
    """The description django-ninja makes, completed with what it cannot say: the headers of
    a 200, 304 and 429, If-None-Match, that an empty query parameter is allowed (as one not
    given), and an example of each answer."""
    schema.setdefault("components", {})["headers"] = HEADERS
    header = {name: {"$ref": f"#/components/headers/{name}"} for name in HEADERS}
    for operation in (operation for path in schema["paths"].values() for operation in path.values()):
        for parameter in operation.setdefault("parameters", []):
            if parameter["in"] == "query":
                parameter["allowEmptyValue"] = True
        operation["parameters"].append(IF_NONE_MATCH)
        responses = operation["responses"]
        for status in (200, 304):
            responses[status]["headers"] = {"ETag": header["ETag"], "Cache-Control": header["Cache-Control"]}
        responses[304]["description"] = NOT_MODIFIED
        responses[429]["headers"] = {"Retry-After": header["Retry-After"]}
        responses[200]["content"]["application/json"]["example"] = EXAMPLES[operation["operationId"]]
        for status, example in PROBLEM_EXAMPLES.items():
            responses[status]["content"]["application/json"]["example"] = example
    return schema


# --- Errors in JSON ---------------------------------------------------------------------------


@api.exception_handler(ValidationError)
def malformed_parameters(request, invalid):
    """A parameter django-ninja checks (page, page_size) is not valid: a 400 like a filter's."""
    errors = {}
    for found in invalid.errors:
        errors.setdefault(str(found["loc"][-1]), []).append(found["msg"])
    return api.create_response(request, not_valid(errors), status=400)


@api.exception_handler(Throttled)
def too_many_requests(request, throttled):
    """django-ninja adds the Retry-After header; the body says it in words."""
    wait = f" Try again in {math.ceil(throttled.wait)} seconds." if throttled.wait else ""
    detail = f"Too many requests from your address: at most {settings.API_RATE_LIMIT}.{wait}"
    return api.create_response(request, problem(detail), status=429)
