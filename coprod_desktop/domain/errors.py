"""The errors whose message is fit to show a facilitator as it is.

ValidationError: input that breaks a domain rule. ProjectError (and its kinds, most defined in
storage/errors.py): the project file could not do what was asked (a wrong passphrase, a full
disk, a record that is no longer there). Anything else is unexpected: it is logged, and the
user is told in general words."""

from __future__ import annotations


class ValidationError(ValueError):
    """Input that breaks a domain rule. The message is plain language, fit to show a user."""


class ProjectError(Exception):
    """The project file could not do what was asked; str(error) says why in plain words."""


class ConflictError(ProjectError):
    """A change clashes with what is stored (a duplicate pseudonym, a missing record)."""


USER_ERRORS = (ValidationError, ProjectError)
