"""The model loading layer's error: a model that cannot be resolved or loaded."""

from __future__ import annotations

from copilot.errors import CopilotError


class ModelError(CopilotError):
    """A speech, language, move or speaker model cannot be resolved or loaded (one line
    fit for a user, as every ``CopilotError``)."""
