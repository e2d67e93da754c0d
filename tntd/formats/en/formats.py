"""English dates as the site has always written them: "1 March 2017", "March 2017",
"1 Dec 2026, 09:00"; British English otherwise (Django's en_GB: "2,955,500")."""

DATE_FORMAT = "j F Y"  # 1 March 2017
DATETIME_FORMAT = "j F Y, H:i"  # 1 March 2017, 09:00
SHORT_DATETIME_FORMAT = "j M Y, H:i"  # 1 Dec 2026, 09:00 (where a record stands with the public)
YEAR_MONTH_FORMAT = "F Y"  # March 2017
MONTH_DAY_FORMAT = "j F"  # 1 March
# The site's own, for the parts of a period (activities.models.format_period).
MONTH_FORMAT = "F"  # March (–April 2017)
YEAR_FORMAT = "Y"  # 2017
