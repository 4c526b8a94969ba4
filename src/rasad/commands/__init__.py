"""Subcommands of the ``rasad`` CLI, one module each (see ``rasad.cli``)."""
