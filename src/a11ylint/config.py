"""Configuration files (stub until the configuration module is complete)."""

from __future__ import annotations

from a11ylint.settings import Settings


class ConfigError(Exception):
    pass


def load(config_path: str | None = None, isolated: bool = False) -> Settings:
    return Settings()
