"""The ``rasad`` command: small subcommands, each in its own module under ``commands/``.

A subcommand module exposes ``register(subparsers)``, which adds its parser and sets
``func(args) -> int``.  User errors (``RasadError``) print one line on stderr and exit 2;
nothing a user typed should ever produce a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from rasad import __version__
from rasad.errors import RasadError

COMMANDS = (
    "extract",
    "eval",
    "ingest",
    "events",
    "search",
    "export",
    "db",
    "serve",
    "batch",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rasad",
        description="rasad (رصد): event data from Arabic news — who did what to whom, where, when, "
        "how many, according to whom.",
    )
    parser.add_argument("--version", action="version", version=f"rasad {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        mod_name = f"rasad.commands.{name}"
        try:
            mod = importlib.import_module(mod_name)
        except ModuleNotFoundError as e:
            if e.name == mod_name:
                continue
            raise
        mod.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 1
    try:
        return int(args.func(args) or 0)
    except RasadError as e:
        print(f"rasad: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("rasad: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
