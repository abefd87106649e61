"""The demo project's sticky-note board: about 60 invented notes in six themes, a revealed
round of dot voting, and one safeguarding-flagged note."""

from __future__ import annotations

from dataclasses import replace

from coprod_desktop.domain.board import GAP, Note, Theme, place_new_note
from coprod_desktop.domain.ids import new_id

from coprod_desktop.services.project import Project

BOARD_SESSION = "Cost of living, doorstep lenders and cheap goods"

# theme name, colour, notes as (author pseudonym or None, note colour, text, flags)
THEMES = [
    (
        "Money and debt",
        "sand",
        [
            ("P-01", "yellow", "Pension goes nowhere now, the electric eats it", ""),
            ("P-03", "yellow", "Doorstep lender Gary comes every Friday, text 07700 900461", ""),
            ("P-06", "pink", "Borrowed for the school uniform, still paying it off", "sensitive"),
            (None, "yellow", "Nobody tells you about the interest until it's too late", ""),
            ("P-11", "yellow", "I don't open the brown envelopes any more", "sensitive"),
            ("P-05", "yellow", "Buy now pay later apps are everywhere on my phone", ""),
            ("P-13", "blue", "Food bank referrals up a third since spring", ""),
            ("P-15", "blue", "Most debt advice appointments are booked weeks ahead", ""),
            (None, "yellow", "Shame stops people asking for help", ""),
            ("P-01", "yellow", "Used to save a bit, can't now", ""),
        ],
    ),
    (
        "Illicit tobacco and cheap goods",
        "mint",
        [
            ("P-03", "green", "Singles for 50p behind the counter at two shops", ""),
            (None, "green", "The van at the flats on a Thursday sells cheap baccy, ask Maggie", ""),
            ("P-06", "green", "Fake vodka made my cousin really ill", "sensitive"),
            ("P-05", "green", "Cheap vapes with no labels sold to kids", ""),
            ("P-01", "green", "Everybody knows where to get it, nobody says", ""),
            ("P-11", "green", "If it's half price folk will buy it, simple", ""),
            ("P-13", "blue", "Counterfeit cigarettes burn hotter: fire risk at home", ""),
            (None, "green", "Shops that sell it also sell to under-18s", ""),
            ("P-03", "green", "Some of the money goes to people you don't cross", "sensitive"),
            ("P-05", "green", "Online sellers post it in plain envelopes", ""),
        ],
    ),
    (
        "Feeling safe",
        "rose",
        [
            ("P-01", "pink", "Don't go out after dark on the estate now", ""),
            ("P-06", "pink", "Lighting on the path by the shops is broken for months", ""),
            (None, "pink", "Reporting feels pointless, nothing happens", ""),
            ("P-11", "pink", "Worried about being seen talking to the police", "sensitive"),
            (
                "P-03",
                "pink",
                "A young lad on our stair is being sent to buy from the van",
                "safeguarding",
            ),
            ("P-05", "pink", "Groups of older boys hang about the off-licence", ""),
            ("P-13", "blue", "Falls in the over-70s went up over the winter", ""),
            (None, "pink", "The community centre is the one place that feels safe", ""),
            ("P-01", "pink", "CCTV is there but does it even work", ""),
            ("P-06", "pink", "Anonymous reporting would help, without a phone number", ""),
        ],
    ),
    (
        "Services that work",
        "sky",
        [
            ("P-15", "blue", "Drop-in advice at the library is always busy: it works", ""),
            ("P-01", "orange", "The nurse at the surgery actually listens", ""),
            (None, "orange", "Citizens Advice sorted my council tax in one visit", ""),
            ("P-06", "orange", "Too many forms online, I need a person", ""),
            ("P-13", "blue", "Stop-smoking service has free places going spare", ""),
            ("P-05", "orange", "Phone lines are hopeless, an hour on hold", ""),
            ("P-11", "orange", "Somebody coming to the door to help would be good", ""),
            ("P-03", "orange", "The warm space at the church hall was a lifeline", ""),
            (None, "orange", "Services change name every year, confusing", ""),
            ("P-15", "blue", "Benefit checks find money people are owed", ""),
        ],
    ),
    (
        "Young people",
        "lilac",
        [
            ("P-05", "purple", "Nothing to do for teenagers round here", ""),
            ("P-06", "purple", "Vapes are the new sweeties at the school gate", ""),
            (None, "purple", "Youth club shut two years ago", ""),
            ("P-01", "purple", "Kids see the dealing and think it's normal", ""),
            ("P-03", "purple", "Holiday hunger is real, free meals stop in summer", ""),
            ("P-11", "purple", "Young ones know more about money scams than us", ""),
            ("P-13", "blue", "School nurses see vaping start at age 11 or 12", ""),
            ("P-05", "purple", "Cheap gym or football would keep them busy", ""),
            (None, "purple", "Ask the young people themselves, not us", ""),
            ("P-06", "purple", "Some are carers for their mum or dad", "sensitive"),
        ],
    ),
    (
        "Ideas for change",
        "grey",
        [
            ("P-01", "yellow", "A money advice session at the community centre every week", ""),
            ("P-03", "yellow", "Text-based anonymous line to report sellers", ""),
            ("P-05", "yellow", "Reopen the youth club with young people running it", ""),
            ("P-06", "yellow", "Fix the lights and cut back the bushes by the path", ""),
            (None, "yellow", "Credit union collection point in the local shop", ""),
            ("P-11", "yellow", "Someone from the council to come to us, not us to them", ""),
            ("P-13", "blue", "Joint stall: stop-smoking, debt advice and fire safety", ""),
            ("P-15", "blue", "Benefit check at every food bank visit", ""),
            ("P-01", "yellow", "Tell us what happened after we spoke to you", ""),
            (None, "yellow", "Pay people for their time when they help design services", ""),
        ],
    ),
]

# (voter pseudonym, theme index, note index, dots)
VOTES = [
    ("P-01", 5, 0, 2), ("P-01", 5, 8, 1),
    ("P-03", 5, 1, 2), ("P-03", 2, 9, 1),
    ("P-05", 5, 2, 3),
    ("P-06", 5, 3, 2), ("P-06", 5, 1, 1),
    ("P-11", 5, 5, 2), ("P-11", 5, 0, 1),
    ("P-13", 5, 6, 2), ("P-13", 5, 7, 1),
    ("P-15", 5, 7, 2), ("P-15", 5, 0, 1),
]  # fmt: skip


def add_demo_board(project: Project, ids: dict[str, str]) -> None:
    session = next(s for s in project.sessions.list() if s.title == BOARD_SESSION)
    board = project.boards.create_board(session.id, "What makes life hard, and what would help")
    width, height = 720.0, 520.0
    notes_by_theme: list[list[Note]] = []
    for index, (name, colour, items) in enumerate(THEMES):
        col, row = index % 3, index // 3
        x, y = GAP + col * (width + 2 * GAP), GAP + row * (height + 2 * GAP)
        theme = project.boards.save_theme(
            Theme(new_id(), board.id, name, colour, x, y, width, height)
        )
        placed: list[Note] = []
        for author, note_colour, text, flags in items:
            x, y = place_new_note(placed, theme)
            note = project.boards.add_note(Note(
                "", board.id, text, note_colour, x, y,
                author_id=ids[author] if author else None, theme_id=theme.id,
                sensitive="sensitive" in flags, safeguarding="safeguarding" in flags))  # fmt: skip
            placed.append(note)
        notes_by_theme.append(placed)
    voting = project.boards.open_round(board.id, 3)
    for voter, theme_index, note_index, dots in VOTES:
        project.boards.cast_vote(voting.id, notes_by_theme[theme_index][note_index].id,
                                 ids[voter], dots)  # fmt: skip
    project.boards.set_round(replace(voting, is_open=False, revealed=True))
