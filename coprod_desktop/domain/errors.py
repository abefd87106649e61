"""The one exception type domain rules raise when input breaks a rule."""

from __future__ import annotations


class ValidationError(ValueError):
    """Input that breaks a domain rule. The message is plain language, fit to show a user."""
