"""Dates and times in the user's locale (QLocale), and their Qt counterparts."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime


def qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def qdatetime(value: datetime) -> QDateTime:
    return QDateTime(qdate(value), QTime(value.hour, value.minute, value.second))


def from_qdatetime(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def show_date(value: date | None) -> str:
    return QLocale().toString(qdate(value), QLocale.FormatType.ShortFormat) if value else ""


def show_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    return QLocale().toString(qdatetime(value), QLocale.FormatType.ShortFormat)
