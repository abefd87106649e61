"""Finding personal data in notes and transcripts, and replacing it consistently. Qt-free and
offline: regular expressions, validation and shipped word lists, no downloaded model.

    from coprod_desktop.anonymise import detect, KnownPerson
"""

from .detect import detect
from .model import KINDS, Detection, KnownPerson
from .pseudonymise import Pseudonymiser

__all__ = ["KINDS", "Detection", "KnownPerson", "Pseudonymiser", "detect"]
