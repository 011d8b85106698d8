"""Working days in Vietnam: Monday to Friday, less public holidays (lunar Tết included).

Public holidays and their substitute days off come from the maintained `holidays` package,
which follows the Government's yearly announcements.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=None)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("VN", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def working_days_late(due: date, returned: date) -> int:
    """Working days after `due` up to and including `returned`; 0 if returned on or before the due date."""
    count, day = 0, due
    while day < returned:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count
