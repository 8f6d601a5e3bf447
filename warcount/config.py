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

from .budget import DEFAULTS as _LIMITS
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
    # work limits (budget.py says what each bounds)
    doc_timeout: float = float(_LIMITS["doc_timeout"])
    max_sentence_chars: int = int(_LIMITS["max_sentence_chars"])
    max_punct_run: int = int(_LIMITS["max_punct_run"])
    max_html_elements: int = int(_LIMITS["max_html_elements"])
    max_text_chars: int = int(_LIMITS["max_text_chars"])
    max_claims: int = int(_LIMITS["max_claims"])
    who: str | None = None  # the analyst's name in the corrections log (else $USER)


#: option -> (type, smallest allowed value or None); checked for config files and flags alike
_TYPES: dict[str, tuple[type, float | None]] = {
    "db": (str, None), "max_bytes": (int, 1), "max_line_bytes": (int, 1), "fetch_timeout": (float, 0.001),
    "allow_private_urls": (bool, None), "gazetteer": (str, None), "workers": (int, 1), "host": (str, None),
    "port": (int, 0), "upload_limit": (int, 1), "doc_timeout": (float, 0), "max_sentence_chars": (int, 100),
    "max_punct_run": (int, 20), "max_html_elements": (int, 1), "max_text_chars": (int, 1_000),
    "max_claims": (int, 1), "who": (str, None),
}
_TYPE_NAMES = {str: "a string", int: "an integer", float: "a number", bool: "true or false"}


def _check(where: str, data: dict[str, Any]) -> None:
    """Each value of the right type and range: a config string "false" must not count as true."""
    for key, value in data.items():
        kind, low = _TYPES[key]
        if value is None and key in ("gazetteer", "who"):
            continue
        ok = isinstance(value, kind) and not (kind is not bool and isinstance(value, bool))
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            ok = True
        if not ok:
            raise ConfigError(f"{where}option {key} must be {_TYPE_NAMES[kind]}, not {value!r}")
        if low is not None and value < low:
            raise ConfigError(f"{where}option {key} must be at least {low:g}, not {value!r}")
        if key == "port" and value > 65535:
            raise ConfigError(f"{where}option port must be at most 65535, not {value!r}")


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
        try:
            exists = path.is_file()
            raw = path.read_bytes() if exists else b""
        except OSError as exc:
            raise ConfigError(f"{path}: config file cannot be read ({exc.strerror or exc})") from None
        if not exists:
            if config:
                raise ConfigError(f"{path}: config file not found")
            continue
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: not a valid TOML file ({exc})") from None
        data = data.get("warcount", data)
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: [warcount] must be a table of options")
        unknown = set(data) - known
        if unknown:
            raise ConfigError(f"{path}: unknown option(s) {', '.join(sorted(unknown))}")
        _check(f"{path}: ", data)
        opts = replace(opts, **data)
        break
    if os.environ.get("WARCOUNT_DB"):
        opts = replace(opts, db=os.environ["WARCOUNT_DB"])
    clean = {k: v for k, v in overrides.items() if v is not None}
    unknown = set(clean) - known
    if unknown:
        raise ConfigError(f"unknown option(s) {', '.join(sorted(unknown))}")
    _check("", clean)
    return replace(opts, **clean)
