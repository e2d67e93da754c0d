"""Content in several languages: how the project registers, reads and writes translated fields.

English is the content's own language and always fills the original column (`title`), which the
search index's triggers and the finders' raw SQL read. See docs/translations.md.
"""

import functools

from django.conf import settings
from django.db.models import Q
from django.utils import translation
from modeltranslation.translator import NotRegistered, TranslationOptions, translator
from modeltranslation.utils import build_localized_fieldname

DEFAULT = settings.MODELTRANSLATION_DEFAULT_LANGUAGE  # "en": the content's own language


def languages():
    """The content's languages, English first: ["en", "ru"]."""
    return [code for code, _ in settings.LANGUAGES]


def active_language():
    """The active language among the content's, or English: "ru" while a /ru/ page is made."""
    language = (translation.get_language() or DEFAULT).split("-")[0]
    return language if language in languages() else DEFAULT


def translated_fields(model):
    """The names of `model`'s translated fields ("title", "summary"...), in the model's order;
    [] for a model without any."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return []
    names = set(options.all_fields)
    return [field.name for field in model._meta.concrete_fields if field.name in names]


def translation_columns(model):
    """The columns of every language of `model`'s translated fields: {"title_en", "title_ru", ...}."""
    return {column(name, language) for name in translated_fields(model) for language in languages()}


def column(name, language):
    """"title", "ru" -> "title_ru"."""
    return build_localized_fieldname(name, language)


def missing_translation(model, language, fields=None):
    """A Q for the records of `model` with a translated field (of `fields`, by default any)
    that has English text but none in `language` (NULL or empty)."""
    missing = Q()
    for name in fields or translated_fields(model):
        english, other = column(name, DEFAULT), column(name, language)
        has_english = Q(**{f"{english}__isnull": False}) & ~Q(**{english: ""})
        missing |= has_english & (Q(**{f"{other}__isnull": True}) | Q(**{other: ""}))
    return missing


def missing_fields(record, language):
    """The names of `record`'s translated fields with English text and none in `language`, in
    the model's order: what `missing_translation` finds, read from the record itself."""
    empty = (None, "")
    return [
        name for name in translated_fields(type(record))
        if getattr(record, column(name, DEFAULT)) not in empty and getattr(record, column(name, language)) in empty
    ]


def fell_back(record, name, language=None):
    """Whether `record.<name>` shows the English text for want of a translation in `language`
    (the active language by default): False in English, or when both are empty."""
    language = language or active_language()
    if language == DEFAULT or language not in languages():
        return False
    empty = (None, "")
    return getattr(record, column(name, language)) in empty and getattr(record, column(name, DEFAULT)) not in empty


def columns_to_update(model, values):
    """The columns a queryset's update(**values) writes, named explicitly (for an update
    without modeltranslation's rewrite): a translated field named without its language is the
    active language's column, and the original column too when that language is English."""
    names = set(translated_fields(model))
    if not names:
        return values
    active = active_language()
    columns = {}
    for key, value in values.items():
        if key in names:
            columns[column(key, active)] = value
            if active == DEFAULT:
                columns[key] = value
        elif key in {column(name, DEFAULT) for name in names}:
            columns[key] = value
            columns[key.removesuffix(f"_{DEFAULT}")] = value
        else:
            columns[key] = value
    return columns


def english_in_original_columns(save_table):
    """Model._save_table, writing with English active: the original columns get the English text."""

    @functools.wraps(save_table)
    def _save_table(self, *args, **kwargs):
        with translation.override(DEFAULT):
            return save_table(self, *args, **kwargs)

    return _save_table


def register(model, fields, unique=()):
    """Registers `fields` of `model` for translation (one TranslationOptions per model), empty
    translations of the `unique` ones stored as NULL, and the original columns kept English."""
    options = type(
        f"{model.__name__}TranslationOptions",
        (TranslationOptions,),
        {
            "fields": tuple(fields),
            "required_languages": (DEFAULT,),
            "empty_values": {name: None for name in unique},
        },
    )
    translator.register(model, options)
    model._save_table = english_in_original_columns(model._save_table)
    return options
