"""A deterministic, labelled corpus for the personal-data detector: sticky notes (5-25 words)
and typed radio-lab transcripts from Glasgow co-production workshops, each with the gold spans
``(start, end, kind)`` a careful human would blank.

About 40% of items hold personal data: registered people typed in many ways, people mentioned
in passing (from many communities), and every structured kind in several formats (Ofcom drama
phone ranges, NHS numbers with valid check digits, valid NI prefixes). The rest are tricky
negatives: prices, times, counts, years, organisations, tobacco brands, places used as places,
sentence-start capitals, ordinary words that are also names, and dates that are not of birth.

Conventions for gold spans: a strong title is part of the name ("Mrs Kowalski", "Dr Okafor");
a relationship word or soft title is not ("my neighbour [Davie]", "Auntie [Funmi]"); a
possessive ending is not ("[Maggie]'s"); a birth cue is not ("born [12/03/1961]").
"""

from __future__ import annotations

import random
import re

from coprod_desktop.anonymise import KnownPerson
from coprod_desktop.anonymise.lexicon import fold

Gold = list[tuple[int, int, str]]

KNOWN: list[KnownPerson] = [
    KnownPerson("Margaret O'Neill", ["Maggie", "Mags"], pseudonym="P-01", id="p1"),
    KnownPerson("Siobhán Ní Bhriain", [], pseudonym="P-02", id="p2"),
    KnownPerson("Kwame Mensah", [], pseudonym="P-03", id="p3"),
    KnownPerson("Agnieszka Wiśniewska", ["Aga"], pseudonym="P-04", id="p4"),
    KnownPerson("Imran Qureshi", [], pseudonym="P-05", id="p5"),
    KnownPerson("William Paterson", ["Will", "Wullie"], pseudonym="P-06", id="p6"),
    KnownPerson("Grace Adeyemi", [], pseudonym="P-07", id="p7"),
    KnownPerson("Jamie-Lee Docherty", ["Jamie"], pseudonym="P-08", id="p8"),
]


def _w(text: str, sep: str | None = None) -> list[str]:
    return text.split(sep)


# How participants actually get typed (mid-sentence forms; | separates people).
TYPED = [_w(f, ";") for f in _w(
    "Maggie;maggie;MAGGIE;Mags;mags;Margaret;Margaret O'Neill;margaret oneill;Mrs O'Neill;"
    "mrs oneill;O’Neill;ONeill;Maggie O'Neill;Mrs O’Neill|Siobhán;Siobhan;siobhan;SIOBHAN;"
    "Siobhan Ni Bhriain;Siobhán Ní Bhriain;Ms Ní Bhriain|Kwame;kwame;KWAME;Mr Mensah;Mensah;"
    "Kwame Mensah;kwame mensah|Agnieszka;agnieszka;Aga;Agnieszka Wisniewska;Mrs Wiśniewska;"
    "Wisniewska;AGNIESZKA|Imran;imran;Mr Qureshi;Imran Qureshi;Qureshi;IMRAN|Will;Wullie;"
    "wullie;William;William Paterson;Mr Paterson;will paterson|Grace;Grace Adeyemi;"
    "Mrs Adeyemi;grace adeyemi;Adeyemi|Jamie-Lee;Jamie Lee;jamie-lee;Jamie;jamie lee;"
    "Jamie-Lee Docherty;Docherty;JAMIE-LEE", "|")]  # fmt: skip
FIRST = _w(
    "Davie Rab Shug Jinty Senga Morag Ally Tam Agnes Isla Callum Kyle Shona Stevie Fiona "
    "Kirsty Lorraine Mhairi Niamh Ciaran Aoife Padraig Sinead Declan Orla Gary Tracey Darren "
    "Sharon Wayne Kelly Dean Leanne Kasia Tomasz Marek Bartek Magda Piotr Ola Zofia Łukasz "
    "Małgorzata Priya Ravi Aisha Bilal Nadia Sanjay Farah Harpreet Zainab Arjun Funmi "
    "Chiamaka Ngozi Tunde Fatuma Amina Abdi Kofi Chipo Tendai Efua Yusuf Blessing Precious Ally "
    "Sunny Saoirse Grzegorz Oluwaseun Thandiwe Jaswinder Eilidh Bożena Przemek Ifeoma Lachlan"
)
SURNAMES = _w(
    "Brennan McLaughlin Campbell MacLeod Gallacher Reid Kerr McGuire Byrne Murphy O'Donnell "
    "Smith Taylor Hughes Kowalski Kowalska Nowak Lewandowski Wójcik Zielińska Patel Begum "
    "Khan Hussain Singh Ahmed Chaudhry Okafor Adebayo Okonkwo Mwangi Osei Nwosu Mahmood Burns "
    "White Young Hope"
)
RELATIONS = _w(
    "my neighbour|my pal|her boy|his mate|my sister|my cousin|the landlord|her wee girl|"
    "my daughter|a guy called|a woman called|my next door neighbour|the lassie|our",
    "|",
)
SOFT = _w("Auntie Uncle Granny wee big Auntie")
STRONG = _w("Mrs Mr Ms Dr Miss Cllr Mrs")
SPEECH = _w("said|reckons|told me|says|was saying|asked|thinks", "|")
STREETS = _w(
    "Paisley Road;Govan Road;Maryhill Road;Dumbarton Road;Duke Street;Alexandra Parade;"
    "Tollcross Road;Shettleston Road;Langside Avenue;Pollokshaws Road;Victoria Road;"
    "Calder Street;Allison Street;Cathcart Road;Hathaway Street;Kinfauns Drive;Drumry Road;"
    "Westmuir Street;Castlemilk Drive;Kelvindale Gardens;paisley rd;Duke St;Croftfoot Crescent;"
    "Barlanark Place;Gallowgate;Easterhouse Road;Cumbernauld Road",
    ";",
)
OUTWARD = _w(
    "G1 G3 G11 G12 G13 G14 G15 G20 G21 G22 G31 G32 G33 G34 G40 G41 G42 G43 G45 G46 G51 G52 "
    "G53 G72 G81 ML1 ML3 ML5 PA1 PA3 EH6 EH11 DD1 KA1 AB24 IV2"
)
PLACES = _w(
    "Govan Drumchapel Easterhouse Castlemilk Shettleston Maryhill Pollok Springburn Partick "
    "Dennistoun Possil Govanhill Hamilton Motherwell Coatbridge Paisley Clydebank Dundee "
    "Bridgeton Parkhead Toryglen Barlanark"
)
PREPS = _w("in|down in|up in|over in|from|near|out in|round", "|")
ORGS = _w(
    "NHS;Trading Standards;HMRC;Police Scotland;Citizens Advice;the DWP;Universal Credit;"
    "Glasgow City Council;Crimestoppers;Shelter Scotland;the Jobcentre;the Scottish Welfare "
    "Fund;Home Energy Scotland;Social Security Scotland;StepChange;the housing association;"
    "Wheatley Homes;Barnardo's;the Salvation Army;Age Scotland",
    ";",
)
BRANDS = _w(
    "Mayfair;Richmond;Sterling;Lambert & Butler;Benson and Hedges;Amber Leaf;Golden Virginia;"
    "Jin Ling;Raquel;Marlboro Gold;Regal;Superkings;Palace;Minsk",
    ";",
)
PRICES = _w("£3.50;2 for £10;£5 a pack;a fiver;£12.50 a pouch;50p;£4;3 for £10;£25 a week;£8", ";")
TIMES = _w("10:30;7pm;half 6;quarter to 10;13:45;9 o'clock;after 8;at 10", ";")
COUNTS = _w("20 people;3 weeks;40 families;2 hours;5 or 6 weans;14 of us;a dozen shops", ";")
DATES = _w("12/03/2026;4 March 2026;1 April 2024;03/02/2025;Friday 14th;the 1st of May", ";")
MONTHS = _w("January February March April May June July August September October November December")
# Words that keep their capital when a note is typed in lower case or spoken mid-sentence.
PROPER = {w.split()[0] for w in BRANDS + ORGS} | {"I", "Rose", "Crimestoppers"}

NEGATIVE = [
    "{brand} {price} at the van, {brand} a bit more",
    "{price} on {brand} {place}, half what the shops charge",
    "Lambert & Butler and Benson and Hedges dearer in the shops than {year}",
    "{org} should do more, {org} never come out", "{org} helped me with the letter from {org}",
    "Will there be a creche next time?", "Will you be here in May?",
    "the bill went up 3 times since {year}", "Bill for the gas is {price} now",
    "by the grace of god we got through the winter",
    "no hope of getting a GP appointment before {time}",
    "lives {place} but comes to the Govan group every week",
    "Kids hang about the chippy till 11pm {place}", "Meeting on {date} at the community centre",
    "Food bank open Tuesdays {time}, about {count}",
    "Honestly nobody reports it, scared of being called a grass",
    "Mark my words it'll get worse before it gets better",
    "May be worth asking {org} about the grant", "got a brown envelope from the DWP on {date}",
    "Jin Ling and Raquel packets all over the park {place}",
    "heating on 1 hour a day, {price} on the meter", "call 101 not 999 about the van",
    "the 4x4 outside the school every morning at {time}", "Young people need somewhere warm",
    "Grace period on the loan is a joke", "not a penny left by Thursday",
    "Frank conversation with the weans about vapes", "clinic on Hope Street closes at {time}",
    "{count} waiting on {org} since {year}", "loan sharks charge {price} on a {price} loan",
    "Crimestoppers 0800 555 111 is anonymous", "see www.moneyhelper.org.uk for debt help",
    "Money is tight since {year}, {count} at the pantry", "Scared to walk {place} after dark",
    "Nobody trusts {org} round here", "Vapes sold to kids {place} for {price}",
    "Rent up {price} since {date}", "{brand} singles at {price} each from the ice cream van",
    "More youth clubs please, {count} turned up last time", "Hope the council listens this time",
    "the doorstep lender comes every Friday at {time}",
    "Rose and Crown sells them under the counter", "In May the gas goes up again",
    "Mayfair Gold and Sterling Dual in the van {place}",
    "warm space at the church {time}, soup and a blether",
    "Buses stop at {time}, can't get to the food bank {place}", "{Place} needs a youth club",
    "{Place} has three shops selling {brand} under the counter", "Sue them, the lot of them",
    "the {org} office on Paisley Road shut in {year}", "need a pat on the back, not a sanction",
    "Barnardo's and Wheatley Homes run the group {time}", "the M8 is a nightmare at {time}",
    "nobody gives a monkey's about the weans {place}", "Christmas is {count} away, skint already",
]  # fmt: skip
POSITIVE = [
    "{who} lends money at 50% a week, half the close owes {him}",
    "doorstep lender comes Fridays, {who} said he keeps your bank card",
    "{reg} says the loan man chaps doors {place}", "text {phone} for cheap fags {place}",
    "Van behind the flats, reg {plate}, sells {brand} at {price}",
    "white van {plate} selling {brand} 2 for £10 outside the school",
    "{who} sells cigs out of {addr}, everybody knows", "ask {reg} about the woman at {addr}",
    "my email is {email} if you want to follow up", "{who} puts the prices on insta {handle}",
    "{who} lost {his} Universal Credit, NI number {ni} on the letter",
    "my NHS number is {nhs}, GP never got my records", "{reg} {dob}, wants her story told",
    "I'm at {postcode}, no bus after {time}", "the lender's page is {url}",
    "{who} and {who} run the youth club on a Tuesday", "Speak to {reg} about the food bank rota",
    "{regpos} wee boy got offered vapes at the school gates", "phone {reg} on {phone}",
    "{who} reckons the fake cigs have rat droppings in them", "{start} {speech} it's not safe",
    "I live at {addr}, {postcode}, and the shop there sells singles",
    "{dob} and still waiting on PIP", "{who} got a loan off {who}, now pays {price} a week",
    "{reg} and {who} came to the cost of living session", "{regpos} email is {email}",
    "{who} {speech} the lender is at {addr} most nights", "{start} brought soup for {count}",
    "email me {email} or ring {phone}", "{who} has a page selling tobacco {url}",
    "{reg} gave out {phone} for the warm space", "his car {plate} is always at the chippy",
    "CHI on my card is {nhs}, {reg} helped me find it", "Thanks to {reg} for the lift",
    "{who} {dob}, lost {his} job at {org}", "my postcode {postcode} puts me out the catchment",
    "{regpos} NI number is {ni}, for the form", "DM {handle} for singles, {who} says",
    "{name} gets tobacco off the ice cream van", "{name} and {name} do the soup on Thursdays",
    "Thanks {name} for the biscuits", "ring {name} on {phone} about the lender",
]  # fmt: skip
TURN = [
    "Aye, {s}.", "I mean, {s}, you know?", "See the thing is, {s}.", "To be honest, {s}.",
    "{s}. That's what I heard anyway.", "Well {s}, and that's the God's honest truth.",
    "Mm-hm. {s}.", "{s}, and I've seen it with my own eyes.",
]  # fmt: skip
SLOT = re.compile(r"\{(\w+)\}")


def _nhs(r: random.Random) -> str:
    while True:
        d = [r.randrange(10) for _ in range(9)]
        check = 11 - sum(x * (10 - i) for i, x in enumerate(d)) % 11
        if check != 10:
            s = "".join(map(str, d)) + str(check % 11)
            return r.choice([f"{s[:3]} {s[3:6]} {s[6:]}", s, f"{s[:3]}-{s[3:6]}-{s[6:]}"])


def _phone(r: random.Random) -> str:
    n, local = str(r.randrange(900000, 901000)), f"{r.randrange(1000):03d}"
    area = r.choice(["0141", "0131", "0121", "0161", "0113", "0117", "0151", "0191"])
    return r.choice([
        f"07700 {n}", f"07700{n}", f"07700 {n[:3]} {n[3:]}", f"+44 7700 {n}", f"+447700{n}",
        f"+44 (0)7700 {n}", f"{area} 496 0{local}", f"({area}) 496 0{local}",
        f"{area}-496-0{local}", f"{area}4960{local}", f"020 7946 0{local}", f"07700-{n}",
    ])  # fmt: skip


def _ni(r: random.Random) -> str:
    while (p := r.choice("ABCEGHJKLMNOPRSTWXYZ") + r.choice("ABCEGHJKLMNPRSTWXYZ")) in (
        "BG", "GB", "NK", "KN", "TN", "NT", "ZZ"):  # fmt: skip
        pass
    d, s = f"{r.randrange(10**6):06d}", r.choice("ABCD")
    out = r.choice([f"{p} {d[:2]} {d[2:4]} {d[4:]} {s}", f"{p}{d}{s}", f"{p} {d} {s}"])
    return out.lower() if r.random() < 0.2 else out


def _dob(r: random.Random) -> tuple[str, str]:
    y, m, d = r.randrange(1935, 2009), r.randrange(1, 13), r.randrange(1, 29)
    mon, th = MONTHS[m - 1], {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd"}.get(d, "th")
    date = r.choice([f"{d:02d}/{m:02d}/{y}", f"{d}/{m}/{y % 100:02d}", f"{d} {mon} {y}",
                     f"{d}{th} {mon} {y}", f"{d}{th} of {mon} {y}", f"{mon} {d}{th}, {y}",
                     f"{d:02d}.{m:02d}.{y}", f"{d} {mon[:3]} {y}"])  # fmt: skip
    cue = r.choice(["born ", "born on ", "DOB ", "DOB: ", "d.o.b. ", "date of birth ",
                    "birthday is ", "was born ", "b. "])  # fmt: skip
    if date[1:4] in ("th ", "st ", "nd ", "rd ") and r.random() < 0.3:
        cue = "born on the "
    return cue, date


def _plate(r: random.Random) -> str:
    letters = "ABCDEFGHJKLMNOPRSTUVWXY"
    tail = "".join(r.choice(letters) for _ in range(3))
    age = r.choice([f"{r.randrange(2, 25):02d}", str(r.randrange(51, 75))])
    out = r.choice([f"S{r.choice('AFGJKNVWXY')}{age} {tail}", f"S{r.choice('KNV')}{age}{tail}",
                    f"{r.choice('LMNPRST')}{r.randrange(1, 999)} {tail}"])  # fmt: skip
    return out.lower() if r.random() < 0.15 else out


def _person(r: random.Random) -> list[tuple[str, str | None]]:
    """An unregistered person with the cue a note would give (the cue is not blanked)."""
    first, sur, c = r.choice(FIRST), r.choice(SURNAMES), r.random()
    if c < 0.3:
        return [(r.choice(RELATIONS) + " ", None), (first, "person")]
    if c < 0.45:
        return [(r.choice(SOFT) + " ", None), (first, "person")]
    if c < 0.7:
        return [(f"{r.choice(STRONG)} {sur}", "person")]
    if c < 0.85:
        return [(f"{first} {sur}", "person")]
    if c < 0.93:
        return [(first.lower(), "person")]
    return [(first, "person"), (" from the shop", None)]


def _fill(r: random.Random, slot: str) -> list[tuple[str, str | None]]:
    if slot in ("reg", "regpos", "start"):
        form = r.choice(r.choice(TYPED))
        if slot == "start":
            form = form[:1].upper() + form[1:]
        tail = r.choice(["'s", "’s", "s", "'s"]) if slot == "regpos" else ""
        return [(form, "person"), (tail, None)]
    if slot == "who":
        return _person(r)
    if slot == "name":
        full = f"{r.choice(FIRST)} {r.choice(SURNAMES)}"
        return [(r.choice([full, full.split()[0], full.split()[0]]), "person")]
    if slot == "dob":
        cue, date = _dob(r)
        return [(cue, None), (date, "date_of_birth")]
    if slot == "addr":
        num, street = str(r.randrange(1, 250)) + r.choice(["", "", "", "a"]), r.choice(STREETS)
        a, b = r.randrange(4), r.randrange(1, 4)
        flat = r.choice(["", "", "", f"Flat {a}/{b}, ", f"{a}/{b} ", f"flat {b + 4}, "])
        return [(f"{flat}{num} {street}", "address")]
    name, sur = r.choice(FIRST), r.choice(SURNAMES)
    low = re.sub(r"[^a-z]", "", fold(f"{name}{sur}"))
    n = r.randrange(1, 99)
    make = {
        "phone": lambda: _phone(r), "nhs": lambda: _nhs(r), "ni": lambda: _ni(r),
        "plate": lambda: _plate(r),
        "email": lambda: r.choice([f"{low[:len(name)]}.{low[len(name):]}", f"{low}{n}",
                                   f"{low[0]}{low[len(name):]}_{n}"]) + "@" + r.choice(
            ["gmail.com", "hotmail.co.uk", "yahoo.co.uk", "outlook.com", "btinternet.com"]),
        "postcode": lambda: r.choice(["{} {}", "{} {}", "{}{}", "{}  {}"]).format(
            r.choice(OUTWARD), f"{r.randrange(10)}{r.choice('ABDEFGHJLNPQRSTUWXY')}"
            f"{r.choice('ABDEFGHJLNPQRSTUWXYZ')}"),
        "url": lambda: r.choice([f"facebook.com/{low}.{n}", f"www.facebook.com/{low[:6]}.{n}",
                                 f"https://www.instagram.com/{low}_{n}",
                                 f"https://m.facebook.com/profile.php?id=1000{n:02d}87654321",
                                 f"tiktok.com/@{low}{n}"]),
        "handle": lambda: "@" + r.choice([f"{low[:6]}_{n}", f"{name.lower()[:4]}.{n}",
                                          f"{low}", f"glesga_{low[:5]}"]),
    }  # fmt: skip
    kinds = {"phone": "phone", "nhs": "nhs_number", "ni": "ni_number", "plate": "vehicle_reg"}
    if slot in make:
        return [(make[slot](), kinds.get(slot, slot))]
    text = {
        "price": PRICES, "time": TIMES, "count": COUNTS, "org": ORGS, "brand": BRANDS,
        "date": DATES, "speech": SPEECH, "him": ["him", "her"], "his": ["his", "her"],
        "year": [str(r.randrange(1985, 2026))],
        "place": [f"{r.choice(PREPS)} {r.choice(PLACES)}"], "Place": PLACES,
    }[slot]  # fmt: skip
    return [(r.choice(text), None)]


def _render(r: random.Random, template: str, out: list[str], gold: Gold, at: int) -> int:
    pos = 0
    for m in SLOT.finditer(template):
        pieces = [(template[pos : m.start()], None), *_fill(r, m.group(1))]
        pos = m.end()
        for text, kind in pieces:
            if kind:
                gold.append((at, at + len(text), kind))
            out.append(text)
            at += len(text)
    out.append(template[pos:])
    return at + len(template) - pos


def _note(r: random.Random, personal: bool, out: list[str], gold: Gold, at: int, mid=False) -> int:
    template = r.choice(POSITIVE if personal else NEGATIVE)
    first = template.split()[0]
    if (mid or r.random() < 0.15) and first not in PROPER and not first.isupper():  # lower case
        template = template[:1].lower() + template[1:]
    return _render(r, template, out, gold, at)


def _transcript(r: random.Random) -> tuple[str, Gold]:
    out: list[str] = []
    gold: Gold = []
    at, t = 0, r.uniform(0, 20)
    for _ in range(r.randrange(4, 11)):
        stamp = f"[{int(t // 60)}:{t % 60:04.1f}] "
        out.append(stamp)
        at += len(stamp)
        speaker = r.choice(["Facilitator", "FACILITATOR", "Speaker 2", "P3", "registered"])
        if speaker == "registered":
            form = r.choice(r.choice(TYPED)[:4])
            gold.append((at, at + len(form), "person"))
            speaker = form
        out.append(speaker + ": ")
        at += len(speaker) + 2
        turn = r.choice(TURN)
        at = _render(r, turn[: turn.index("{s}")], out, gold, at)
        at = _note(r, r.random() < 0.2, out, gold, at, mid=turn[0] != "{")
        tail = turn[turn.index("{s}") + 3 :]
        if out[-1].endswith(("?", ".")):  # "…next time?" ends the turn itself
            tail = tail.lstrip(".,")
        at = _render(r, tail + "\n", out, gold, at)
        t += r.uniform(4, 40)
    return "".join(out), gold


def corpus(n: int, seed: int = 7) -> list[tuple[str, Gold]]:
    """n items (about 85% notes, 15% transcripts), the same for the same seed."""
    r = random.Random(seed)
    items = []
    for _ in range(n):
        if r.random() < 0.15:
            items.append(_transcript(r))
            continue
        out: list[str] = []
        gold: Gold = []
        _note(r, r.random() < 0.28, out, gold, 0)
        items.append(("".join(out), gold))
    return items


def score(items, detections) -> dict[str, dict[str, int]]:
    """Per kind: gold spans, those found (a same-kind detection covers at least half of it),
    detections, and false positives (a detection overlapping no gold span)."""
    tally: dict[str, dict[str, int]] = {}
    for (_text, gold), found in zip(items, detections, strict=True):
        for a, b, kind in gold:
            t = tally.setdefault(kind, dict.fromkeys(("gold", "hit", "det", "fp"), 0))
            t["gold"] += 1
            t["hit"] += any(d.kind == kind and 2 * (min(b, d.end) - max(a, d.start)) >= b - a
                            for d in found)  # fmt: skip
        for d in found:
            t = tally.setdefault(d.kind, dict.fromkeys(("gold", "hit", "det", "fp"), 0))
            t["det"] += 1
            t["fp"] += not any(a < d.end and d.start < b for a, b, _k in gold)
    return tally


def table(tally: dict[str, dict[str, int]]) -> str:
    """Per-kind recall and precision, then overall, as a text table."""
    total = dict.fromkeys(("gold", "hit", "det", "fp"), 0)
    for t in tally.values():
        for k in total:
            total[k] += t[k]
    rows = [
        f"{'kind':17} {'gold':>5} {'found':>5} {'recall':>6} {'detected':>8} {'FP':>4} {'prec':>5}"
    ]
    for kind, t in [*sorted(tally.items()), ("OVERALL", total)]:
        rec = f"{t['hit'] / t['gold']:.3f}" if t["gold"] else "-"
        prec = f"{1 - t['fp'] / t['det']:.3f}" if t["det"] else "-"
        rows.append(
            f"{kind:17} {t['gold']:5} {t['hit']:5} {rec:>6} {t['det']:8} {t['fp']:4} {prec:>5}"
        )
    return "\n".join(rows)
