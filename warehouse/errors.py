"""Errors the warehouse raises for users: each message names the file and the reason."""


class S301Error(Exception):
    """An error meant for the user: printed as one clear line, never as a traceback."""


class WarehouseError(S301Error):
    """The DuckDB file cannot be opened, created or migrated."""


class ReferenceDataError(S301Error):
    """A reference CSV is malformed; the message names the file and the line."""


class DocumentError(S301Error):
    """A report cannot be read; the message names the file and the reason."""
