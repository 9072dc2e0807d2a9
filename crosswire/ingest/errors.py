"""Typed ingest errors. Each carries a one-line reason; the item it concerns is named by the caller."""

from __future__ import annotations


class InputError(Exception):
    """An input item cannot be turned into an article. ``str(exc)`` is a one-line reason."""


class UnknownFormat(InputError):
    """The item's format is not one crosswire reads."""
