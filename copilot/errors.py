"""The engine's error types: each carries a one-line message fit for a user."""


class CopilotError(Exception):
    """Base of every error the CLI turns into one line on stderr and exit status 2."""


class InputError(CopilotError):
    """An input file cannot be analysed (missing, empty, corrupt, unknown kind)."""
