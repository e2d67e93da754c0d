"""The pages every site has: robots.txt and the 404 page."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe


class PastTheLastPage(Http404):
    """A page number beyond a list's results: a 404 whose message the page shows, saying
    where the results end."""


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: /{settings.ADMIN_URL}",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception):
    """The site's 404 page. A finder's page past its results says where they end
    (finders.pages.PastTheLastPage); any other address gets the general words."""
    past_the_end = str(exception) if isinstance(exception, PastTheLastPage) else ""
    return render(request, "404.html", {"past_the_end": past_the_end}, status=404)
