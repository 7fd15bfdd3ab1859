"""The as-of date of a build: what "today" means for validity (时效) and deadlines.

One rule for every stage: an explicit date wins; else the date of SOURCE_DATE_EPOCH when the
caller set it (reproducible builds); else today's date (UTC).
"""

from __future__ import annotations

import datetime as dt
import os


def resolve_as_of(explicit: dt.date | None = None, environ: dict[str, str] | None = None) -> dt.date:
    if explicit is not None:
        return explicit
    epoch = (os.environ if environ is None else environ).get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.datetime.now(tz=dt.UTC).date()


def parse_date(text: str) -> dt.date:
    """YYYY-MM-DD from the command line (argparse type)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        import argparse

        raise argparse.ArgumentTypeError(f"日期应写作 YYYY-MM-DD：{text}") from None
