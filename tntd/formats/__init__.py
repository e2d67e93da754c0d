"""The site's own date formats per language (settings.FORMAT_MODULE_PATH), read before
Django's: each language's module names only what differs from Django's, plus the named
formats the site adds for periods (MONTH_FORMAT, YEAR_FORMAT: activities.models.format_period),
which every language here must define."""
