"""After rendering: attach the clips' audio and encrypt the PDF with AES-256 (pikepdf;
reportlab's own encryption is RC4). Attachments are encrypted with the document."""

from __future__ import annotations

import io
from collections.abc import Sequence

import pikepdf


def finish(pdf: bytes, password: str = "", attachments: Sequence[tuple[str, bytes, str]] = ()
           ) -> bytes:  # fmt: skip
    """`attachments` are (file name, data, description). No password and nothing to attach:
    the PDF is returned as it is."""
    if not password and not attachments:
        return pdf
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for name, data, description in attachments:
            doc.attachments[name] = pikepdf.AttachedFileSpec(
                doc, data, description=description, filename=name, mime_type="audio/wav"
            )
        out = io.BytesIO()
        if password:
            # The same password opens and owns the file: partners need no separate one, and
            # printing or copying text stays allowed for the people it was prepared for.
            doc.save(out, encryption=pikepdf.Encryption(owner=password, user=password, R=6,
                                                        aes=True, metadata=True))  # fmt: skip
        else:
            doc.save(out)
    return out.getvalue()
