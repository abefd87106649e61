"""The demo project: made-up people, sessions, consent, notes, clips and a risk log that
keep every rule the app shows. Made on the spot; nothing is downloaded or bundled."""

from .project import DEMO_NAME, DEMO_PASSPHRASE, create_demo

__all__ = ["DEMO_NAME", "DEMO_PASSPHRASE", "create_demo"]
