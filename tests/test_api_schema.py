"""The JSON API answers its own OpenAPI schema (schemathesis, in-process over ASGI).

Generated requests hit every GET endpoint and the read-only POST /api/extract
over a seeded ledger; any 5xx, undocumented status, wrong content type or
body that breaks the declared schema fails the test.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from warcount.pipeline import extract
from warcount.store import Ledger
from warcount.web import create_app

BASE = "http://127.0.0.1"
SEED = ("Shelling of the Salaheddine district of Aleppo killed 9 civilians on May 6, 2016, the Syrian Observatory "
        "for Human Rights said. Rebel officials claimed that 30 soldiers were killed in the fighting.")


def _seeded_app():
    """The app over a fresh ledger with one article; built at import because parametrize needs the schema."""
    tmp = Path(tempfile.mkdtemp(prefix="warcount-schema-"))
    with Ledger(tmp / "ledger.db") as ledger:
        ledger.add_report(extract(SEED, url="https://example.org/a", published="2016-05-08"))
    return tmp, create_app(tmp / "ledger.db")


TMP, APP = _seeded_app()
# the app answers loopback Host names only (DNS rebinding guard), so say which host we are
schema = schemathesis.openapi.from_asgi("/openapi.json", APP, headers={"Host": "127.0.0.1"})


@pytest.fixture(scope="module", autouse=True)
def _cleanup():
    yield
    shutil.rmtree(TMP, ignore_errors=True)


def test_openapi_document_is_valid() -> None:
    raw = schema.raw_schema
    assert raw["openapi"].startswith("3.")
    assert {"/api/events", "/api/events/{event_id}", "/api/claims", "/api/documents",
            "/api/documents/{document_id}", "/api/sources", "/api/extract", "/api/ingest"} <= set(raw["paths"])


@schema.include(method="GET").parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_get_endpoints_follow_schema(case) -> None:
    case.call_and_validate(base_url=BASE)


@schema.include(path="/api/extract").parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
def test_extract_follows_schema(case) -> None:
    # A schema-valid text can still be refused with a documented 400 (mostly control characters: a binary
    # file); JSON Schema cannot say "is text", so that one check is left out here and tested in test_web.
    case.call_and_validate(base_url=BASE, excluded_checks=[positive_data_acceptance])
