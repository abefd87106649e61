"""Rules for a project passphrase chosen at creation."""

from __future__ import annotations

from .errors import ValidationError

MIN_LENGTH = 8


def check_new_passphrase(passphrase: str, confirmation: str | None = None) -> None:
    """Raise ValidationError if the passphrase cannot protect a project."""
    if len(passphrase) < MIN_LENGTH:
        raise ValidationError(
            f"Choose a passphrase of at least {MIN_LENGTH} characters. "
            "A few unrelated words are easy to remember and hard to guess."
        )
    if "\x00" in passphrase:
        raise ValidationError("The passphrase contains a character that cannot be used.")
    if passphrase.strip() != passphrase:
        raise ValidationError("The passphrase must not start or end with a space.")
    if confirmation is not None and confirmation != passphrase:
        raise ValidationError("The two passphrases are not the same.")
