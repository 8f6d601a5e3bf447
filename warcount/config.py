"""One options object built from defaults, a user config file and flags.

The CLI, the web app and the Dask runner all call ``load_options``: packaged
defaults, then a TOML file (``--config``, ``$WARCOUNT_CONFIG``,
``./warcount.toml`` or ``~/.config/warcount/config.toml``) key by key, then
explicit overrides (CLI flags).
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True)
class Options:
    db: str = "warcount.db"
    max_bytes: int = 50 * 1024 * 1024  # larger inputs are refused with a stated limit
    max_line_bytes: int = 50 * 1024 * 1024  # one JSONL line
    fetch_timeout: float = 20.0
    allow_private_urls: bool = False
    gazetteer: str | None = None  # optional GeoNames country file
    workers: int = 2
    host: str = "127.0.0.1"
    port: int = 8000
    upload_limit: int = 5 * 1024 * 1024
    who: str | None = None  # the analyst's name in the corrections log (else $USER)


def _candidates(explicit: str | None) -> list[Path]:
    if explicit:
        return [Path(explicit)]
    out = []
    if os.environ.get("WARCOUNT_CONFIG"):
        out.append(Path(os.environ["WARCOUNT_CONFIG"]))
    out += [Path("warcount.toml"), Path.home() / ".config" / "warcount" / "config.toml"]
    return out


def load_options(config: str | None = None, **overrides: Any) -> Options:
    """Defaults <- first config file found <- WARCOUNT_DB <- overrides (None is ignored)."""
    opts = Options()
    known = {f.name for f in fields(Options)}
    for path in _candidates(config):
        if not path.is_file():
            if config:
                raise ConfigError(f"{path}: config file not found")
            continue
        try:
            data = tomllib.loads(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: not a valid TOML file ({exc})") from None
        data = data.get("warcount", data)
        unknown = set(data) - known
        if unknown:
            raise ConfigError(f"{path}: unknown option(s) {', '.join(sorted(unknown))}")
        opts = replace(opts, **data)
        break
    if os.environ.get("WARCOUNT_DB"):
        opts = replace(opts, db=os.environ["WARCOUNT_DB"])
    clean = {k: v for k, v in overrides.items() if v is not None}
    unknown = set(clean) - known
    if unknown:
        raise ConfigError(f"unknown option(s) {', '.join(sorted(unknown))}")
    return replace(opts, **clean)
