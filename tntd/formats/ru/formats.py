"""Russian dates: Django's own ("1 марта 2017 г.", "Март 2017 г.", "01.12.2026 09:00"), except
the day and month without the year, which Django writes in the nominative ("1 Март"): a day
of a month takes the genitive, "1 марта"."""

MONTH_DAY_FORMAT = "j E"  # 28 ноября (– 2 декабря 2024 г.)
# The site's own, for the parts of a period (activities.models.format_period).
MONTH_FORMAT = "F"  # Март (–Апрель 2017 г.)
YEAR_FORMAT = "Y г."  # 2017 г.
