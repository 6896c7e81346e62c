"""Where a person lives: rooms and apartments ("kamer 3.14", "k12", "app. 21") and street addresses ("Markt 5")."""

from __future__ import annotations

import re
from collections.abc import Callable

from .findings import Finding, finding, near, word_set
from .numwords import NUMBER_WORD

# Health details near a name, room or address make it far more identifying (AVG art. 9).
HEALTH = re.compile(
    r"\b(dement\w*|alzheimer\w*|parkinson\w*|diabet\w*|kanker|tumor|depressi\w*|delier\w*|decubitus|"
    r"cva|beroerte|epilep\w*|psychose|psychotisch|verslav\w*|overleden|overlijden|palliatie\w*|insuline|"
    r"morfine|medicatie\w*|incontinent\w*|hartfalen|copd|autis\w*|adhd|suïcid\w*|suicid\w*|gevallen|valincident|"
    r"wond\w*|sondevoeding|fixatie|separatie|hiv|aids|schizofre\w*)\b",
    re.I,
)

# Words after a number that make it a quantity rather than a house or room number.
UNITS = re.compile(
    r"^\s*(%|procent|keer|x\b|minuten|minuut|min\b|uur|uren|dagen|dag\b|weken|week|maanden|maand|jaar|jaren|"
    r"km|kilometer|meter|m\b|euro|cliënten|clienten|bewoners|collega|collega's|mensen|personen|stuks|stappen|"
    r"punten|plekken|bedden|kamers|overleggen|meldingen|acties|fte|stoelen|tafels|bankjes|mg\b|mcg|microgram|ml\b|"
    r"milligram|gram|gr\b|g\b|kg\b|kilo|liter|l\b|cc\b|ie\b|eenheden|tablet\w*|pil\w*|capsule\w*|druppel\w*|"
    r"puf\w*|zakje\w*|doses|dosis|kinderen|kleinkinderen|teams|cm\b|graden|°)",
    re.I,
)

# ----- rooms -----------------------------------------------------------------------------------------------

_NUMBER = r"((?:[A-Za-z]-?)?\d{1,4}(?:[.,]\d{1,3})?[a-zA-Z]?)(?!\w|[.,]\d)"
_ROOM = re.compile(
    r"(?<![\w-])(?i:kamer(?:nummer|nr\.?|tje)?|kmr\.?|appartement|app\.?|studio|woning|wooneenheid|chalet|bed)"
    rf"\s*(?:(?i:nr\.?|nummer)\s*)?{_NUMBER}"
)
# "kamer twaalf", "appartement drieëntwintig": the number in words (not "een", which is the article).
_ROOM_IN_WORDS = re.compile(
    rf"(?<![\w-])(?i:kamer(?:nummer)?|appartement|studio|wooneenheid)\s+(?i:nummer\s+)?(?i:{NUMBER_WORD})(?![\w-])"
)
# "kamers 3 en 5", "appartementen 12, 14 en 16": several rooms at once.
_ROOMS = re.compile(
    r"(?<![\w-])(?i:kamers|kamernummers|appartementen|studio's)\s+(?:(?i:nr\.?|nummers?)\s*)?"
    r"\d{1,4}[a-zA-Z]?(?:\s*(?:,|&|\+|/|(?i:en|of))\s*\d{1,4}[a-zA-Z]?)+(?!\w|[.,]\d)"
)
# "de meneer van 17", "de dame in 104", "bewoner C14": a person and a bare number is a room in this domain.
_PERSON_NUMBER = re.compile(
    r"(?i:\b(?:meneer|mevrouw|mijnheer|dame|heer|man|vrouw|bewoner|bewoonster|cliënt|client|cliënte|patiënt|patient|"
    r"opa|oma|meneertje|mevrouwtje|mw\.?|dhr\.?|mevr\.?)(?:\s+(van|in|op|uit|naar|bij))?\s+)"
    r"((?(1)\d{1,3}|[A-Za-z]-?\d{1,3})[a-z]?)(?!\w|[.,:/-]\d)"
)
# After such a number: an age, a time, a date or a count, not a room ("de meneer van 90 jaar", "van 12 tot 14").
_NOT_ROOM_AFTER = re.compile(
    r"^\s*(?:jaar|jarige|jr\b|kinderen|kleinkinderen|kilo|kg|tot|t/m|-\s*\d|en\s+\d|januari|februari|maart|april|"
    r"mei|juni|juli|augustus|september|oktober|november|december|jan\b|feb\b|mrt\b|apr\b|jun\b|jul\b|aug\b|"
    r"sep\b|okt\b|nov\b|dec\b)",
    re.I,
)
# "de meneer van 90" is his age: after "van", a number in this range is an age rather than a room.
_AGE_RANGE = range(60, 111)
# "K7", "k.22", "K-18", "K 22": the short form, counted where a room stands (see _short_room_context).
_ROOM_SHORT = re.compile(rf"(?<![\w.,-])([kK](?:\.\s?|-|\s)?(?=\d){_NUMBER})")
# Before a short form: a preposition ("op K7"), a word for a person ("bewoner k.9"), or the start of a card, a
# sentence or a bracket ("K23 heeft niet gegeten", "(k. 17)"). "vitamine K2", "tabel K3", "s1 k0" are codes.
_SHORT_ROOM_BEFORE = re.compile(
    r"(?:^|[.!?:;(\[•*\n–—-]|\b(?i:op|in|van|bij|naar|uit|voor|aan|vanaf|bewoner|bewoonster|cliënt|client|cliënte|"
    r"patiënt|patient|mevrouw|meneer|mevr\.?|mw\.?|dhr\.?|dame|heer|opa|oma))\s*$"
)
_PERSON_WORDS = (
    r"mevrouw|meneer|mevr\.?|mw\.?|dhr\.?|bewoner|bewoonster|cliënt|client|cliënte|patiënt|patient|dame|heer|opa|oma|"
    r"man|vrouw|meneertje|mevrouwtje"
)
# "mevrouw op 2.07", "meneer van 3.12": a floor and room number right after a person and a preposition.
_PERSON_ROOM = re.compile(
    rf"(?i:\b(?:{_PERSON_WORDS})\s+(?:op|van|in|uit|naar|bij)\s+)(\d{{1,2}}\.\d{{2}}[a-z]?)"
    r"(?!\w|[.,]\d|\s*(?:uur|u\b|%|procent))"
)
_ROOM_BY_NUMBER = re.compile(
    r"(?<![\w-])(?i:appartement|kamer|woning|studio)\b[^.;:!?\d]{0,30}?\b((?i:op\s+)?(?i:nummer|nr\.?)\s*\d{1,4}[a-z]?)"
    r"(?!\w|[.,]\d)"
)
_ROOM_NOT = re.compile(r"(tweede|eerste)\s*$", re.I)
_MEETING_ROOM = re.compile(
    r"\b(hoofdkantoor|kantoor|gebouw|vergader\w*|gereserveerd|reserveer\w*|reservering|zaalhuur)\b", re.I
)
# A meeting, a lesson or a training held in a room: "De leerbijeenkomst is in kamer 1.02", "sessie in kamer 2.14".
_MEETING = re.compile(
    r"\b(\w*bijeenkomst\w*|sessie\w*|training\w*|cursus\w*|scholing\w*|workshop\w*|intervisie|presentatie\w*|"
    r"lezing\w*|teamdag|heidag|les|(?<!\bin )(?<!\bna )\w*overleg(?!\s+met)\w*)",
    re.I,
)
_MEETING_PLACE_BEFORE = re.compile(r"(?i:\b(?:in|naar)\s+(?:de\s+)?)$")
_PERSON_NEAR = re.compile(
    r"(?i:\b(?:meneer|mevrouw|mijnheer|mevr\.?|mw\.?|dhr\.?|bewoner\w*|cliënt\w*|client\w*|patiënt\w*|patient\w*|"
    r"opa|oma|dame|heer|hij|zij|ze|haar|zijn)\b)"
)
_LOCATION_CONTEXT = re.compile(r"\b(afdeling|locatie|woning|woongroep|unit|etage|verdieping|vleugel|huis)\b", re.I)


def scan_rooms(text: str) -> list[Finding]:
    found = []
    spans = [(m.start(), m.end()) for m in _ROOM.finditer(text)]
    spans += [(m.start(1), m.end(1)) for m in _ROOM_SHORT.finditer(text) if _short_room_context(text, m)]
    spans += [(m.start(1), m.end(1)) for m in _ROOM_BY_NUMBER.finditer(text)]
    spans += [(m.start(1), m.end(1)) for m in _PERSON_ROOM.finditer(text)]
    spans += [(m.start(), m.end()) for m in _ROOM_IN_WORDS.finditer(text)]
    spans += [(m.start(), m.end()) for m in _ROOMS.finditer(text)]
    spans += [(m.start(2), m.end(2)) for m in _PERSON_NUMBER.finditer(text) if _person_number(text, m)]
    for start, end in spans:
        if text[start] == "K" and _ROOM_NOT.search(text[max(0, start - 10) : start]):
            continue  # "de Tweede Kamer", not a room
        if UNITS.match(text[end:]) or near(_MEETING_ROOM, text, start, end, 40) or _meeting_room(text, start, end):
            continue
        # A room number alone points at few people; with a ward or a health detail it points at one.
        strong = near(_LOCATION_CONTEXT, text, start, end, 60) or near(HEALTH, text, start, end, 80)
        found.append(finding("room", start, end, "high" if strong else "low"))
    return found


# Right after a name: "Henk k. 17", "Mw. Smit K12", "Jansen (A-3)": the room that goes with the person.
_ROOM_AFTER_NAME = re.compile(r"\s*,?\s*\(?((?:[kK]\.?\s?|[A-Z]-?)\d{1,3}[a-z]?)(?!\w|[.,]\d)")


def rooms_after_names(text: str, names: list[Finding]) -> list[Finding]:
    """Return the rooms written right after the names found in `text` ("Henk k. 17", "mw. Smit K12")."""
    found = []
    for name in names:
        m = _ROOM_AFTER_NAME.match(text, name.end)
        if m and not UNITS.match(text[m.end() :]):
            found.append(finding("room", m.start(1), m.end(1), "high"))
    return found


def _meeting_room(text: str, start: int, end: int) -> bool:
    """Return True for the room of a meeting ("de training is in kamer 0.12"): a meeting word in the sentence, "in"
    or "naar" before the room, and no person near it ("het overleg over meneer in kamer 12" is his room)."""
    sentence = _in_sentence_text(text, start, end)
    if not _MEETING.search(sentence) or _PERSON_NEAR.search(sentence):
        return False
    return _MEETING_PLACE_BEFORE.search(text[max(0, start - 12) : start]) is not None


def _person_number(text: str, m: re.Match[str]) -> bool:
    """Return True when "meneer van 17", "bewoner C14" points at a room: not an age, a time, a date or a count."""
    number = m.group(2)
    if _NOT_ROOM_AFTER.match(text[m.end() :]):
        return False
    if m.group(1) is None:
        return number[0].isupper() and number[:1] not in "BDK"  # "bewoner C14"; "B12" is a vitamin, "K" a short room
    if re.search(r"(?i)\been\s+$", text[max(0, m.start() - 5) : m.start()]):
        return False  # "een vrouw van 40": her age
    return not (m.group(1).lower() == "van" and number.isdigit() and int(number) in _AGE_RANGE)


def _short_room_context(text: str, m: re.Match[str]) -> bool:
    if " " in m.group(1) and not re.search(r"(?:^|[(\[])\s*$", text[: m.start()]):
        return False  # "K 22" with a space only at the start or in brackets: "vitamine K 2" is a vitamin
    return _SHORT_ROOM_BEFORE.search(text[max(0, m.start() - 20) : m.start()]) is not None or m.start() == 0


# ----- street addresses ------------------------------------------------------------------------------------

# Street-name endings that are safe in lower case too ("de kerkstraat 3"), and endings that only count with a
# capital ("Rozenhof 3", "Wilhelminapark 10"): in lower case they are ordinary words ("het werkveld 4 keer").
_SUFFIX = r"straat|straatweg|str\.|laan|weg|plein|kade|singel|gracht|dijk|steeg|dreef"
_CAPITAL_SUFFIX = (
    r"hof|pad|markt|park|plantsoen|wal|haven|burgwal|ring|baan|erf|veld|akker|kamp|hoek|vaart|tuin|tuinen|berg|dam|"
    r"poort|zijde|boulevard|allee|oord|dal|hout|weide|brink|daal|straatje|wetering|sloot|bosch|bos|rade|horst|donk|"
    r"diep|stede|zoom|drift|veste|gouw|schans|vliet|hoven|kanaal|brug|dwarsstraat|markt|laantje|pad|wegje|"
    r"einde|eind|buurt|dyk|wei|leane|strjitte|paed|buorren|wyk|reed|loane|dijkje|kade|hiem|terp|wierde"
)
_HOUSE = r"\s+(?:(?i:nr\.?|nummer)\s*)?(\d{1,4})(\s?[a-zA-Z](?![\w]))?(?:-\d{1,3})?(?!\w|[.,]\d)"
_ADDRESS = re.compile(
    rf"(?<![\w-])([A-Za-zÀ-ÿ'-]{{2,}}(?:{_SUFFIX})|[A-ZÀ-Þ][A-Za-zÀ-ÿ'-]+(?:{_CAPITAL_SUFFIX}))" + _HOUSE
)
# A street name standing alone, with a capital, after "op de", "aan het", a prefix such as "Oude", ...
_STREET_WORD = (
    r"Markt|Brink|Plein|Gracht|Kade|Singel|Dijk|Haven|Wal|Ring|Dam|Hof|Erf|Laan|Weg|Straat|Plantsoen|Park|Dreef|"
    r"Steeg|Boulevard|Promenade|Esplanade|Vaart|Rijn|Kerkhof|Burgwal|Vest|Wall|Heuvel|Berg"
)
# "woont Achter de Kerk 6", "adres, Bloemendaal 28", "op de Markt 5", "over de Vaartsche Rijn 40".
_ADDRESS_IN_CONTEXT = re.compile(
    r"(?i:\b(?:woont|wonen|woonde|woonachtig|adres(?:\s+is)?|verhuisd\s+naar|"
    r"(?:aan|op|in|over|langs|via|naar|bij|vanaf)\s+(?:de|het|'t)))[:,]?\s+"
    r"([A-ZÀ-Þ][\w'’-]*(?:\s+(?:[A-ZÀ-Þ][\w'’-]*|de|der|den|van|het|'t|ter|ten)){0,4}?)" + _HOUSE
)
_STREET_PREFIX = word_set(
    """oude nieuwe lange korte hoge lage grote kleine burgemeester burg. prins prinses koning koningin kon. sint st. van
    dokter dr. generaal pastoor achter voor boven beneden noorder zuider ooster wester binnen buiten heren
    keizers kromme rechte smalle brede west oost noord zuid"""
)
_INTERFIX = word_set("de der den van het 't ter ten")
# Capitalised words followed by a number that are not streets ("Stap 4", "Week 12", "Kamer 3").
_NOT_STREETS = word_set(
    """onderweg snelweg omweg uitweg zijweg halfweg halverweg binnenhof tuinpad voetpad fietspad looppad zorgpad
    leerpad zandpad kerkhof voorhof groeipad behandelpad cliëntpad ontwikkelpad zorgplein leerplein kennisplein
    stap fase week groep team afdeling route vraag artikel hoofdstuk bijlage versie kamer appartement app studio
    woning unit punt level niveau stuk dag maand jaar nummer pagina blad regel lid bed zaal ronde sessie
    thema actie casus les module covid windows lijn bus tram metro trein perron spoor gate poort halte code
    score stand ronde dienst ploeg klas tafel stoel etage verdieping vleugel gebouw hal lokaal ruimte poli balie
    paviljoen kast la vak bak box rek map tab tabblad scherm slide dia sheet agendapunt punt item vraag opgave
    taak prioriteit categorie klasse graad stadium type model serie editie aflevering seizoen deel band
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart april mei juni juli
    augustus september oktober november december office iphone galaxy ipad route"""
)
# A sentence about where someone lives or was: there any capitalised name with a house number is an address
# ("Haar vorige adres was Spui 14", "Ze woont in Assen, Markt 5", "Hij woont op Weverstede 45").
_RESIDENCE = re.compile(
    r"\b(woont|wonen|woonde|woonden|woonachtig|adres\w*|verhuis\w*|opgehaald|ophalen|bezorgd|afgeleverd|logeert|"
    r"logeerde|thuis|postcode|huisnummer)\b",
    re.I,
)
_NAMED_NUMBER = re.compile(
    r"(?<![\w-])([A-ZÀ-Þ][\w'’-]+(?:\s+(?:[A-ZÀ-Þ][\w'’-]*|van|de|der|den|het|'t|ter|ten|op|aan)){0,4}?)" + _HOUSE
)
# "Assen, Markt 5", "Groningen, Vismarkt 3": a place, a comma, then a street and its number.
_AFTER_PLACE = re.compile(r"[A-ZÀ-Þ][a-zà-ÿ'-]+,\s*$")
_WORD_BEFORE = re.compile(r"([\w.'’]+)\s+$")
_CAPITAL_STREET_WORD = re.compile(rf"(?<![\w-])({_STREET_WORD})" + _HOUSE)


# "Laan van Meerdervoort 1020", "Plein van de Republiek 3": a street word, an interfix, a name, a number.
_STREET_OF = re.compile(
    r"(?<![\w-])((?:Laan|Plein|Weg|Kade|Dreef|Singel|Straat|Park|Hof|Burgwal|Gracht|Dijk|Ring|Pad|Wal)\s+"
    r"(?:van|der|de|den|ten|ter|op)(?:\s+(?:der|de|den|het|'t))?\s+[A-ZÀ-Þ][\w'’-]+(?:\s+[A-ZÀ-Þ][\w'’-]+)?)" + _HOUSE
)
# A care route or a visit: "Eerst naar Westeinde 12, dan naar Tjalk 23", "Huisbezoek Kerkbuurt 19", "Insuline bij
# Hoogend 7": there a capitalised name and a house number are an address, without "woont".
_VISIT = re.compile(
    r"\b(route\w*|\w*ronde|rondes|huisbezoek\w*|bezoek\w*|langs|eerst|daarna|dan|vervolgens|tenslotte|"
    r"als\s+laatste|insuline|wondzorg|steunkous\w*|medicatie|douchen|ophalen|afleveren|bezorg\w*|rijden|rit|"
    r"cliënt|client|klant|adressen|wijk\w*|thuiszorg|alarmering|sleutel\w*|kluisje)\b",
    re.I,
)
# Directly before a street: "naar Westeinde 12", "bij Hoogend 7", "langs Achter de Kerk 2".
_STREET_BEFORE = re.compile(r"(?i:\b(?:naar|bij|langs|via|vanaf|aan|op|richting))\s+$")
# Visit words that a street name match may have taken in front of itself: "Huisbezoek Kerkbuurt 19".
_LEADING_WORDS = re.compile(r"^(?:(?:Huisbezoek|Bezoek|Route|Ronde|Eerst|Daarna|Dan|Insuline|Wondzorg|Adres)\s+)+")


# The number before the street: "op nr. 14 op de Julianastraat", "nummer 8 aan de Kerkweg", "huisnummer 3 in de Hof".
_NUMBER_FIRST = re.compile(
    r"(?<![\w-])(?i:huisnummer|nummer|nr\.?)\s*\d{1,4}(?:\s?[a-zA-Z](?![\w]))?\s+(?i:op|aan|in|van|bij)\s+"
    r"(?:(?i:de|het|'t)\s+)?([A-ZÀ-Þ][\w'’-]*|[a-zà-ÿ'’-]+(?:" + _SUFFIX + r"))(?!\w)"
)
_STREET_END = re.compile(rf"(?:{_SUFFIX}|{_CAPITAL_SUFFIX})$")


def _extend_left(text: str, start: int) -> int:
    """Return where a street name really starts: "Oude Gracht", "Burgemeester de Withstraat", "Van Goghlaan"."""
    best = pos = start
    while m := _WORD_BEFORE.search(text, max(0, pos - 30), pos):
        word = m.group(1)
        if word[0].isupper() and (word.lower() in _STREET_PREFIX or re.fullmatch(r"(?:[A-Z]\.)+", word)):
            pos = best = m.start(1)  # a prefix word or initials: "J.P. Coenstraat"
        elif word in _INTERFIX:
            pos = m.start(1)  # kept only when a prefix word stands before it
        else:
            break
    return best


def scan_addresses(text: str, not_street: Callable[[str], bool] | None = None) -> list[Finding]:
    """Return the street addresses in `text`; `not_street` (given a word) tells a medicine or a brand ("Oxazepam 10")
    from a street in a route, where only context says that a capitalised name with a number is an address."""
    found = []
    for m in _ADDRESS.finditer(text):
        word = m.group(1)
        if word.lower() in _NOT_STREETS or UNITS.match(text[m.end(2) :]):
            continue
        start = _extend_left(text, m.start())
        # "Dorpsstraat 12" is an address; "de kerkstraat 3" still most likely; both count, capitals surer.
        sure = word[0].isupper() or near(HEALTH, text, m.start(), m.end(), 80)
        found.append(finding("address", start, m.end(), "high" if sure else "low"))
    for m in _CAPITAL_STREET_WORD.finditer(text):
        start = _extend_left(text, m.start())
        locative = re.search(r"(?i:\b(?:aan|op|in|over|langs|via|naar|bij)\s+(?:de|het|'t))\s+$", text[: m.start()])
        if start == m.start() and not locative:
            continue  # "Dam 3" alone may be anything; "Oude Gracht 12" or "op de Markt 5" is an address
        if UNITS.match(text[m.end(2) :]):
            continue
        found.append(finding("address", start, m.end(), "high"))
    named = [m for m in _NAMED_NUMBER.finditer(text) if _street_like(text, m, not_street)]
    for m in named:
        after_place = _AFTER_PLACE.search(text[max(0, m.start() - 30) : m.start()]) is not None
        leading = _LEADING_WORDS.match(m.group(1))
        start = m.start(1) + (len(leading.group(0)) if leading else 0)
        if after_place or _in_sentence(_RESIDENCE, text, m.start(), m.end()):
            found.append(finding("address", m.start(1), m.end(), "high"))
        elif _in_sentence(_VISIT, text, m.start(), m.end()) or _STREET_BEFORE.search(
            text, max(0, m.start() - 12), m.start()
        ):
            found.append(finding("address", start, m.end(), "low"))
        elif len(named) >= 2:
            found.append(finding("address", start, m.end(), "low"))  # "Zuideinde 4, Noordeinde 88": a list of stops
    for m in _NUMBER_FIRST.finditer(text):
        # "nr. 14 op de Julianastraat"; "nr. 8 aan het Spui" where someone lives; not "nummer 3 op de Lijst"
        if _STREET_END.search(m.group(1)) or _in_sentence(_RESIDENCE, text, m.start(), m.end()):
            found.append(finding("address", m.start(), m.end(), "high"))
    for m in _STREET_OF.finditer(text):
        if not UNITS.match(text[m.end(2) :]):
            found.append(finding("address", m.start(1), m.end(), "high"))
    for m in _ADDRESS_IN_CONTEXT.finditer(text):
        words = m.group(1).split()
        if words[-1].lower() in _NOT_STREETS or words[0].lower() in _NOT_STREETS or UNITS.match(text[m.end(2) :]):
            continue
        found.append(finding("address", m.start(1), m.end(), "high"))
    return found


def _street_like(text: str, m: re.Match[str], not_street: Callable[[str], bool] | None) -> bool:
    """Return True when a capitalised name and a number may be a street and a house number ("Tjalk 23")."""
    words = m.group(1).split()
    if words[-1].lower() in _NOT_STREETS or words[0].lower() in _NOT_STREETS or UNITS.match(text[m.end(2) :]):
        return False
    if not_street is not None and not_street(words[-1]):
        return False  # "Oxazepam 10", "Covid 19", "Jumbo 2"
    return not _NOT_ROOM_AFTER.match(text[m.end() :])  # "Sinterklaas 5 december", "Zondag 12 mei"


def _in_sentence(pattern: re.Pattern[str], text: str, start: int, end: int) -> bool:
    """Return True when `pattern` occurs in the sentence of text[start:end] (up to 80 characters either side)."""
    return pattern.search(_in_sentence_text(text, start, end)) is not None


def _in_sentence_text(text: str, start: int, end: int) -> str:
    """Return the sentence around text[start:end] without it (up to 80 characters before and 60 after)."""
    before = re.split(r"[.!?\n]\s+(?=[A-Z])", text[max(0, start - 80) : start])[-1]
    after = re.split(r"[.!?\n](?:\s|$)", text[end : end + 60])[0]
    return before + " " + after
