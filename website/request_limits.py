"""Refuse, before anything reads it, a request the site cannot take.

A Host with a port the site does not run on, a body over REQUEST_MAX_BYTES (413, as the proxy),
or a NUL in the back office's input, which PostgreSQL refuses. One middleware for the three: each
layer deepens every request's stack."""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse, HttpResponseBadRequest
from django.http.request import split_domain_port
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext

from website.hosts import port_allowed


class RequestLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.back_office = f"/{settings.ADMIN_URL}"

    def __call__(self, request):
        host = request.get_host()  # DisallowedHost for a name not in ALLOWED_HOSTS
        if not port_allowed(split_domain_port(host)[1]):
            raise DisallowedHost(f"Invalid HTTP_HOST header: {host!r}. Its port is not in DJANGO_ALLOWED_PORTS.")
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponseBadRequest("Content-Length is not a number.")
        if length > settings.REQUEST_MAX_BYTES:
            message = gettext("This request is larger than %(limit)s, the most the site accepts; a photo may be up to %(photo)s.") % {
                "limit": filesizeformat(settings.REQUEST_MAX_BYTES), "photo": filesizeformat(settings.PHOTO_MAX_BYTES)}
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        if request.path.startswith(self.back_office) and has_nul(request):
            # A list filter, a search or an autocomplete would otherwise fail in the database.
            return HttpResponseBadRequest(gettext("A NUL character is not allowed here."))
        return self.get_response(request)


def has_nul(request):
    values = [*request.GET.keys(), *(value for values in request.GET.lists() for value in values[1])]
    if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
        values += [*request.POST.keys(), *(value for values in request.POST.lists() for value in values[1])]
    return any("\x00" in value for value in values)
