"""Working days in Vietnam, from the maintained `holidays` package's own working-day functions.

They follow the Government's yearly announcements: public holidays (lunar Tết included), substitute
days off, and the Saturdays made working days to compensate a bridged holiday (e.g. 26 April 2025).
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=None)
def _calendar(first_year: int, last_year: int) -> holidays.HolidayBase:
    # One year either side: a swap can cross New Year (31 Dec 2018 off, Saturday 5 Jan 2019 worked),
    # and the make-up Saturday is recorded only when the year of the day off is loaded.
    return holidays.country_holidays("VN", years=range(first_year - 1, last_year + 2))


def is_working_day(day: date) -> bool:
    return _calendar(day.year, day.year).is_working_day(day)


def working_days_late(due: date, returned: date) -> int:
    """Working days after `due` up to and including `returned`; 0 if returned on or before the due date."""
    if returned <= due:
        return 0
    return _calendar(due.year, returned.year).get_working_days_count(due + timedelta(days=1), returned)
