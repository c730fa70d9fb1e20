"""One settings object, read from the packaged `data/settings.cfg` and overridden key by key by a user file.

The user file is `$COMMUNIQUE_SETTINGS`, else `<config dir>/settings.cfg`, where the config dir is
`$COMMUNIQUE_CONFIG_DIR`, else `~/.config/communique`. The same folder holds user actor and lexicon files.
"""
from __future__ import annotations

import configparser
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import ConfigError, Errors


def config_dir() -> Path:
    """The per-user folder for settings, actor files and lexicons."""
    explicit = os.environ.get("COMMUNIQUE_CONFIG_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "communique"


@dataclass(frozen=True)
class Settings:
    batch_size: int = 32
    workers: int = 1
    chunk_size: int = 16
    max_chars: int = 2_000_000
    min_confidence: float = 0.0
    max_bytes: int = 50_000_000
    binary_threshold: float = 0.05


_KEYS = {
    "batch_size": ("pipeline", int),
    "workers": ("pipeline", int),
    "chunk_size": ("pipeline", int),
    "max_chars": ("pipeline", int),
    "min_confidence": ("pipeline", float),
    "max_bytes": ("input", int),
    "binary_threshold": ("input", float),
}


def _read_config(parser: configparser.ConfigParser, path) -> None:
    try:
        with path.open(encoding="utf-8") as handle:
            parser.read_file(handle)
    except (configparser.Error, UnicodeDecodeError) as err:
        raise ConfigError(Errors.E103.format(path=path, detail=str(err).splitlines()[0])) from None


def load_settings(user_file: str | Path | None = None) -> Settings:
    """Packaged defaults, overridden by the user's file where it exists."""
    parser = configparser.ConfigParser()
    _read_config(parser, resources.files("communique") / "data" / "settings.cfg")
    user = Path(user_file or os.environ.get("COMMUNIQUE_SETTINGS") or config_dir() / "settings.cfg")
    if user.is_file():
        _read_config(parser, user)
    values = {}
    for key, (section, kind) in _KEYS.items():
        try:
            values[key] = kind(parser.get(section, key))
        except (configparser.Error, ValueError) as err:
            raise ConfigError(Errors.E103.format(path=user, detail=f"{section}.{key}: {err}")) from None
    return Settings(**values)
