"""The dashboard and JSON API (issue 5): ``create_app(db_path, options)``.

FastAPI is imported only here, so the rest of warcount never pays for it.
"""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
