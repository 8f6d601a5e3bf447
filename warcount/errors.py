"""The one exception tree of warcount.

    WarcountError
     +-- InputError        bad input: names the input and what is wrong
     |    +-- FetchError   a URL could not be fetched or was refused
     +-- ConfigError       a bad option or configuration file
     +-- LedgerError       the ledger cannot be opened or written

Expected non-results (a page with no claims) are empty results, never
exceptions. The CLI turns each class into a one-line message and an exit
code (see ``EXIT_CODES``).
"""
from __future__ import annotations


class WarcountError(Exception):
    """Root of every error warcount raises on purpose."""

    exit_code = 4


class InputError(WarcountError):
    """An input cannot be read or understood.

    ``source`` names the input (a path, URL, ``-`` or ``file.jsonl:LINE``);
    the message says what is wrong with it.
    """

    exit_code = 3

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class FetchError(InputError):
    """A URL could not be fetched, or fetching it was refused."""


class ConfigError(WarcountError):
    exit_code = 2


class LedgerError(WarcountError):
    exit_code = 5


#: Exit codes of the ``warcount`` command, documented in the README.
EXIT_CODES = {
    0: "success",
    1: "partial: some records or inputs were bad, reported and skipped; the rest was processed",
    2: "usage or configuration error",
    3: "input error: no input could be processed",
    4: "other warcount error",
    5: "ledger error",
}
