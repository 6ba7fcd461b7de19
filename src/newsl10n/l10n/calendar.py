"""Solar Hijri (Jalali) dates: conversion to and from the Gregorian calendar.

The arithmetic follows the published Jalaali algorithm (Borkowski's break years, as in the
jalaali-js library's ``jalCal``), exact for Solar Hijri years 1–3177.
"""

from __future__ import annotations

import datetime as dt

# Years in which the 33-year leap cycle restarts (the "breaks" of the Jalaali algorithm).
_BREAKS = (
    -61,
    9,
    38,
    199,
    426,
    686,
    756,
    818,
    1111,
    1181,
    1210,
    1635,
    2060,
    2097,
    2192,
    2262,
    2324,
    2394,
    2456,
    3178,
)


def _div(a: int, b: int) -> int:
    return int(a / b)  # truncation toward zero, as the published algorithm uses


def _mod(a: int, b: int) -> int:
    return a - _div(a, b) * b


def _jal_cal(jy: int) -> tuple[int, int, int]:
    """(leap, gregorian year, March day of Nowruz) for Solar Hijri year ``jy``."""
    gy = jy + 621
    leap_j = -14
    jp = _BREAKS[0]
    jump = 0
    for jm in _BREAKS[1:]:
        jump = jm - jp
        if jy < jm:
            break
        leap_j += _div(jump, 33) * 8 + _div(_mod(jump, 33), 4)
        jp = jm
    n = jy - jp
    leap_j += _div(n, 33) * 8 + _div(_mod(n, 33) + 3, 4)
    if _mod(jump, 33) == 4 and jump - n == 4:
        leap_j += 1
    leap_g = _div(gy, 4) - _div((_div(gy, 100) + 1) * 3, 4) - 150
    march = 20 + leap_j - leap_g
    if jump - n < 6:
        n = n - jump + _div(jump + 4, 33) * 33
    leap = _mod(_mod(n + 1, 33) - 1, 4)
    if leap == -1:
        leap = 4
    return leap, gy, march


def to_gregorian(jy: int, jm: int, jd: int) -> dt.date:
    """The Gregorian date of a Solar Hijri date.

    >>> to_gregorian(1404, 3, 23)
    datetime.date(2025, 6, 13)
    >>> to_gregorian(1404, 1, 1)
    datetime.date(2025, 3, 21)
    """
    if not (1 <= jm <= 12 and 1 <= jd <= (31 if jm <= 6 else 30)):
        raise ValueError(f"no Solar Hijri date {jy}-{jm}-{jd}")
    _, gy, march = _jal_cal(jy)
    start = dt.date(gy, 3, march)
    return start + dt.timedelta(days=(jm - 1) * 31 - _div(jm, 7) * (jm - 7) + jd - 1)


def from_gregorian(day: dt.date) -> tuple[int, int, int]:
    """The Solar Hijri (year, month, day) of a Gregorian date.

    >>> from_gregorian(dt.date(2025, 6, 13))
    (1404, 3, 23)
    >>> from_gregorian(dt.date(2025, 3, 20))
    (1403, 12, 30)
    """
    jy = day.year - 621
    leap, gy, march = _jal_cal(jy)
    k = day.toordinal() - dt.date(gy, 3, march).toordinal()
    if k >= 0:
        if k <= 185:
            return jy, 1 + _div(k, 31), _mod(k, 31) + 1
        k -= 186
    else:
        jy -= 1
        k += 179
        if leap == 1:  # the year before is a leap year: its Esfand has 30 days
            k += 1
    return jy, 7 + _div(k, 30), _mod(k, 30) + 1
