"""The finders each app registers (from its AppConfig.ready()): {"events": EventFilterSet}.

The system checks hold each to its search index, and the API lists each one's values."""

FINDERS = {}


def register(name, filterset_class):
    FINDERS[name] = filterset_class
