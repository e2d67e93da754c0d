from django.apps import AppConfig


class ToolsConfig(AppConfig):
    """Operators' and developers' commands: seed content, backups, benchmark."""

    name = "tools"
