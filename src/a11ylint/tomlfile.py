"""Reading the project's TOML files (configuration, rule packs) with errors
that name the file, raised as the caller's own usage-error class."""

from __future__ import annotations

import tomllib
from pathlib import Path


def load_toml(path: Path, error: type[Exception], what: str = "") -> dict:
    """Parse ``path``; any failure raises ``error`` with a one-line reason.
    ``what`` names the kind of file in "cannot read <what>" messages."""
    cannot = f"{path}: cannot read{' ' + what if what else ''}"
    try:
        if not path.is_file():  # a FIFO or device would block or never end
            raise error(f"{cannot}: not a regular file")
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise error(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise error(f"{path}: invalid TOML: arrays or tables nested too deeply") from None
    except UnicodeDecodeError as exc:
        raise error(f"{path}: invalid TOML: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise error(f"{cannot}: {exc.strerror or exc}") from None
