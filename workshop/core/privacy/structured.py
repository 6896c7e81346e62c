"""Personal data with a fixed shape: BSN (11-proef), IBAN (mod 97), phone numbers, e-mail addresses, postcodes."""

from __future__ import annotations

import re
from collections.abc import Callable

from .findings import Finding, Severity, finding, near, word_set

_BSN = re.compile(
    r"(?<![\w.,/+€-])"
    r"(\d{9}|\d{8}|\d{3}([ .-])\d{3}\2\d{3}|\d{4}([ .])\d{2}\3\d{3})"
    r"(?![\w]|[.,/-]\d)"
)
_BSN_CONTEXT = re.compile(r"\b(bsn|burgerservicenummer|burgerservice-nummer|sofi(?:nummer)?|sofi-nummer)\b", re.I)
_MONEY_AFTER = re.compile(r"^\s*(euro|eur\b|,-)", re.I)
# The number glued to its label: "bsn-nr611148936", "BSN:111222333", "sofinummer.123456782".
_BSN_GLUED = re.compile(
    r"(?i:\b(?:bsn|burgerservicenummer|sofi(?:nummer)?)(?:[\s.-]*(?:nr|nummer|no)\.?)?)[\s:#.-]*"
    r"(\d{9}|\d{8}|\d{3}([ .-])\d{3}\2\d{3})(?![\w]|[.,/-]\d)"
)

# Dutch postcodes: four digits (not starting with 0), two letters. Uppercase letters only, unless the
# word "postcode" stands near: "1234 ab" is far more often ordinary text than an address.
_POSTCODE = re.compile(r"(?<![\w.,/-])([1-9]\d{3})\s?([A-Za-z]{2})(?!\w)")
_POSTCODE_CONTEXT = re.compile(r"\b(postcode|pc|adres|woont|woonachtig)\b", re.I)
# Letter pairs PostNL never uses, common abbreviations after a number or a year, and units of measure
# ("1000 IE vitamine D", "500 MG").
_NOT_POSTCODE_LETTERS = word_set(
    "SA SD SS OK HR IT AI PR QR TV CV KM KG MB GB TB EN OF IN OP EU NL ZZ PM AM HB CM MG ML MM GR CC DL "
    "IE EH ME KW KB HZ PK MMOL"
)
# Two-letter Dutch words that follow a number in ordinary sentences ("in 1938 en ...").
_SHORT_WORDS = word_set("en in op of te de is al na om nu ja ze we je er me zo tv ok uw az wo vr za ma di do")
_PLACE_AFTER = re.compile(r"^\s*,?\s*(?:[A-Z][a-zà-ÿ'-]{2,}|(?:Den|'s|De)\s+[A-Z][a-zà-ÿ'-]+)")
_NEXT_WORD = re.compile(r"\s*,?\s*([^\W\d_][\w'-]+)")
# After a postcode-like pair: a code goes on ("2018 AB-4"), a unit is per something ("2500 KJ per dag").
_NOT_POSTCODE_AFTER = re.compile(r"^(?:[-/.]\w|\s*(?:per|p/|/)\s*\w)", re.I)
# Before it: the number of an article, a batch or a document, not an address.
_CODE_BEFORE = re.compile(
    r"\b(artikel\w*|art\.?\s?nr|bestel\w*|code|lot|batch|serie\w*|ref\w*|kenmerk|versie|model|type|order\w*)"
    r"\W*$",
    re.I,
)

# Phone numbers: 06..., 0xx-..., 0xxx-... (ten digits), +31 / 0031 (nine digits after the country code), and
# other countries' numbers written with + or 00. Separators are spaces, dashes (" - " too) and brackets only:
# dots are how Dutch people write times (09.30).
_SEP = r"(?:\s?[-–]\s?|\s)?"
# Dutch numbers written with dots between the pairs of digits: "06.55.12.34.09", "010.123.45.67" (ten digits,
# at least two dots; a time has one dot and four digits).
_DOTTED_PHONE = re.compile(r"(?<![\w.+])0\d{1,3}(?:\.\d{2,4}){2,4}(?![\w]|[.,]\d)")
_PHONE = re.compile(
    r"(?<![\w+])"
    rf"(?:(?:\+|00)31{_SEP}(?:\(0\){_SEP})?[1-9](?:{_SEP}\d){{8}}"
    rf"|(?:\+|00)(?!31)[1-9]\d{{0,2}}(?:{_SEP}\d){{7,12}}"
    rf"|\(?0[1-9](?:\)?{_SEP}\d){{8}})"
    r"(?![\w]|[.,-]\d)"
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?!\w)")
# Mailboxes of a desk, a team or a council, not of a person: not personal data.
_FUNCTIONAL_MAILBOXES = word_set(
    """info kwaliteit secretariaat servicedesk helpdesk ict planning receptie klachten clientenraad cliëntenraad
    communicatie hr or ondernemingsraad vrijwilligers team scholing opleidingen academie zorgbemiddeling
    klantenservice privacy fg noreply no-reply administratie zorgadministratie facturen debiteuren crediteuren
    salarisadministratie personeelszaken pz po roosterplanning rooster afdeling locatie bestuur directie
    ondersteuning support contact post mail nieuwsbrief vacatures werving recruitment stage stages leerhuis
    zorgkantoor wijkteam intake aanmelding aanmeldingen familieraad verwanten verwantenraad medezeggenschap
    vertrouwenspersoon klachtenfunctionaris functionaris kwaliteitsbureau mic vim calamiteiten pers"""
)
# Abbreviations of care's laws, boards and meetings that name a desk's mailbox with or without a role word:
# wzd@, mdo-secretariaat@, mic-commissie@, bopz@.
_CARE_ABBREVIATIONS = word_set(
    """wzd wvggz bopz wgbo mdo mic mim vim vik ecd evv so avg fg ggz vvt ghz wlz wmo zvw cvp ccr ocr cr or pg bhv
    arbo hrm mt rvb rvt vpt ic seh poh soh ciz cak svb uwv ggd sgz kam pdca moc mbo hbo bbl bol wijkverpleging
    vgz gz lvb nah dbc dot"""
)
# Mail providers for people, not for organisations: an address there is a person's, whatever its mailbox says
# (tuinkabouter@ziggo.nl, oma.bloemetje@kpnmail.nl), unless it is the provider's own desk (info@ziggo.nl).
_CONSUMER_DOMAINS = word_set(
    """gmail.com googlemail.com hotmail.com hotmail.nl outlook.com outlook.nl live.nl live.com msn.com ziggo.nl
    kpnmail.nl kpnplanet.nl planet.nl home.nl xs4all.nl icloud.com me.com mac.com yahoo.com yahoo.nl hetnet.nl
    chello.nl casema.nl upcmail.nl quicknet.nl zeelandnet.nl telfort.nl tele2.nl online.nl versatel.nl caiway.nl
    kabelfoon.nl solcon.nl hccnet.nl wxs.nl onsbrabantnet.nl tiscali.nl freeler.nl zonnet.nl proton.me
    protonmail.com gmx.net gmx.com aol.com skynet.be telenet.be"""
)
_IBAN = re.compile(r"(?<!\w)(?i:NL)[ -]?\d{2}[ -]?[A-Za-z]{4}(?:[ -]?\d){10}(?!\w)")
# An address written so that no program reads it: "jan punt de vries apenstaartje gmail punt com",
# "anja[at]hotmail.com", "p.jansen (at) ziggo.nl".
_SPOKEN_DOT = r"(?:\s*[\[(]\s*(?:dot|punt)\s*[\])]\s*|\s+(?:punt|dot)\s+)"
_SPOKEN_AT = re.compile(r"(?i)apenstaartje|[\[({]\s*(?:at|@)\s*[\])}]|\s(?:at|@)\s")
_SPOKEN_EMAIL = re.compile(
    r"(?i)(?<![\w.+-])([\w+-]+(?:(?:\.|" + _SPOKEN_DOT + r"|\s+(?:streepje|underscore)\s+)"
    r"(?:(?:de|van|der|den|ter|ten)\s+)*[\w+-]+)*)"
    r"(?:\s*[\[({]\s*(?:at|@)\s*[\])}]\s*|\s+(?:apenstaartje|at|@)\s+)"
    r"([\w-]+(?:(?:\.|" + _SPOKEN_DOT + r")[\w-]+)*?)(?:\.|" + _SPOKEN_DOT + r")"
    r"(nl|com|net|org|be|eu|de|info|nu|frl|fr|uk)(?!\w)"
)
# Other countries' IBANs (BE68 5390 0754 7034): only with a valid check, as letters and digits are common.
_FOREIGN_IBAN = re.compile(r"(?<!\w)(?!NL)[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?!\w)")


def is_valid_bsn(digits: str) -> bool:
    """Return True when `digits` (8 or 9 digits, separators allowed) passes the 11-proef and is not all zeros.

    Eight digits are read with a leading 0, as older numbers were written.
    """
    plain = re.sub(r"\D", "", digits)
    if len(plain) == 8:
        plain = "0" + plain
    if len(plain) != 9 or set(plain) == {"0"}:
        return False
    total = sum(int(d) * w for d, w in zip(plain[:8], range(9, 1, -1), strict=False)) - int(plain[8])
    return total % 11 == 0


def is_valid_iban(text: str) -> bool:
    """Return True when `text` (spaces allowed) passes the IBAN mod-97 check."""
    plain = re.sub(r"[\s-]", "", text).upper()
    moved = plain[4:] + plain[:4]
    number = "".join(str(int(ch, 36)) for ch in moved)
    return number.isdigit() and int(number) % 97 == 1


def is_functional_mailbox(address: str, words: Callable[[str], bool] | None = None) -> bool:
    """Return True for a desk's or team's address (kwaliteit@…, info@…, team.delinde@…), not a person's.

    With `words` (True for an ordinary Dutch word that is no name, see engine.py), every mailbox made of such words
    is a desk's too: facilitair@, werkenbij@, roosterteam@, medicatie.veiligheid@. A name or an initial in it
    (j.devries@, anja@, bakker@, r.vanderhoek@) keeps it a person's, and so does a consumer provider (…@ziggo.nl).
    """
    local, _, domain = address.lower().partition("@")
    parts = re.split(r"[._-]", local)
    if local in _FUNCTIONAL_MAILBOXES or local in _CARE_ABBREVIATIONS:
        return True
    if domain in _CONSUMER_DOMAINS:
        return False  # a person's own provider: "kalkman1956@hotmail.com", "familie.jansen@gmail.com"
    if any(len(p) == 1 and p.isalpha() for p in local.split(".")) and len(parts) > 1:
        return False  # an initial: "r.vanderhoek@", "p.j.vanderlaan@", "vandijk.a@"
    if parts[0] in _FUNCTIONAL_MAILBOXES:
        return True
    if all(p in _FUNCTIONAL_MAILBOXES or p in _CARE_ABBREVIATIONS for p in parts):
        return True  # "mdo-secretariaat", "wzd-team"
    desk = _FUNCTIONAL_MAILBOXES | _CARE_ABBREVIATIONS
    return words is not None and all(p.isalpha() and (p in desk or words(p)) for p in parts)


def scan_bsns(text: str) -> list[Finding]:
    found = [
        finding("bsn", m.start(1), m.end(1), "high") for m in _BSN_GLUED.finditer(text) if is_valid_bsn(m.group(1))
    ]
    for m in _BSN.finditer(text):
        if not is_valid_bsn(m.group(1)):
            continue
        if text[: m.start()].rstrip().endswith(("€", "EUR", "eur")) or _MONEY_AFTER.match(text[m.end() :]):
            continue  # an amount of money with thousand separators, not a number of a person
        # About 1 in 11 random numbers pass the 11-proef, so only context makes it a strong hit.
        severity: Severity = "high" if near(_BSN_CONTEXT, text, m.start(), m.end()) else "low"
        found.append(finding("bsn", m.start(), m.end(), severity))
    return found


def scan_postcodes(text: str, place: Callable[[str], bool] | None = None) -> list[Finding]:
    """Return the postcodes in `text`; `place` (True for a Dutch place, in lower case) makes "3572 kd utrecht" one."""
    found = []
    for m in _POSTCODE.finditer(text):
        letters = m.group(2)
        context = near(_POSTCODE_CONTEXT, text, m.start(), m.end(), reach=25)
        if place is not None and not context and letters.lower() not in _SHORT_WORDS:
            next_word = _NEXT_WORD.match(text, m.end())
            context = next_word is not None and place(next_word.group(1).lower())
        if letters.upper() in ("SA", "SD", "SS"):
            continue  # never issued
        if not letters.isupper() and (not context or letters.lower() in _SHORT_WORDS):
            continue
        followed_by_place = _PLACE_AFTER.match(text[m.end() :]) is not None
        if letters.upper() in _NOT_POSTCODE_LETTERS and not (context or followed_by_place):
            continue
        if not context and (_NOT_POSTCODE_AFTER.match(text[m.end() :]) or _CODE_BEFORE.search(text[: m.start()])):
            continue
        severity: Severity = "high" if context or followed_by_place else "low"
        found.append(finding("postcode", m.start(), m.end(), severity))
    return found


def scan_phones(text: str) -> list[Finding]:
    found = []
    dotted = [m for m in _DOTTED_PHONE.finditer(text) if len(re.sub(r"\D", "", m.group(0))) == 10]
    for m in [*_PHONE.finditer(text), *dotted]:
        digits = re.sub(r"\D", "", m.group(0))
        # 088/085 (companies), 0800/090x (service lines) belong to organisations rather than people.
        business = digits.startswith(("088", "085", "0800", "090", "3188", "3185", "00318"))
        # "(010) 1234567": the bracket belongs to the number. "(06-12345678)": it opens a remark, and
        # goes with the number only if its ")" does too; otherwise it stays, so redaction keeps the pair.
        start = m.start() + 1 if m.group(0).startswith("(") and ")" not in m.group(0) else m.start()
        found.append(finding("phone", start, m.end(), "low" if business else "high"))
    return found


def scan_emails(text: str, words: Callable[[str], bool] | None = None) -> list[Finding]:
    found = [
        finding("email", m.start(), m.end(), "high")
        for m in _EMAIL.finditer(text)
        if not is_functional_mailbox(m.group(0), words)
    ]
    if not _SPOKEN_AT.search(text):
        return found
    for m in _SPOKEN_EMAIL.finditer(text):
        local = re.sub(_SPOKEN_DOT + r"|\s+", ".", m.group(1).lower())
        domain = re.sub(_SPOKEN_DOT, ".", m.group(2).lower()) + "." + m.group(3).lower()
        if not is_functional_mailbox(f"{local}@{domain}", words):
            found.append(finding("email", m.start(), m.end(), "high"))
    return found


# The host of a web address or a bare domain: "www.dehooge-weide.nl", "https://zorggroep.nl", "dehooge-weide.nl" (an
# organisation's); not the path after it, which may hold a person's name ("https://zorggroep.nl/Sanne-de-Vries").
_WEB = re.compile(
    r"(?i)\bhttps?://[^\s/]+|\bwww\.[^\s/]+|(?<![\w@.-])[\w-]+(?:\.[\w-]+)*\.(?:nl|com|org|net|eu|be|info|nu)\b"
)


def web_spans(text: str) -> list[tuple[int, int]]:
    """Return where `text` holds an e-mail address (a desk's too) or a web host: no name is read inside them."""
    if "@" not in text and "." not in text:
        return []
    return [(m.start(), m.end()) for pattern in (_EMAIL, _WEB) for m in pattern.finditer(text)]


def scan_ibans(text: str) -> list[Finding]:
    found = [
        finding("iban", m.start(), m.end(), "high" if is_valid_iban(m.group(0)) else "low")
        for m in _IBAN.finditer(text)
    ]
    found += [finding("iban", m.start(), m.end(), "high") for m in _FOREIGN_IBAN.finditer(text) if _valid(m.group(0))]
    return found


def _valid(candidate: str) -> bool:
    try:
        return is_valid_iban(candidate)
    except ValueError:
        return False
