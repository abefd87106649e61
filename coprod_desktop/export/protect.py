"""After rendering: attach the clips' audio and encrypt the PDF with AES-256 (pikepdf;
reportlab's own encryption is RC4). Attachments are encrypted with the document. And reading
back what a pack or copy carries (its audit anchor), for verify --against."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import pikepdf

from coprod_desktop.domain.audit import Anchor
from coprod_desktop.domain.errors import ValidationError


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


def anchor_in(path: Path, password: str = "") -> Anchor:
    """The audit anchor a pack or participant's copy carries (in its keywords)."""
    try:
        with pikepdf.open(path, password=password) as doc:
            keywords = str(doc.docinfo.get("/Keywords", ""))
    except pikepdf.PasswordError:
        raise ValidationError(f"{path.name} is protected: give its password with "
                              "--pdf-password-env (the name of a variable holding it).") from None
    except (pikepdf.PdfError, OSError) as exc:
        raise ValidationError(f"{path.name} could not be read as a PDF ({exc}).") from None
    anchor = Anchor.find(keywords)
    if anchor is None:
        raise ValidationError(f"{path.name} carries no audit anchor: it is not a pack or a "
                              "participant's copy, or it was made before anchors were added.")
    return anchor
