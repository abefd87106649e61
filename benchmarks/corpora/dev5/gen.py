#!/usr/bin/env python3
"""Generate src/90_gen_*.txt (marked source text) from templates and pools.

Deterministic (fixed seed). Output uses the same «kind:surface» markers as the
hand-written files; convert.py builds records.jsonl from all src/*.txt.
Every template was written with its labelling decided by hand (see LABELLING.md).
"""
import random, re, os

R = random.Random(5005)
HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------- people
# (first, last, [nicknames]) – fictional, many communities
PEOPLE = [
    ("Morag", "Flett", ["Mo"]), ("Grace", "Oyelaran", ["Gracie"]), ("Iona", "MacInnes", []),
    ("Dariusz", "Wróbel", ["Darek"]), ("Marcela", "Dudová", ["Marci"]), ("Rahim", "Uddin", []),
    ("Senait", "Tesfay", ["Seni"]), ("Will", "Hogg", ["Wullie", "Hoggie"]), ("Skye", "Rennie", []),
    ("Nadia", "Hassan", ["Nads"]), ("Kwame", "Asante", []), ("Tam", "Laurenson", ["Tammy"]),
    ("Hoa", "Nguyen", []), ("Rose", "McGarrity", ["Rosie"]), ("Hope", "Adeyemi", ["Hopey"]),
    ("Mark", "Dunsmuir", ["Marky"]), ("Jade", "Kerr", ["Jadey"]), ("Summer", "Lennox", []),
    ("Frank", "Guthrie", ["Francie"]), ("Bill", "Tulloch", ["Billy"]), ("Brooke", "Paton", []),
    ("Clyde", "Sinclair", []), ("Aonghas", "MacLeòid", ["Angus"]), ("Seonaidh", "Mhoireach", []),
    ("Siobhán", "Ní Bhriain", ["Shiv"]), ("Ciarán", "Devlin", ["Kiz"]), ("Wojciech", "Kamiński", ["Wojtek"]),
    ("Katarzyna", "Nowicka", ["Kasia"]), ("Ionuț", "Lăcătuș", ["Ionut"]), ("Florin", "Rostaș", []),
    ("Žaneta", "Horváthová", ["Zanet"]), ("Rudolf", "Giňa", ["Rudi"]), ("Yara", "Al-Khatib", []),
    ("Omar", "Haddad", []), ("Rojda", "Bilici", []), ("Dilan", "Zêrevan", []), ("Yonas", "Ghebremedhin", []),
    ("Selam", "Habte", []), ("Chiamaka", "Okonkwo", ["Amaka"]), ("Tunde", "Bakare", []),
    ("Efua", "Mensah", []), ("Kofi", "Boateng", []), ("Imran", "Chaudhry", []), ("Bushra", "Iqbal", []),
    ("Priya", "Raghunathan", []), ("Harjit", "Sandhu", []), ("Shirin", "Begum", []), ("Nazrul", "Islam", []),
    ("Mei-Ling", "Chan", []), ("Wei", "Zhang", []), ("Thanh", "Pham", []), ("Lan", "Tran", []),
    ("Maricel", "Dela Cruz", ["Marj"]), ("Jun", "Santos", []), ("Oksana", "Kovalenko", []),
    ("Taras", "Melnyk", []), ("Agnes", "Rattray", ["Nessie"]), ("Davie", "Baird", []),
    ("Ishbel", "Fraser", []), ("Magnus", "Rendall", []), ("Inga", "Jamieson", []), ("Lowrie", "Sandison", []),
    ("Euan", "MacPhail", []), ("Kirsty", "Oliver", []), ("Jamie", "Scott", []), ("Paula", "Cairns", []),
    ("Gerry", "Rooney", []), ("Bernadette", "Quinn", ["Bernie"]), ("Sadie", "Lafferty", []),
    ("Eck", "Morrison", ["Big Eck"]), ("Moira", "Cuthbert", []), ("Stacey", "Muir", ["Stace"]),
]
TITLES = ["Mr", "Mrs", "Ms", "Miss", "Dr", "Cllr", "PC", "Sgt"]
STAFF = [("PC", "Aileen", "Gow"), ("Sgt", "Ross", "Fairbairn"), ("Dr", "Priya", "Venkatesh"),
         ("Cllr", "Fiona", "Drummond"), ("Ms", "Lesley", "Tennant"), ("Mr", "Neil", "Buchan"),
         ("Dr", "Emeka", "Nwosu"), ("Cllr", "Tariq", "Shah"), ("Mrs", "Elspeth", "Coutts")]
REL = ["my neighbour", "her son", "my pal", "his wife", "my auntie", "my cousin", "the boy",
       "my granny", "oor", "my sister", "her man", "wee", "my daughter", "the lassie"]


def m(kind, s):
    return f"«{kind}:{s}»"


def person(form=None):
    f, l, nicks = R.choice(PEOPLE)
    forms = ["first", "full", "first", "lower", "title", "surname", "caps", "initial", "nick", "full"]
    form = form or R.choice(forms)
    if form == "nick" and not nicks:
        form = "first"
    s = {"first": f, "full": f"{f} {l}", "lower": f.lower(), "title": f"{R.choice(['Mr','Mrs','Ms','Miss'])} {l}",
         "surname": l, "caps": f"{f} {l}".upper(), "initial": f"{f[0]}. {l}",
         "nick": nicks[0] if nicks else f}[form]
    return m("person", s)


def first():
    return person(R.choice(["first", "first", "lower", "nick"]))


def staff():
    t, f, l = R.choice(STAFF)
    return m("person", R.choice([f"{t} {l}", f"{t} {f} {l}", f"{f} {l}", f"{f}"]))


# ---------------------------------------------------------------- identifiers
SAY = {"0": "oh", "1": "one", "2": "two", "3": "three", "4": "four", "5": "five", "6": "six",
       "7": "seven", "8": "eight", "9": "nine"}


def spoken(digits):
    out, i = [], 0
    while i < len(digits):
        if i + 1 < len(digits) and digits[i] == digits[i + 1]:
            out.append("double " + SAY[digits[i]]); i += 2
        else:
            out.append(SAY[digits[i]]); i += 1
    return " ".join(out)


def ocrify(s, p=0.35):
    tbl = {"0": "O", "1": "l", "5": "S", "O": "0", "I": "1", "l": "1", "S": "5", "B": "8"}
    return "".join(tbl[c] if c in tbl and R.random() < p else c for c in s)


def phone(style=None):
    mob = R.random() < 0.7
    tail = f"{R.randint(0, 999):03d}"
    if mob:
        d = "07700900" + tail
        forms = [f"07700 900{tail}", f"07700 900 {tail}", f"07700900{tail}", f"+44 7700 900 {tail}",
                 f"07700-900-{tail}", f"(07700) 900{tail}"]
    else:
        area = R.choice(["0141", "0131"])
        t4 = "0" + tail
        d = area + "496" + t4
        forms = [f"{area} 496 {t4}", f"({area}) 496 {t4}", f"{area}496{t4}", f"+44 {area[1:]} 496 {t4}"]
    style = style or R.choice(["typed"] * 5 + ["spoken"])
    if style == "spoken":
        if not mob:
            return m("phone", spoken(d[:4]) + ", " + spoken(d[4:7]) + ", " + spoken(d[7:]))
        return m("phone", spoken(d[:5]) + ", " + spoken(d[5:8]) + ", " + spoken(d[8:]))
    s = R.choice(forms)
    if style == "ocr":
        s = ocrify(s)
    return m("phone", s)


DOMAINS = ["example.com", "example.org", "example.net", "mail.example", "inbox.example", "postbox.example"]


def email(style=None):
    f, l, _ = R.choice(PEOPLE)
    fa = re.sub(r"[^a-z]", "", f.lower().replace("ł", "l"))
    la = re.sub(r"[^a-z]", "", l.lower())
    user = R.choice([f"{fa}.{la}", f"{fa}{R.randint(1, 99)}", f"{fa[0]}{la}", f"{fa}_{la}{R.randint(60, 99)}", f"{la}.{fa[0]}"])
    dom = R.choice(DOMAINS)
    style = style or R.choice(["typed"] * 5 + ["obf", "spoken"])
    if style == "obf":
        d1, d2 = dom.split(".")
        return m("email", R.choice([f"{user} at {d1} dot {d2}", f"{user} [at] {d1} [dot] {d2}", f"{user}(at){dom}"]))
    if style == "spoken":
        d1, d2 = dom.split(".")
        return m("email", f"{user.replace('.', ' dot ').replace('_', ' underscore ')} at {d1} dot {d2}")
    return m("email", user + "@" + dom)


AREAS = {"G42": "Govanhill", "G41": "Pollokshields", "G45": "Castlemilk", "FK8": "Raploch",
         "FK1": "Camelon", "FK3": "Grangemouth", "PH1": "Perth", "PH2": "Perth", "TD1": "Galashiels",
         "TD9": "Hawick", "KW15": "Kirkwall", "KW16": "Stromness", "ZE1": "Lerwick", "PA34": "Oban",
         "PA23": "Dunoon"}
L = "ABDEFGHJLNPQRSTUWXYZ"


def postcode(style=None):
    d = R.choice(list(AREAS))
    s = f"{d} {R.randint(1, 9)}{R.choice(L)}{R.choice(L)}"
    style = style or R.choice(["typed"] * 4 + ["lower", "nospace"])
    if style == "lower":
        s = s.lower()
    elif style == "nospace":
        s = s.replace(" ", "")
    elif style == "ocr":
        s = ocrify(s, 0.5)
    return m("postcode", s)


STREETS = ["Allison Street", "Calder Street", "Daisy Street", "Annette Street", "Dixon Avenue",
           "Westmoreland Street", "Albert Drive", "Maxwell Drive", "Leslie Street", "Keir Street",
           "Dougrie Road", "Machrie Drive", "Ardencraig Road", "Drip Road", "Menzies Drive",
           "Bannockburn Road", "Glasgow Road", "Carmuirs Avenue", "Kerse Road", "Abbots Road",
           "Crieff Road", "Rannoch Road", "High Buckholmside", "Wilton Hill", "Burnfoot Road",
           "Victoria Street", "Junction Road", "Commercial Street", "King Harald Street",
           "Soroba Road", "Glenshellach Terrace", "Argyll Street", "Alexandra Parade"]


def address(style=None):
    st = R.choice(STREETS)
    n = R.randint(1, 180)
    style = style or R.choice(["flat", "house", "flat", "street", "spoken", "full"])
    if style == "flat":
        return m("address", R.choice([f"Flat {R.randint(0, 3)}/{R.randint(1, 2)}, {n} {st}", f"{R.randint(0, 3)}/{R.randint(1, 2)} {n} {st}", f"{n}/{R.randint(1, 9)} {st}"]))
    if style == "house":
        return m("address", f"{n} {st}")
    if style == "street":
        return m("address", st)
    if style == "spoken":
        return m("address", f"{R.choice(['two stroke one', 'flat one left', 'nought stroke two'])}, {R.choice(['forty-five', 'twelve', 'a hundred and six', 'eight'])} {st}")
    d = R.choice(list(AREAS))
    return m("address", f"{n} {st}, {AREAS[d]} {d} {R.randint(1, 9)}{R.choice(L)}{R.choice(L)}")


def dob(style=None):
    d, mo, y = R.randint(1, 28), R.randint(1, 12), R.randint(1936, 2008)
    MON = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]
    style = style or R.choice(["slash", "dot", "long", "short", "spoken"])
    s = {"slash": f"{d:02d}/{mo:02d}/{y}", "dot": f"{d:02d}.{mo:02d}.{y % 100:02d}",
         "long": f"{d} {MON[mo - 1]} {y}", "short": f"{d}-{MON[mo - 1][:3]}-{y}",
         "spoken": f"the {['first','second','third','fourth','fifth','sixth','seventh','eighth','ninth','tenth','eleventh','twelfth','thirteenth','fourteenth','fifteenth','sixteenth','seventeenth','eighteenth','nineteenth','twentieth','twenty-first','twenty-second','twenty-third','twenty-fourth','twenty-fifth','twenty-sixth','twenty-seventh','twenty-eighth'][d-1]} of {MON[mo-1]} {['nineteen','nineteen','two thousand and'][0 if y < 2000 else 2]} {'' if y >= 2000 else ['forty','fifty','sixty','seventy','eighty','ninety','thirty'][(y//10)%10-4 if (y//10)%10>=4 else 6]}{'' if y>=2000 else ('-'+['','one','two','three','four','five','six','seven','eight','nine'][y%10] if y%10 else '')}{'' if y < 2000 else ' ' + ['','one','two','three','four','five','six','seven','eight'][y%10]}".replace("  ", " ").strip(),
         "ocr": ocrify(f"{d:02d}/{mo:02d}/{y}", 0.5)}[style]
    return m("date_of_birth", s.strip())


def nhs(style=None):
    digits = "".join(str(R.randint(0, 9)) for _ in range(10))
    style = style or R.choice(["plain", "spaced", "chi"])
    if style == "spaced":
        return m("nhs_number", f"{digits[:3]} {digits[3:6]} {digits[6:]}")
    if style == "chi":
        return m("nhs_number", f"{R.randint(1, 28):02d}{R.randint(1, 12):02d}{R.randint(40, 99)}{R.randint(1000, 9999)}")
    if style == "ocr":
        return m("nhs_number", ocrify(f"{digits[:3]} {digits[3:6]} {digits[6:]}", 0.5))
    return m("nhs_number", digits)


def ni(style=None):
    n = f"{R.randint(10, 99)} {R.randint(10, 99)} {R.randint(10, 99)}"
    pre = R.choice(["QQ", "QQ", "JT", "NR", "SK"])
    suf = R.choice("ABCD")
    style = style or R.choice(["typed", "nospace", "lower"])
    s = {"typed": f"{pre} {n} {suf}", "nospace": f"{pre}{n.replace(' ', '')}{suf}",
         "lower": f"{pre} {n} {suf}".lower(), "ocr": ocrify(f"{pre} {n} {suf}", 0.5)}[style]
    return m("ni_number", s)


def vreg():
    s = f"S{R.choice('NKFYVGX')}{R.choice(['15','16','18','19','21','22','68','69','70','71','73','74'])} {''.join(R.choice('ABCEFGHKLMNOPRSTUVWXY') for _ in range(3))}"
    return m("vehicle_reg", R.choice([s, s.replace(" ", ""), s.lower()]))


def pair():
    f, l, _ = R.choice(PEOPLE)
    fa = re.sub(r"[^a-z]", "", f.lower()); la_ = re.sub(r"[^a-z]", "", l.lower())
    return m("person", f"{f} {l}"), m("email", R.choice([f"{fa}.{la_}", f"{fa[0]}{la_}", f"{fa}{R.randint(1,99)}"]) + "@" + R.choice(DOMAINS))


def url():
    f, l, _ = R.choice(PEOPLE)
    fa = re.sub(r"[^a-z]", "", f.lower()); la = re.sub(r"[^a-z]", "", l.lower())
    return m("url", R.choice([f"gofundme.com/f/help-{fa}-{la}", f"https://www.facebook.com/{fa}.{la}.{R.randint(1,99)}",
                              f"linktr.ee/{fa}{la}", f"https://youtube.com/@{fa}{la}music", f"www.instagram.com/{fa}_{la}"]))


def handle():
    f, l, _ = R.choice(PEOPLE)
    fa = re.sub(r"[^a-z]", "", f.lower()); la = re.sub(r"[^a-z]", "", l.lower())
    return m("handle", R.choice([f"@{fa}_{la}", f"@{fa}{R.randint(80, 99)}", f"@{la}.{fa[0]}", f"{fa}_{la}_x"]))


# ---------------------------------------------------------------- look-alikes (NOT personal data)
LA = [
    "Forth Valley Royal", "the Wallace Monument", "Stirling Albion", "King Street", "Raploch Community Campus",
    "Callendar House", "the Kelpies", "the Helix", "Zetland Park", "the Falkirk Wheel", "Camelon Juniors",
    "Perth Royal Infirmary", "the South Inch", "the North Inch", "St Johnstone", "McDiarmid Park", "Bell's Sports Centre",
    "the AK Bell Library", "Murray Royal", "Fair Maid's House", "the Borders General", "Wilton Lodge Park",
    "the Heart of Hawick", "Abbotsford", "Scott's View", "Tweedbank", "the Balfour", "St Magnus Cathedral",
    "the Pickaquoy Centre", "Highland Park", "the Gilbert Bain", "Anderson High", "the Clickimin", "Mareel",
    "McCaig's Tower", "the Lorn and Islands", "the Corran Halls", "the Queen's Hall", "Benmore Gardens",
    "the Govanhill Baths", "Queen's Park", "Victoria Road", "Allison Street", "Maxwell Park", "Albert Drive",
    "the Castlemilk Stables", "the Queen Elizabeth", "Hampden", "Greggs",
    "the Co-op", "Sainsbury's", "Morrisons", "McDonald's", "Lidl", "the Aldi", "Farmfoods",
    "the Isle of Skye", "Iona", "the Clyde", "Rose Street", "Hope Street", "Grace Church", "the Iona Community",
    "Summer Street", "the Jade Garden", "Frank's Bar", "Mark's Autos", "Bill's Barbers",
    "the Victoria Infirmary", "Leslie Street", "Daisy Street", "Annette Street", "Dixon Halls", "Nithsdale Road",
    "the Tolbooth", "the Smith Museum", "the Wallace Arms", "the Bruce Hotel", "Gordon's Chippy", "the Moray Arms",
]
BRANDS = ["Irn-Bru", "Tunnock's", "Dr Martens", "Ben & Jerry's", "Mrs Brown's Boys", "Still Game", "Rab C Nesbitt",
          "Taggart", "Jack Daniel's", "Johnnie Walker", "Tennent's", "Runrig", "Skerryvore", "Simple Minds",
          "Belle and Sebastian", "Franz Ferdinand", "the Proclaimers", "Baxters", "Walkers", "Lyle & Scott",
          "Mackie's", "Clyde 1", "Marks & Spencer", "Sports Direct", "Harry Potter", "Peppa Pig", "Aunt Bessie's", "Uncle Ben's"]
FOODS = ["Irn-Bru", "Tunnock's", "Baxters", "Walkers", "Mackie's", "Aunt Bessie's", "Uncle Ben's", "Ben & Jerry's",
         "Mr Kipling", "Tennent's", "Johnnie Walker", "Jack Daniel's", "Marks & Spencer biscuits"]
PARKS = ["Queen's Park", "Wilton Lodge Park", "Zetland Park", "Maxwell Park", "the South Inch", "Callendar Park",
         "Castlemilk Park", "Benmore Gardens"]
PUBLIC_NEWS = ["John Swinney", "Humza Yousaf", "Anas Sarwar", "Keir Starmer", "Nicola Sturgeon", "Kate Forbes",
               "Douglas Ross", "Patrick Harvie", "Kirsty Wark", "Jackie Bird", "Lewis Capaldi", "Andy Murray"]
PUBLIC = ["John Swinney", "Humza Yousaf", "Anas Sarwar", "Keir Starmer", "Nicola Sturgeon", "Lewis Capaldi",
          "Paolo Nutini", "Andy Murray", "Nicola Benedetti", "Robert Burns", "William Wallace", "Robert the Bruce",
          "Walter Scott", "Kirsty Wark", "Jackie Bird"]
ROLE = ["Facilitator", "SPEAKER 2", "Health board", "Interpreter", "P-03", "P-07", "P-11", "Voice 1",
        "Housing officer", "Trading Standards", "Community Police", "the council", "Note-taker", "Chair",
        "Link worker", "Participant 4", "Volunteer", "Host", "Cllr (apologies)", "Tenant rep"]
SCOTS = ["aye", "naw", "ken", "peedie", "peerie", "wean", "bairn", "hen", "pal", "boggin", "gallus", "scunnered",
         "messages", "the stair", "the close", "the scheme", "dreich", "crabbit", "greetin", "swally"]
REFS = ["REF 2026/0417", "job no. 88213", "incident 0412 of 12 March", "case CS-44120", "order #77310",
        "invoice INV-2093", "room S.N.19", "bus 38", "the X27", "M9 J9", "A9", "A84", "B7076", "M74 J1A",
        "the 5 bus", "Zoom ID 882 4410 9921", "SC043211", "SCIO SC051177", "booking BK-7781", "FK8", "G42", "TD9",
        "PH1", "KW15", "ZE1", "PA34", "G41 and G45", "£3.50", "£1.45", "£900", "7726", "101", "111", "999",
        "10:30", "half seven", "Tues 14th", "12/03/2026", "week 6", "table 3", "2016", "1969"]


TV = ['Still Game', 'Taggart', 'Rab C Nesbitt', "Mrs Brown's Boys", 'River City', 'Shetland']


VENUES = ["Raploch Community Campus", "the Helix", "Zetland Park pavilion", "the AK Bell Library", "Letham Community Hub",
          "the Heart of Hawick", "Galashiels Volunteer Hall", "the Pickaquoy Centre", "Mareel", "the Rockfield Centre",
          "the Corran Halls", "the Queen's Hall", "the Govanhill Baths", "Dixon Halls", "Pollokshields Burgh Hall",
          "the Castlemilk Stables"]


def la():
    return R.choice(LA)


# ---------------------------------------------------------------- templates
TOWN = ["Raploch", "Camelon", "Grangemouth", "Perth", "Letham", "Galashiels", "Hawick", "Kirkwall", "Stromness",
        "Lerwick", "Oban", "Dunoon", "Govanhill", "Pollokshields", "Castlemilk"]


def T():
    return R.choice(TOWN)


NOTE_PD = [
    lambda: f"{first()} says the bus to {la()} never turns up after 6",
    lambda: f"ask {first()} about the damp – she said {person('title')} at no. 12 has it worse",
    lambda: f"{person()} – happy to do the radio intro next week. mob {phone()}",
    lambda: f"call {first()} back re food larder {phone()}",
    lambda: f"{first()} n {first()} will bring the urn",
    lambda: f"lift for {first()} wi {first()} – meet at {la()} 10am",
    lambda: f"{person('lower')} wants her name OFF the flipchart pls",
    lambda: f"{first()}s idea: WHO TO PHONE sheet for fridge",
    lambda: f"{first()}'s granny cant get to {la()} – 2 buses",
    lambda: f"{R.choice(REL)} {first()} has no heating since Oct ({address('street')})",
    lambda: f"email {email()} the photos from {T()}",
    lambda: (lambda n, e: f"{n} {e} – wants the minutes")(*pair()),
    lambda: f"new sign-up: {person('full')}, {phone()}, {postcode()}",
    lambda: f"{staff()} (housing) to come back to us by Fri",
    lambda: f"{staff()} said she'd chase environmental health",
    lambda: f"ACTION: {first()} to speak to {staff()} re: the close door",
    lambda: f"thank you {first()} for the tablet!!",
    lambda: f"{first()} wi the soup ❤",
    lambda: f"ask {person('surname')} if the hall is free Thurs",
    lambda: f"{first()} & {first()} – translation (Arabic/Kurdish)",
    lambda: f"{person('caps')} – CAN'T MAKE 14TH",
    lambda: f"Lives at {address('flat')} – {first()} asked us to post the voucher",
    lambda: f"{first()} moved to {address('street')}, new no. {phone()}",
    lambda: f"dropped off leaflets at {first()}'s (on {address('street')})",
    lambda: f"{person('initial')} – apols",
    lambda: f"who's {first()}? – the tenants' union guy, ask {first()}",
    lambda: f"{first()} sang at the end, lovely. Next time: {first()} on fiddle",
    lambda: f"{first()}'s son {first()} can fix bikes – Sat am?",
    lambda: f"insta for the youth group: {handle()} (ask {first()} first)",
    lambda: f"{first()} fundraiser {url()}",
    lambda: f"form for {person('full')}: DOB {dob()} postcode {postcode()}",
    lambda: f"{person('full')} – CHI {nhs('chi')} – needs interpreter ({R.choice(['Tigrinya','Sorani','Slovak','Romanian','Arabic','Cantonese'])})",
    lambda: f"car share: {first()}'s car {vreg()}, seats 4",
    lambda: f"{first()} keeps getting parked in – reg {vreg()} (not theirs, neighbour's?)",
]
NOTE_NOPD = [
    lambda: f"bus to {la()} – 2 buses from {T()}!!",
    lambda: f"Hope everyone got hame ok from {la()}",
    lambda: f"WHO FIXES WHAT?",
    lambda: f"{R.choice(ROLE)} to bring list of numbers (101, 111, 7726)",
    lambda: f"{la()} closes at 4 on a Sat now",
    lambda: f"NO heating in the close since {R.choice(['Oct','November','the 3rd'])}",
    lambda: f"more bins on {R.choice(STREETS)} pls",
    lambda: f"Will we get the minutes by email?",
    lambda: f"{la()} – good for the summer event?",
    lambda: f"Rose garden at {R.choice(PARKS)} – do a walk?",
    lambda: f"can we meet at {la()} instead of the hall",
    lambda: f"GRACE before the meal? (faith groups – ask)",
    lambda: f"mark on the map where the lights are out",
    lambda: f"Summer programme – {la()} / {la()}",
    lambda: f"{R.choice(PUBLIC_NEWS)} was on the news about the ferries again",
    lambda: f"someone said {R.choice(PUBLIC_NEWS)} should come to {T()} and see",
    lambda: f"{R.choice(['Robert Burns','William Wallace','Robert the Bruce','Walter Scott','Mary Queen of Scots','James Watt'])} – local history walk? statue / plaque",
    lambda: f"the {R.choice(['dreich','baltic','pure mingin','wild'])} weather put folk off",
    lambda: f"{R.choice(REFS)} – follow up",
    lambda: f"{R.choice(ROLE)}: thanks all. next session {R.choice(['Tues 14th','10:30 Weds','half seven Thurs'])} at {R.choice(VENUES)}",
    lambda: f"PARKING – use {R.choice(VENUES)} car park",
    lambda: f"Frank discussion about the rent rises",
    lambda: f"council tax bill – who can help?",
    lambda: f"BINGO at {la()} Weds",
    lambda: f"{R.choice(ROLE)} – bring the {R.choice(['urn','flipchart','tablet','sticky notes','recorder'])}",
    lambda: f"{T()}: {R.choice(['damp','rats','bins','buses','ferries','dentists','GP phones','scams','heating'])} – {R.choice(['top issue','2nd','mentioned x3','everyone agreed'])}",
    lambda: f"{la()} vs {la()} – where's better for the pop-up?",
    lambda: f"{R.choice(FOODS)} – {R.choice(['raffle prize?','the weans love it','someone brought it, ta','for the tea table'])}",
    lambda: f"{R.choice(BRANDS)} and {R.choice(BRANDS)} came up when we asked 'what's Scottish?'",
    lambda: f"named after somebody? {la()} / {la()} – local history walk idea",
    lambda: f"Scams: Hi Mum/Hi Dad texts, parcel texts (£1.45), fake HMRC – forward to 7726",
    lambda: f"{R.choice(['Clyde','Skye','Iona'])} trip for the kids? ({R.choice(['ferry £','minibus','ask council'])})",
    lambda: f"music: {R.choice(['Runrig','Skerryvore','Belle and Sebastian','the Proclaimers','Lewis Capaldi'])} for the intro?",
    lambda: f"watched {R.choice(['Still Game','Shetland','Taggart','River City','Rab C Nesbitt'])} together after – good craic",
    lambda: f"{R.choice(['Greggs','Tunnock','Baxters','Irn-Bru'])} donation for the tea?",
    lambda: f"postcodes for monitoring only: {R.choice(list(AREAS))} ({R.randint(2,20)}), {R.choice(list(AREAS))} ({R.randint(2,20)})",
    lambda: f"SPEAKER 1 and SPEAKER 3 talked over each other – check recording at {R.randint(1,40)}:{R.randint(10,59)}",
    lambda: f"P-{R.randint(1,13):02d} and P-{R.randint(1,13):02d} happy to go to council mtg",
    lambda: f"{R.choice(['Lost Mary','Elf Bar','Lost Mary / Elf Bar','Crystal Bar'])} vapes sold to kids at the shop near {la()} – TS interested",
    lambda: f"Up Helly Aa / Common Riding / the Ba' – belonging, but costly",
]

TS_PD = [
    lambda: f"SPEAKER 1: My number's {phone('spoken')}, if you want to text me the date.\nFACILITATOR: Thanks, I'll not put that in the notes.",
    lambda: f"FACILITATOR: And your name for the sheet?\nSPEAKER 2: {first()}. {person('full')}. Spelt how it sounds.",
    lambda: f"VOICE 2: {first()} went to {la()} wi her {R.choice(['maw','granny','wean'])} and waited four hours.\nVOICE 3: {first()}'s always at {la()}, her man works there.",
    lambda: f"INTERPRETER: She says her neighbour {first()} helps with the letters.\nFACILITATOR: That's lovely.",
    lambda: f"SPEAKER 3: Email me, it's {email('spoken')}.\nFACILITATOR: Got it.",
    lambda: f"SPEAKER 1: I'm on {address('street')}, the top flat. The roof's been leaking since {R.choice(['March','the summer','Christmas'])}.",
    lambda: f"{m('person', R.choice(['SADIE','TAM','MO','KWAME','NADIA','IONA','SKYE','DAREK','SENAIT']))}: [laughs] Naw, {first()} said that, no me.\nFACILITATOR: [inaudible]",
    lambda: f"SPEAKER 2: Born {dob('spoken')}, if you need it for the form.\nFACILITATOR: We don't, but thanks.",
    lambda: f"SPEAKER 4: My postcode's {postcode()}. Is that in the area?\nFACILITATOR: It is, aye.",
    lambda: f"SPEAKER 1: {first()} — sorry, {first()} — was it you that said about {la()}?\nSPEAKER 2: Aye, that was me.",
    lambda: f"VOICE 1: The one fae the council, {staff()}, said they'd come back. Never did.\nVOICE 2: They never do.",
    lambda: f"SPEAKER 3: My name's {first()}, that's {'-'.join(R.choice(['M','A','R','I','E','K','O','S']) for _ in range(5))}— och, just {first()}.",
    lambda: f"FACILITATOR: {first()}, do you want to add anything?\nSPEAKER 2: Just that {R.choice(REL)} {first()} couldnae get an appointment either.",
]
TS_NOPD = [
    lambda: f"FACILITATOR: Okay, we're recording. Just P-numbers today.\nP-{R.randint(1,13):02d}: Fine by me.\nP-{R.randint(1,13):02d}: Aye.",
    lambda: f"SPEAKER 1: Will they actually listen though?\nHEALTH BOARD: I hope so. That's why I'm here.\nSPEAKER 1: Hope's no a plan. [laughter]",
    lambda: f"VOICE 2: You ken {la()}? It's shut on a {R.choice(['Monday','Sunday','Wednesday'])} now.\nVOICE 1: Since when?\nVOICE 2: Since the cuts.",
    lambda: f"SPEAKER 2: My granny's {R.randint(80,96)}. She was born in {R.choice(['Lahore','Homs','Kumasi','Asmara','Košice','Tiree','Yell','Cork'])}.\nFACILITATOR: And she's still in {T()}?\nSPEAKER 2: Aye.",
    lambda: f"FACILITATOR: Did anyone see {R.choice(PUBLIC_NEWS)} on Reporting Scotland last night?\nSPEAKER 3: Aye, talking rubbish about the ferries. [laughter]",
    lambda: f"SPEAKER 1: [crosstalk] —the bus, the {R.choice(['38','X27','5','B7'])}—\nSPEAKER 2: [inaudible]\nFACILITATOR: One at a time, sorry!",
    lambda: f"INTERPRETER: He says the letter had a reference number, {R.choice(REFS)}, but nobody could find it.\nHOUSING OFFICER: Typical.",
    lambda: f"SPEAKER 2: It's like {R.choice(TV)} in our close, honestly. [laughter]",
    lambda: f"SPEAKER 3: Frank? Naw, I'm being frank. [laughter] I mean honest.",
    lambda: f"FACILITATOR: So the theme is summer — Summer activities, I mean, for the weans.\nSPEAKER 1: Aye, the summer's dead in {T()}.",
    lambda: f"VOICE 1: Call 101, no 999, unless it's an emergency.\nPOLICE: That's right.\nVOICE 2: 101 takes forty minutes!",
    lambda: f"SPEAKER 2: The Clyde's that high after the rain. And the path at {R.choice(PARKS)}'s flooded.\nFACILITATOR: Noted.",
    lambda: (lambda w: f"SPEAKER 1: It's {w}, that's the word. Just {w}.\nINTERPRETER: [laughs] I cannot translate that.")(R.choice(SCOTS)),
]

WA_PD = [
    lambda: f"[{R.randint(1,28):02d}/0{R.randint(1,9)}/2026, {R.randint(7,22)}:{R.randint(10,59)}] {person('full')}: {R.choice(['running late sorry!!','is the hall open?','can someone bring milk','aye see you there 👍'])}",
    lambda: f"[{R.randint(1,28):02d}/0{R.randint(1,9)}/2026, {R.randint(7,22)}:{R.randint(10,59)}] {first()}: {first()} can you send me {first()}'s number\n[{R.randint(1,28):02d}/0{R.randint(1,9)}/2026, {R.randint(7,22)}:{R.randint(10,59)}] {first()}: {phone()}",
    lambda: (lambda d, h: f"{d}/26, {h}:{R.randint(10,29)} - {phone('typed')}: hi is this the group for the {T()} radio thing?\n{d}/26, {h}:{R.randint(30,59)} - {person('full')}: Yes! welcome 😊")(f"{R.randint(1,28)}/{R.randint(1,9)}", R.randint(7,22)),
    lambda: (lambda h: f"{first()} [{h}:{R.randint(10,29)}]: anyone seen {first()} today?\n{first()} [{h}:{R.randint(30,59)}]: she's at {la()} with her maw")(R.randint(7,22)),
    lambda: f"[{R.randint(1,28):02d}/0{R.randint(1,9)}/2026, {R.randint(7,22)}:{R.randint(10,59)}] ~ {first()}: sorry cant make it, wean's no well",
    lambda: f"[{R.randint(7,22)}:{R.randint(10,59)}] {first()}: my email is {email()} if you want to send the form",
    lambda: f"[{R.randint(7,22)}:{R.randint(10,59)}] {person('full')} (Housing): I'll chase the repair for {address('flat')} tomorrow",
    lambda: f"{first()}: lol {first()} u were brilliant on the radio 😂😂\n{first()}: stoppp",
    lambda: f"[{R.randint(7,22)}:{R.randint(10,59)}] {first()}: follow us on tiktok I'm {handle()} 🎤",
    lambda: f"#general | «handle:{R.choice(['kez','tam_lerwick','skye.r','nadz'])}»: {first()} did u get the link\n#general | {first()}: ya ta",
]
WA_NOPD = [
    lambda: f"[{R.randint(1,28):02d}/0{R.randint(1,9)}/2026, {R.randint(7,22)}:{R.randint(10,59)}] Facilitator (radio lab): Reminder – session at {R.choice(VENUES)} {R.choice(['10:30','half 6','2pm'])}. Bring a pal!",
    lambda: f"[{R.randint(7,22)}:{R.randint(10,59)}] P-{R.randint(1,13):02d}: 👍\n[{R.randint(7,22)}:{R.randint(10,59)}] P-{R.randint(1,13):02d}: 👍👍",
    lambda: f"Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.",
    lambda: f"[{R.randint(7,22)}:{R.randint(10,59)}] Admin: <Media omitted>\n[{R.randint(7,22)}:{R.randint(10,59)}] Admin: poster for {la()} 👆",
    lambda: f"[{R.randint(7,22)}:{R.randint(10,59)}] Health board: Link for Thursday: Teams meeting ID {R.randint(100,999)} {R.randint(100,999)} {R.randint(100,999)}",
    lambda: f"[{R.randint(7,22)}:{R.randint(10,59)}] Group: You changed the group name to \"{T()} Radio Lab 🎙\"",
    lambda: f"[{R.randint(7,22)}:{R.randint(10,59)}] P-{R.randint(1,13):02d}: Will do!! Hope the weather holds",
    lambda: f"[{R.randint(7,22)}:{R.randint(10,59)}] Volunteer: Greggs is shut, getting rolls fae the Co-op instead",
]

OCR_PD = [
    lambda: ocr_wrap(f"SIGN-IN SHEET  {T().upper()}\nName: {person('full')}   Tel: {phone('ocr')}\nName: {person('full')}   Tel: {phone('ocr')}\nName: {person()}   Tel: —"),
    lambda: ocr_wrap(f"REFERRAL FORM\nName {person('caps')}\nD.O.B {dob('ocr')}\nCHI {nhs('ocr')}\nAddress {address('full')}"),
    lambda: (lambda f, l: ocr_wrap(f"CONSENT\nI, «person:{f} {l}», agree to be recorded.\nSigned «person:{f[0]}. {l}»   Date {R.randint(1,28)}/0{R.randint(1,9)}/26"))(*R.choice(PEOPLE)[:2]),
    lambda: ocr_wrap(f"Flipchart p.{R.randint(1,9)}\n- {first()}: buses!!\n- damp ({first()}, {first()})\n- {la()}"),
    lambda: ocr_wrap(f"Benefits check form\nNI No: {ni('ocr')}\nPostcode: {postcode('ocr')}\nPhone: {phone('ocr')}"),
    lambda: (lambda n, e: ocr_wrap(f"VOLUNTEER DRIVER\nName: {n}\nVehicle reg: {vreg()}\nEmail: {e}"))(*pair()),
]
OCR_NOPD = [
    lambda: ocr_wrap(f"WELCOME TO THE {T().upper()} RADIO LAB\nToilets: left\nWifi: {R.choice(['Guest','Campus-Public','Library'])}  pw on desk"),
    lambda: ocr_wrap(f"Flipchart – WHAT MATTERS\n* buses to {la()}\n* {la()}\n* HOPE / FAITH / TRUST\n* GP phones 8am"),
    lambda: ocr_wrap(f"NAME: ________  P-NUMBER: P-{R.randint(1,13):02d}\nPOSTCODE DISTRICT: {R.choice(list(AREAS))}\nAGE BAND: 65+"),
    lambda: ocr_wrap(f"Poster: {la().upper()} – COMMUNITY LARDER – TUES & THURS 10-12 – ALL WELCOME"),
    lambda: ocr_wrap(f"INCIDENT REF {R.choice(['0412 of 12 March','PS-20260331-0188','CPT-G-0882','1187 of 02/04'])}\nOfficer: Community Police Team\nAction: leaflets"),
]


def ocr_wrap(s):
    parts = re.split(r"(«[a-z_]+:[^«»]+»)", s)
    out = []
    for p in parts:
        mm = re.match(r"«([a-z_]+):([^«»]+)»", p)
        if mm:
            surf = mm.group(2)
            if mm.group(1) == "person" and R.random() < 0.3:
                surf = ocrify(surf, 0.3)
            out.append(f"«{mm.group(1)}:{surf}»")
        else:
            out.append(ocrify(p, 0.08))
    return "".join(out)


EM_PD = [
    lambda: (lambda n, e: f"From: {n} <{e}>\nSubject: {T()} session\n\nHi all,\n\nSorry I missed Thursday. {first()} said it went well. Can you send me the notes?\n\nThanks,\n{n}\n{phone('typed')}")(*pair()),
    lambda: f"Subject: RE: repairs\n\nHi {first()},\n\nI've passed {address('flat')} to the repairs team. {staff()} will be in touch.\n\nKind regards\n{staff()}\nHousing Services\nThis email and any attachments are confidential. If you have received it in error please notify the sender.",
    lambda: f"Hi team – just to flag {person('full')} (DOB {dob(R.choice(['slash','long','dot','short']))}, CHI {nhs('chi')}) has asked for a {R.choice(['Tigrinya','Arabic','Slovak','Vietnamese'])} interpreter next time. Thanks, {first()}",
    lambda: f"From: {staff()}\nTo: radio lab\nSubject: Trading Standards follow-up\n\nThe trader's van was {vreg()}. Please do not share beyond the group.\n\n{staff()}",
]
EM_NOPD = [
    lambda: f"Subject: Room booking – {R.choice(VENUES)}\n\nHi,\n\nConfirming {R.choice(['Room 2','the main hall','the studio'])} for Tues 14th, 10:30–12:30. Booking ref {R.choice(['BK-7781','BK-8120','LA/ROOM/2214'])}.\n\nFacilities team",
    lambda: f"Subject: Newsletter\n\nThis month: {la()} reopens, the Summer programme, and a visit from the Health board. Hope to see you!\n\nTo unsubscribe reply STOP.",
    lambda: f"This email was sent from an unmonitored mailbox. Please do not reply. Scottish Charity No. {R.choice(['SC043211','SC051177','SC012345'])}.",
]


EM_PD += [
    lambda: (lambda n, e: f"{R.choice(['Sent from my iPhone','Get Outlook for Android'])}\n\n-----Original Message-----\nFrom: {n} <{e}>\nSent: {R.choice(['Monday','Tuesday','Friday'])} {R.randint(1,28)} {R.choice(['March','April','May'])} 2026 {R.randint(8,20)}:{R.randint(10,59)}\nSubject: can't make it\n\nHiya, I'll not make it to {la()} on Thursday, {R.choice(REL)} {first()}'s in hospital. Pass on my apologies. «person:{n.split(':')[1].split()[0]}»")(*pair()),
    lambda: f"Subject: Volunteer driver expenses\n\nHi,\n\nMileage for {first()} ({R.randint(12,90)} miles, {la()} and back). Car: {vreg()}. Paid to the usual account.\n\nCheers\n{person('full')}\nVolunteer Coordinator",
    lambda: f"Hi {first()},\n\nLovely to meet you at {la()}. Here's the link to my page: {url()}. Would be great if the radio lab could share it.\n\nBest wishes\n{person('full')}\n{handle()} on insta",
    lambda: f"Subject: Benefits appointment\n\nDear {person('title')},\n\nYour appointment is confirmed for {R.randint(1,28)} {R.choice(['April','May','June'])} at {R.choice(['10:30','14:00','11:15'])}. Please bring ID and your National Insurance number ({ni('typed')}).\n\nWelfare Rights Team",
]
EM_NOPD += [
    lambda: f"Subject: FW: Agenda – partners meeting\n\n1. Welcome (Chair)\n2. Update from Health board\n3. {la()} – venue for June\n4. Trading Standards: doorstep crime figures Q1\n5. AOB\n\nApologies: Police Scotland, Housing",
    lambda: f"Subject: Photos from {T()}\n\nHi all,\n\nPhotos are up on the shared drive (no faces, as agreed). Thanks to everyone at {R.choice(VENUES)}. Hope you enjoyed it!\n\nRadio Lab team",
    lambda: f"Subject: Fridge sheet – translations\n\nAttached: Tigrinya, Arabic, Sorani, Kurmanji, Dari, Slovak, Romanian, Vietnamese, Ukrainian versions. Numbers on it: 111, 101, 999, 7726, NHS inform. Please check before printing.\n\nHealth Improvement Team\nNHS {R.choice(['Tayside','Forth Valley','Borders','Orkney','Shetland','Highland','Greater Glasgow and Clyde'])}",
    lambda: f"Subject: Grace period for rent arrears\n\nA reminder that the grace period for the winter fuel fund closes on the 31st. Will you share it with anyone who might be eligible?.\n\nMoney Advice, {T()}",
]



REASONS = ['childcare', 'work', 'hospital', "Jumu'ah", "the Ba'"]
SAINTS = ["St Andrew's", "St Columba's", "St Mary's", "St Ninian's", "St Francis", "St Bride's"]
PRIZES = ['Mr Kipling', 'Uncle Ben', 'Aunt Bessie', 'Captain Birdseye', 'Little Chef', "Papa John's", "Mrs Crimble's"]
MATCHES = ['Albion', 'St Johnstone game', 'Gala Fairydean game', "Ba'"]
LABMSG = ['Episode 3 is live! 🎙', 'Thanks all ❤', "Tea and Tunnock's provided", 'Room changed to Studio 2']

NOTE_PD += [
    lambda: f"{first()} – postcode {postcode()} – is that in our area for the larder?",
    lambda: f"{first()}'s new flat: {postcode()} ({R.choice(['top floor','no lift','ground floor, ramp'])})",
    lambda: f"PIP form – {first()} – NI {ni(R.choice(['typed','nospace','lower']))} – keep in the locked drawer",
    lambda: f"taxi for {first()}: pick up {address('house')}, {postcode('typed')}, {R.choice(['9.15','10am','half 1'])}",

    lambda: "SIGN-IN – " + T() + "\n" + "\n".join(f"{i}. {person(R.choice(['full','full','initial','first','lower']))}" + R.choice(["", " ✔", f" {phone('typed')}", " (late)", " +1"]) for i in range(1, R.randint(3, 7))),
    lambda: (lambda a, b, c: f"Present: «person:{a[0]} {a[1]}», «person:{b[0]} {b[1]}», {R.choice(ROLE)}, {R.choice(ROLE)}\nApologies: «person:{c[0]}», {staff()}")(*R.sample(PEOPLE, 3)) + f"\n1. {R.choice(['Bins','Buses','Damp','Ferries','GP phones','Scams'])} – update\n2. AOB",
    lambda: f"{first()} – {R.choice(['can do','cannae do','maybe'])} {R.choice(['Tues','Weds','Sat'])} – {R.choice(REASONS)}",
    lambda: f"{R.choice(REL)} {first()} – {R.choice(['no heating','rats in the back court','lift broken','door entry bust','benefit sanction','scam call'])} – {R.choice(['follow up','passed to HB','TS aware','told her about 7726'])}",
    lambda: f"FACILITATOR NOTES – {T()}\n{R.randint(5,15)} came. {first()} led the first bit on {R.choice(['damp','transport','scams','food prices','ferries','GP access'])}; {first()} and {first()} disagreed (in a good way) about {la()}. {R.choice(ROLE)} listened. Next time: ask {first()} to bring {R.choice(REL)} {first()}, who has a story about {la()}.",
    lambda: f"{first()}: \"{R.choice(['naebody listens','we need a map','the bus is the problem','it is the system, no the staff','the weans first','nae mair forms'])}\" – quote for the show?",
    lambda: f"photo consent: {person('full')} yes, {person('full')} NO, {person('full')} faces blurred only",
    lambda: f"{first()} ({R.choice(['Tigrinya','Arabic','Kurmanji','Sorani','Slovak','Romanes','Romanian','Polish','Urdu','Bengali','Cantonese','Vietnamese','Tagalog','Ukrainian','Twi','Yoruba'])}) happy to help interpret – informal only",
    lambda: f"{first()} – birthday {R.choice(['Sat','next wk','the 14th'])} – card from the group?",
    lambda: f"Lift: {first()} picks up {first()} from {address('street')} at 9.45",
    lambda: f"{person('surname')} family – {address('house')} – flooded Jan, insurance saga",
    lambda: f"{first()} said {person('title')} (landlord) still hasn't fixed the window",
]
NOTE_NOPD += [
    lambda: f"{R.choice(['TEA','COFFEE','BISCUITS','SOUP'])} – {R.choice(['donations pls','£1','free'])}",
    lambda: f"{T()} – {R.choice(['14','9','22','6'])} ppl – {R.choice(['3 new','all regulars','5 new, 2 w interpreter'])}",
    lambda: f"ACTIONS\n- {R.choice(ROLE)}: {R.choice(['chase repairs','book room','send minutes','print fridge sheet'])}\n- {R.choice(ROLE)}: {R.choice(['call HB','check bus times','ask about the hall','leaflets to chemist'])}\n- P-{R.randint(1,13):02d}: {R.choice(['bring a pal','do the intro','draw the poster'])}",
    lambda: f"{R.choice(['ROSE','HOPE','GRACE','FAITH','JOY','MERCY'])} – words people used for what they want from the council",
    lambda: f"{R.choice(SAINTS)} hall – free on {R.choice(['Mondays','Weds eve','Sat am'])}",
    lambda: f"{R.choice(['Wallace','Bruce','Burns','Scott','Gordon','Stewart','Douglas','Campbell'])} {R.choice(['Street','Court','Crescent','House','Arms','Park','Primary'])} – {R.choice(['venue?','bad lighting','flytipping','new flats','the old school'])}",
    lambda: f"{R.choice(PRIZES)} – raffle prizes lol",
    lambda: f"{R.choice(['Brooke','Jade','Rose','Summer','Hope','Frank','Will','Mark','Bill','Grace','Iona','Skye','Clyde'])}? – name or word? (checked: word here)",
    lambda: f"\"{R.choice(['Haud yer wheesht','Gonnae no dae that','Whit like','Peedie breeks','Du kens','Awa an bile yer heid'])}\" – Scots phrase wall",
    lambda: f"{R.choice(['B8033','A811','A9','A85','A815','A7','A68','M80','M9','A970'])} – {R.choice(['roadworks till June','accident blackspot','the only road in','buses diverted'])}",
    lambda: f"Bus {R.choice(['38','53','16','X7','95','4','31','X95','486','X10'])} – {R.choice(['cut after 7','now hourly','stops at Larbert','cancelled Sundays'])}",
]
TS_NOPD += [
    lambda: f"FACILITATOR: Let's go round. What's one word for {T()}?\nP-{R.randint(1,13):02d}: Home.\nP-{R.randint(1,13):02d}: Windy. [laughter]\nP-{R.randint(1,13):02d}: {R.choice(['Pals','Ferries','Rain','Community','Family'])}.",
    lambda: f"SPEAKER 2: The {R.choice(['Gilbert Bain','Balfour','Borders General','Lorn and Islands','Victoria Infirmary','Queen Elizabeth','Perth Royal'])} — naw, the other one — I get them mixed up.\nSPEAKER 1: Everybody does.",
    lambda: f"VOICE 1: Is that {R.choice(['Wallace','Bruce','Burns'])} as in the statue or a man?\nVOICE 2: The statue! [laughter]",
    lambda: f"SPEAKER 1: We watched {R.choice(TV)} last night. Jack and Victor, brilliant.\nSPEAKER 2: Naw, that's Still Game. [laughter]",
    lambda: f"HEALTH BOARD: I can't comment on individual cases, but I'll take that back.\nSPEAKER 3: That's what they always say.\nFACILITATOR: [laughs] Okay, moving on.",
    lambda: f"SPEAKER 2: The {R.choice(['Co-op','Greggs','Farmfoods','Aldi'])} on {R.choice(['Victoria Road','Glasgow Road','the High Street','Commercial Street','Main Street'])} shut. Now it's a vape shop.\nSPEAKER 1: Everything's a vape shop.",
    lambda: f"INTERPRETER: She is asking what \"{R.choice(['messages','the close','a piece','greetin','the scheme'])}\" means.\nSPEAKER 1: [laughs] Och, sorry.",
]
TS_PD += [
    lambda: f"FACILITATOR: And who's this?\nSPEAKER 3: This is {R.choice(REL).replace('my','my')} {first()}. Say hello, {first()}.\n[child laughs]",
    lambda: f"SPEAKER 1: {first()} and {first()} — they're no here the day, they're at the {R.choice(MATCHES)}.",
    lambda: f"SPEAKER 2: I phoned {staff()} at the council. Direct line, {phone('typed')}. Nothing.",
    lambda: f"SPEAKER 1: My pal {first()} — «person:{R.choice(['Big','Wee'])} {R.choice(['Pat','Shuggie','Rab','Senga','Mags','Tam'])}» we cry him — he's got a van.",
]
WA_NOPD += [
    lambda: f"[{R.randint(7,22)}:{R.randint(10,59)}] P-{R.randint(1,13):02d}: {R.choice(['Boat aff again 🙄','Bus no came','Hall locked??','On my way','Anyone got a charger'])}",
    lambda: f"[{R.randint(7,22)}:{R.randint(10,59)}] {T()} Radio Lab: {R.choice(LABMSG)}",
    lambda: f"[{R.randint(7,22)}:{R.randint(10,59)}] Facilitator: Hope you all got hame ok. Grace period on the forms till Friday!",
    lambda: f"[{R.randint(7,22)}:{R.randint(10,59)}] Health board: {R.choice(['Fridge sheet attached (English)','Link for Thursday below','Sorry, running 10 min late'])}",
]
WA_PD += [
    lambda: f"[{R.randint(7,22)}:{R.randint(10,59)}] {person('full')}: 📍 Location: {address('house')}\n[{R.randint(7,22)}:{R.randint(10,59)}] {first()}: on my way",
    lambda: (lambda h: f"[{h}:{R.randint(10,29)}] {first()}: {first()} u coming?\n[{h}:{R.randint(30,59)}] {first()}: 5 min")(R.randint(7,22)),
    lambda: f"[{R.randint(7,22)}:{R.randint(10,59)}] {first()}: this is {first()}'s new number {phone('typed')} 👈",
]
OCR_NOPD += [
    lambda: ocr_wrap(f"Flipchart – {T().upper()}\n{R.choice(['BUSES','FERRIES','DAMP','SCAMS','GP'])} ✔✔✔\n{la().upper()}\nP-{R.randint(1,6):02d} + P-{R.randint(7,13):02d} to council"),
    lambda: ocr_wrap(f"Timetable (photo)\n{R.choice(['38','X27','16','52'])}  0{R.randint(6,9)}:{R.randint(10,59)}  {R.randint(10,18)}:{R.randint(10,59)}  {R.randint(18,19)}:{R.randint(10,59)}\nNo service after 19:00"),
    lambda: ocr_wrap(f"Leaflet: SCAM AWARE\nHi Mum? Hi Dad? STOP. CALL THE OLD NUMBER.\nForward texts to 7726. Police 101 / 999."),
]
OCR_PD += [
    lambda: ocr_wrap(f"Larder registration\nName: {person('full')}\nPostcode: {postcode('ocr')}\nHousehold: {R.randint(1,7)}"),
    lambda: ocr_wrap(f"Welfare rights – checklist\n[x] ID   [x] NI no: {ni('ocr')}\n[ ] bank statement\nClient: {person('initial')}"),

    lambda: ocr_wrap(f"POST-IT: {first()} – {R.choice(['call me','text pls','ring after 6'])} {phone('ocr')}"),
    lambda: ocr_wrap(f"Sign-in\n" + "\n".join(f"{person(R.choice(['full','caps','initial']))}  {R.choice(['✔','✔','x',''])}" for _ in range(R.randint(3,6)))),
]



BUSREPLY = ['typical', 'every time', "get a taxi, I'll split it"]
WA_NOPD += [
    lambda: f"[{R.randint(7,22)}:{R.randint(10,59)}] P-{R.randint(1,13):02d}: anyone watching {R.choice(TV)} the night? 📺",
    lambda: f"[{R.randint(7,22)}:{R.randint(10,59)}] P-{R.randint(1,13):02d}: {R.choice(PUBLIC_NEWS)} on the telly again talking about {R.choice(['ferries','the refinery','GP waiting lists','the cost of living','Gaza','bus fares'])} 🙄",
    lambda: f"[{R.randint(7,22)}:{R.randint(10,59)}] Facilitator: Next session {R.choice(['Tues','Weds','Thurs'])} at {R.choice(VENUES)}, {R.choice(['10:30','2pm','6.30pm'])}. Theme: {R.choice(['damp','ferries','scams','GP access','jobs','food'])}",
    lambda: f"[{R.randint(7,22)}:{R.randint(10,59)}] P-{R.randint(1,13):02d}: the {R.choice(['38','X27','16','31','5','X95'])} is aff AGAIN 😤\n[{R.randint(7,22)}:{R.randint(10,59)}] P-{R.randint(1,13):02d}: {R.choice(BUSREPLY)}",
    lambda: f"[{R.randint(7,22)}:{R.randint(10,59)}] Admin: You added Interpreter (Tigrinya)\n[{R.randint(7,22)}:{R.randint(10,59)}] Interpreter (Tigrinya): Hello everyone 👋",
    lambda: f"[{R.randint(7,22)}:{R.randint(10,59)}] P-{R.randint(1,13):02d}: {R.choice(['Ramadan Mubarak 🌙','Happy Diwali 🪔','Merry Christmas 🎄','Happy Easter 🐣','Eid Mubarak ✨','Happy Vaisakhi','Christos voskres!','Happy New Year – Up Helly Aa next 🔥'])}",
    lambda: f"[{R.randint(7,22)}:{R.randint(10,59)}] Health board: Reminder – {R.choice(['flu jabs at','Covid boosters at','the pop-up clinic at'])} {R.choice(VENUES)} this {R.choice(['Saturday','Friday','Monday'])}",
    lambda: f"[{R.randint(7,22)}:{R.randint(10,59)}] P-{R.randint(1,13):02d}: Dr Martens sale at the outlet if anyone's looking 👀",
    lambda: f"[{R.randint(7,22)}:{R.randint(10,59)}] P-{R.randint(1,13):02d}: Will do. Summer's nearly here 🌞\n[{R.randint(7,22)}:{R.randint(10,59)}] P-{R.randint(1,13):02d}: in {R.choice(['Lerwick','Kirkwall','Oban'])}? 😂",
    lambda: f"[{R.randint(7,22)}:{R.randint(10,59)}] {T()} Radio Lab: This message was deleted",
]

SEEN = set()


def build(name, src, pd, nopd, n, pd_share):
    recs = []
    for i in range(n):
        pool = pd if R.random() < pd_share else nopd
        for _ in range(50):  # avoid exact duplicate records
            rec = f"### {src}\n" + R.choice(pool)()
            if rec not in SEEN:
                break
        SEEN.add(rec)
        recs.append(rec)
    with open(os.path.join(HERE, "src", name), "w", encoding="utf-8") as fh:
        fh.write("\n".join(recs) + "\n")


if __name__ == "__main__":
    import sys
    counts = dict(a.split("=") for a in sys.argv[1:])
    build("90_gen_notes.txt", "note", NOTE_PD, NOTE_NOPD, int(counts.get("note", 0)), 0.25)
    build("91_gen_transcripts.txt", "transcript", TS_PD, TS_NOPD, int(counts.get("transcript", 0)), 0.15)
    build("92_gen_chats.txt", "whatsapp", WA_PD, WA_NOPD, int(counts.get("whatsapp", 0)), 0.1)
    build("93_gen_ocr.txt", "ocr", OCR_PD, OCR_NOPD, int(counts.get("ocr", 0)), 0.3)
    build("94_gen_email.txt", "email_paste", EM_PD, EM_NOPD, int(counts.get("email", 0)), 0.3)
