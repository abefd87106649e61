"""Record ids: random UUIDs as text, so records made on several laptops can be combined."""

from __future__ import annotations

import uuid


def new_id() -> str:
    return str(uuid.uuid4())
