"""User-facing errors: one line, naming the input and the problem, never a traceback."""

from __future__ import annotations


class RasadError(Exception):
    """Base for errors reported to users as one line."""


class InputError(RasadError):
    """Input we refuse to read, with the reason."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"{name}: {problem}")
        self.name = name
        self.problem = problem
