"""System checks: each registered finder's facets filter the keys its search index counts."""

from django.core import checks

from finders.registry import FINDERS


@checks.register()
def finders_count_what_their_index_keeps(app_configs, **kwargs):
    errors = []
    for finder in FINDERS.values():
        spec = finder.index_model.spec
        for parameter, key_field in spec.facets.items():
            filter_ = finder.base_filters.get(parameter)
            if filter_ is None or filter_.field_name != key_field:
                errors.append(checks.Error(
                    f"{finder.__name__}'s facet “{parameter}” should filter the keys “{key_field}” of {spec.name}.",
                    hint="Its filter's field_name is the key field the index counts.", obj=finder, id="tntd.E103",
                ))
    return errors
