"""warcount: a source-attributed ledger of casualty claims from conflict news.

    >>> import warcount
    >>> report = warcount.extract("Three people were killed and four injured.")
    >>> [(c.kind, c.figure.low) for c in report.claims]
    [('killed', 3), ('wounded', 4)]
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import ConfigError, FetchError, InputError, LedgerError, WarcountError
from .model import Claim, Document, Event, Estimate, Figure, Report, Source

if TYPE_CHECKING:
    from .store import Ledger

__all__ = [
    "extract", "Ledger",
    "Claim", "Document", "Event", "Estimate", "Figure", "Report", "Source",
    "WarcountError", "InputError", "FetchError", "ConfigError", "LedgerError",
]
__version__ = "0.1.0"


def extract(text_or_html: str | bytes, *, url: str | None = None, published: str | None = None,
            options=None) -> Report:
    """Read, clean and extract one document given as text or HTML (``options``: a ``config.Options``,
    for the work limits)."""
    from .pipeline import extract as _extract

    return _extract(text_or_html, url=url, published=published, options=options)


def __getattr__(name: str):
    if name == "Ledger":
        from .store import Ledger

        return Ledger
    raise AttributeError(name)
