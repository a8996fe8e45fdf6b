"""The one exception type users see: the CLI prints its message on one line and exits non-zero."""


class UshtilError(Exception):
    """A problem with the user's input or environment, explained in one line."""


class InputError(UshtilError):
    """An input file cannot be used: empty, binary, unreadable, too large, wrong language."""


class MissingModelError(UshtilError):
    """An optional backend (stanza) or its models are not installed."""


class OutputError(UshtilError):
    """An output file cannot be written: a folder in its place, no permission, a full disk."""
