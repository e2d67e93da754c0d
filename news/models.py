"""News items and press releases, as the OSCE newsroom publishes them."""


from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from activities.models import Event
from organisation.models import Country, OsceStructure, Theme
from photos.models import PhotoModel
from publishing.models import PUBLISHED, PublishableModel, PublishableQuerySet
from richtext import markdown as rich_text
from search.index import Follow, IndexSpec, SearchableQuerySet, SearchIndexEntry, SearchIndexFacets, SearchIndexQuerySet


class FromPublishingDate:
    """A news item is public from its publishing date (a day, in the site's time zone): one
    dated next week waits for next week. For querysets of news and of their search index."""

    def published(self):
        return super().published().filter(published_on__lte=timezone.localdate())


class NewsItemQuerySet(FromPublishingDate, SearchableQuerySet, PublishableQuerySet):
    def in_regions(self, regions):
        """News naming any country of any of `regions`."""
        return self.linked_to_any("countries", Country.objects.filter(regions__in=regions))

    def for_lists(self):
        """What a list of news shows (news/_news_item.html): not the body, nor the links."""
        return self.defer("body")

    def with_related(self):
        """Everything a news item's page or feed entry shows, in a fixed number of queries whatever the rows."""
        return self.prefetch_related("structures", "themes", "countries")


class NewsItem(PublishableModel, PhotoModel):
    class Kind(models.TextChoices):
        NEWS = "news", pgettext_lazy("a kind of news item", "News")
        PRESS_RELEASE = "press_release", _("Press release")
        FEATURE = "feature", _("Feature")
        STATEMENT = "statement", _("Statement")

    # What keyword search reads (search.query), in every language: the search index's document
    # (NewsIndexEntry, migration 0015) is built from the same fields.
    search_fields = ("title", "summary", "body")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    published_on = models.DateField(
        _("publishing date"), help_text=_("Shown on the item. A later day keeps it off the public site until that day.")
    )
    kind = models.CharField(
        _("type"),
        max_length=20,
        choices=Kind.choices,
        blank=True,
        help_text=_("Leave empty when the source does not say."),
    )
    structures = models.ManyToManyField(
        OsceStructure, blank=True, related_name="news_items", verbose_name=_("OSCE structures")
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="news_items", verbose_name=_("themes"))
    countries = models.ManyToManyField(Country, blank=True, related_name="news_items", verbose_name=_("countries"))
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("text"), blank=True, help_text=rich_text.HELP_TEXT)
    related_events = models.ManyToManyField(Event, blank=True, related_name="news_items", verbose_name=_("related events"))

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "title", "title_en"]
        verbose_name = pgettext_lazy("a kind of record", "news item")
        verbose_name_plural = pgettext_lazy("a kind of record", "news items")
        permissions = [("publish_newsitem", "Can publish and unpublish news items")]
        indexes = [
            models.Index(fields=["status", "published_on"], name="news_status_published_on"),
            models.Index(fields=["kind"], name="news_kind"),
            models.Index(fields=["title"], name="news_title"),
            # The public finder's two sort orders over published news, read from the index alone,
            # publishing window included (published() checks it).
            models.Index(
                fields=["-published_on", "title", "id", "kind"],
                include=["publish_at", "unpublish_at"],
                condition=PUBLISHED,
                name="news_public_by_date",
            ),
            models.Index(
                fields=["title", "published_on", "id"],
                include=["publish_at", "unpublish_at"],
                condition=PUBLISHED,
                name="news_public_by_title",
            ),
            models.Index(fields=["-updated_at"], condition=PUBLISHED, name="news_public_updated"),
            models.Index(fields=["kind", "id"], condition=PUBLISHED, name="news_public_type"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news_detail", args=[self.slug])


class NewsIndexQuerySet(FromPublishingDate, SearchIndexQuerySet):
    pass


# The news finder's search index (search.index): what it holds, and what it counts.
NEWS_INDEX = IndexSpec(
    name="news_index",
    records=NewsItem,
    table="news_newsindexentry",
    facets_table="news_newsindexfacets",
    key="newsitem_id",
    columns={"published_on": "date"},
    facets={"type": "kind", "structure": "structures", "theme": "themes", "region": "regions", "country": "countries"},
    choices=("kind",),
    links=("structures", "themes", "countries"),
    extra_keys=(
        "ARRAY(SELECT 'regions:' || rc.region_id FROM tntd_region_countries rc"
        " WHERE rc.country_id IN (SELECT l.country_id FROM news_newsitem_countries l WHERE l.newsitem_id = r.id))",
    ),
    follows=(
        Follow(
            table="tntd_region_countries",
            column="country_id",
            records="SELECT l.newsitem_id FROM news_newsitem_countries l WHERE l.country_id IN ({changed})",
        ),
    ),
    hidden="f.published_on > $2",  # FromPublishingDate: public from its day
)


class NewsIndexColumns(models.Model):
    """A news item's id and sort column, in both tables of its search index."""

    record = models.OneToOneField(
        NewsItem, primary_key=True, on_delete=models.DO_NOTHING, db_column=NEWS_INDEX.key, related_name="+"
    )
    published_on = models.DateField()

    objects = NewsIndexQuerySet.as_manager()

    class Meta:
        abstract = True


class NewsIndexFacets(NewsIndexColumns, NEWS_INDEX.key_columns(), SearchIndexFacets):
    """The news index's facet rows, which its facet counts read."""

    class Meta:
        managed = False
        db_table = NEWS_INDEX.facets_table


class NewsIndexEntry(NewsIndexColumns, SearchIndexEntry):
    """A news item as the news finder searches it (search.index): its rows are written by
    the database, never by Django; its document is made of `NewsItem.search_fields`, in
    English and in Russian."""

    spec = NEWS_INDEX
    facets_model = NewsIndexFacets

    class Meta:
        managed = False
        db_table = NEWS_INDEX.table
