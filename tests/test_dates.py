"""Century rules for two-digit years (paxdata._dates)."""

from __future__ import annotations

from datetime import date, datetime

from paxdata._dates import nearest_date, nearest_datetime, parse_ddmmyy, past_date

MESSAGE = date(2025, 3, 10)


def test_date_of_birth_is_never_after_the_message_date() -> None:
    assert past_date("250310", MESSAGE) == date(2025, 3, 10)
    assert past_date("250311", MESSAGE) == date(1925, 3, 11)
    assert past_date("300101", MESSAGE) == date(1930, 1, 1)
    assert past_date("19300101", MESSAGE) == date(1930, 1, 1)


def test_29_february_skips_centuries_without_one() -> None:
    assert past_date("000229", MESSAGE) == date(2000, 2, 29)
    assert past_date("040229", date(2001, 1, 1)) == date(1904, 2, 29)


def test_expiry_takes_the_nearest_century() -> None:
    assert nearest_date("741231", MESSAGE) == date(2074, 12, 31)
    assert nearest_date("760101", MESSAGE) == date(1976, 1, 1)


def test_invalid_dates() -> None:
    for value in ("", "7412", "741332", "74123A", "$(yymmdd)", "１２０１０１", "741231 1"):
        assert past_date(value, MESSAGE) is None
        assert nearest_date(value, MESSAGE) is None


def test_scheduled_date_times() -> None:
    assert nearest_datetime("2503101600", "201", MESSAGE) == datetime(2025, 3, 10, 16, 0)
    assert nearest_datetime("202503101600", "203", MESSAGE) == datetime(2025, 3, 10, 16, 0)
    assert nearest_datetime("2503101600", "", MESSAGE) == datetime(2025, 3, 10, 16, 0)
    assert nearest_datetime("2503102500", "201", MESSAGE) is None
    assert nearest_datetime("2513101600", "201", MESSAGE) is None


def test_pnrgov_day_month_year() -> None:
    assert parse_ddmmyy("270513", MESSAGE) == date(2013, 5, 27)
    assert parse_ddmmyy("2705", MESSAGE) is None
