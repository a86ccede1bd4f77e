"""Errors the importer reports to users."""

from typing import Optional


class ImporterError(Exception):
    """The module could not be imported; the message says where and why."""


class UnsupportedError(ImporterError):
    """An operation, dtype or construct the importer does not handle."""

    def __init__(self, what: str, location: Optional[str] = None):
        self.what = what
        self.location = location
        where = f" at {location}" if location else ""
        super().__init__(f"unsupported {what}{where}")
