"""Finding personal data in notes and transcripts, and replacing it consistently. Qt-free and
offline: regular expressions, validation, shipped word lists and a small name model shipped
with them (resources/names/name_model.json); nothing is downloaded.

    from coprod_desktop.anonymise import Detector, KnownPerson

    find = Detector(people, deny, allow)  # compiled once
    detections = find(text)             # for every text
"""

from .detect import Detector, detect
from .model import KINDS, Detection, KnownPerson
from .pseudonymise import Pseudonymiser

__all__ = ["KINDS", "Detection", "Detector", "KnownPerson", "Pseudonymiser", "detect"]
