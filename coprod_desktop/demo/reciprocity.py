"""The demo project's reciprocity ledger (made up, like everything in the demo): a £20 voucher
for each community member at each session, bus fares for some, childcare for two parents, a
certificate for each young person at the youth radio lab, and a threshold of £100 in 30 days
that one person (P-03, with childcare at two sessions three weeks apart) goes over."""

from __future__ import annotations

from dataclasses import replace

from coprod_desktop.domain.participants import Role
from coprod_desktop.domain.reciprocity import Threshold

from .project import demo_signature_png

# pseudonym: (kind, pence, method, description) given at every session they came to
EXTRAS = {
    "P-02": ("travel", 450, "cash", "Bus fare there and back"),
    "P-09": ("travel", 450, "cash", "Bus fare there and back"),
    "P-03": ("childcare", 3500, "bank_transfer", "Childminder for the afternoon"),
}
CHILDCARE_ONCE = {"P-06": "Illicit tobacco"}  # childcare at one session only (title start)
CERTIFICATE_AT = "Your street, your voice"  # everyone at the youth radio lab gets one
PAPER = {"P-02", "P-06", "P-10"}  # signed the paper receipt book instead of the screen


def add_demo_reciprocity(project, ids: dict[str, str]) -> None:
    ledger = project.reciprocity
    ledger.set_threshold(Threshold(10000, 30))
    pseudonym = {pid: p for p, pid in ids.items()}
    community = {p.id for p in project.participants.list() if p.role is Role.COMMUNITY}
    receipts = 0
    for session in project.sessions.list():
        for pid in sorted(session.participant_ids & community, key=lambda i: pseudonym[i]):
            who = pseudonym[pid]
            given = [("voucher", 2000, "voucher_code", "Supermarket voucher")]
            if who in EXTRAS:
                given.append(EXTRAS[who])
            if session.title.startswith(CHILDCARE_ONCE.get(who, "\0")):
                given.append(("childcare", 3000, "cash", "Childcare for the session"))
            if session.title.startswith(CERTIFICATE_AT):
                given.append(("certificate", 0, "in_kind", "Certificate in radio production"))
            for kind, pence, method, description in given:
                receipts += 1
                draft = replace(ledger.draft(pid, session.id, session.date), kind=kind,
                                amount=pence, method=method, description=description)
                if who in PAPER:
                    draft = replace(draft, receipt="paper", paper_reference=f"RB-{receipts:03d}")
                else:
                    draft = replace(draft, receipt="signature",
                                    signature=demo_signature_png(receipts))
                ledger.save(draft)
