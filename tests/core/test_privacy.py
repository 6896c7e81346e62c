"""The privacy scanner: true and false positives per kind, masking, redaction, and a measured false-positive rate."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from workshop.core.privacy import is_valid_bsn, is_valid_iban, kinds, mask, notice, redact, scan

TODAY = date(2026, 11, 23)
CORPUS = Path(__file__).parent / "fixtures" / "privacy_corpus_clean.txt"
# Measured on the corpus when this was written: 6 of 289 sentences flagged (2.1%), 3 of them strongly
# (1.0%); all 6 are in the "ambiguous on purpose" block, none of the 277 ordinary ones. A flagged card
# costs the facilitator one key press (look, release); a missed phone number on a projector cannot be
# taken back. So we accept a few false positives, but at most 3% (about 2 cards in a 60-card session),
# and at most 1.5% strong ones (shown in red in the app).
MAX_FLAGGED = 0.03
MAX_STRONG = 0.015


def found(text: str) -> list[tuple[str, str, str]]:
    """Return (kind, severity, matched text) per finding."""
    return [(f.kind, f.severity, text[f.start : f.end]) for f in scan(text, today=TODAY)]


def only(text: str) -> tuple[str, str, str]:
    hits = found(text)
    assert len(hits) == 1, hits
    return hits[0]


# ----- BSN ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["111222333", "123456782"])
def test_valid_bsns_pass_the_11_proef(number):
    assert is_valid_bsn(number)


@pytest.mark.parametrize("number", ["123456789", "000000000", "111222334", "12345678", "1234567890"])
def test_invalid_bsns_fail(number):
    assert not is_valid_bsn(number)


def test_eight_digits_are_read_with_a_leading_zero():
    # 012345672: 0*9+1*8+2*7+3*6+4*5+5*4+6*3+7*2 - 2 = 110, divisible by 11.
    assert is_valid_bsn("012345672") and is_valid_bsn("12345672")
    assert only("nummer 12345672") == ("bsn", "low", "12345672")


@pytest.mark.parametrize(
    "text, hit",
    [
        ("BSN 111222333 staat in het dossier", "111222333"),
        ("burgerservicenummer: 123456782", "123456782"),
        ("bsn-nummer 123.456.782", "123.456.782"),
        ("Sofinummer 1112.22.333 van de bewoner", "1112.22.333"),
        ("BSN: 123 456 782", "123 456 782"),
    ],
)
def test_bsn_near_its_name_is_a_strong_hit(text, hit):
    assert only(text) == ("bsn", "high", hit)


def test_a_number_that_passes_the_11_proef_without_context_is_a_weak_hit():
    assert only("Het nummer 111222333 klopt niet") == ("bsn", "low", "111222333")


@pytest.mark.parametrize(
    "text",
    [
        "BSN 123456789",  # fails the 11-proef
        "BSN 000000000",
        "Het budget is € 111.222.333",  # money with thousand separators
        "Dat kost 123.456.782 euro",
        "code 1112223330",  # ten digits
        "Wachtwoord x111222333",
    ],
)
def test_no_bsn(text):
    assert [h for h in found(text) if h[0] == "bsn"] == []


# ----- phone numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "0612345678",
        "06-12345678",
        "06 12345678",
        "06 1234 5678",
        "06-1234 5678",
        "06 12 34 56 78",
        "+31612345678",
        "+31 6 12345678",
        "+31 (0)6 1234 5678",
        "0031 6 12345678",
        "020-1234567",
        "020 123 4567",
        "(020) 123 4567",
        "0513-123456",
        "0513 12 34 56",
        "010-4567890",
    ],
)
def test_dutch_phone_formats(number):
    assert only(f"Bel de dochter op {number} na vijven.") == ("phone", "high", number)


def test_business_numbers_are_weak_hits():
    assert only("Servicedesk: 088-1234567") == ("phone", "low", "088-1234567")


@pytest.mark.parametrize(
    "text",
    [
        "Van 09.00-10.30 uur en van 13.00-14.30 uur",
        "In 2025 waren er 0 incidenten en in 2026 10",
        "Score 0 1 2 3",
        "06-nummer van de dienst is bekend bij de receptie",
        "Bel 112 bij nood",
        "Het project loopt van 2026-2027",
    ],
)
def test_no_phone(text):
    assert [h for h in found(text) if h[0] == "phone"] == []


# ----- e-mail and IBAN -----------------------------------------------------------------------------------


def test_email_addresses():
    assert only("Mail naar j.jansen@zorggroep-oost.nl graag") == ("email", "high", "j.jansen@zorggroep-oost.nl")
    # A desk's or team's mailbox is not personal data (issue 11: kwaliteit@, info@ were false alarms).
    assert found("of info@zorggroep.nl") == []
    assert found("Meldingen naar kwaliteit@zorggroep-oost.nl of team.delinde@zorggroep.nl") == []
    assert found("We spreken af @ de huiskamer om 10 uur") == []


@pytest.mark.parametrize("iban", ["NL91ABNA0417164300", "NL91 ABNA 0417 1643 00", "nl91abna0417164300".upper()])
def test_valid_iban(iban):
    assert is_valid_iban(iban)
    assert only(f"Rekening {iban} van de zoon") == ("iban", "high", iban)


def test_iban_shape_with_a_bad_check_is_a_weak_hit():
    assert only("NL00ABNA0417164300") == ("iban", "low", "NL00ABNA0417164300")


# ----- dates of birth ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, hit",
    [
        ("geb. 12-03-1941", "12-03-1941"),
        ("geboren op 12 maart 1941", "12 maart 1941"),
        ("Geboortedatum: 3/4/1938", "3/4/1938"),
        ("geb. 12-03-41", "12-03-41"),
    ],
)
def test_dates_near_geboren_are_strong(text, hit):
    assert only(text) == ("birth_date", "high", hit)


def test_an_old_full_date_alone_is_a_weak_hit_and_a_recent_one_is_no_hit():
    assert only("Op 12 maart 1941 in Zwolle") == ("birth_date", "low", "12 maart 1941")
    assert only("Op 01-02-1950 kwam ze") == ("birth_date", "low", "01-02-1950")
    assert found("Het overleg is op 12-03-2027 om 14.00 uur") == []
    assert found("Evaluatie op 3 februari 2027") == []
    assert found("We starten op 31-02-1941") == []  # no such date


def test_a_birth_year_after_geboren_is_a_weak_hit():
    assert only("Zij is geboren in 1938 en woont hier al lang") == ("birth_date", "low", "1938")


# ----- postcodes, addresses, rooms ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, hit, severity",
    [
        ("Het pakket ging naar 1234 AB gisteren", "1234 AB", "low"),
        ("Woont op 1234 AB in het dorp", "1234 AB", "high"),
        ("1234AB Utrecht", "1234AB", "high"),
        ("Postcode 7311 kd", "7311 kd", "high"),
        ("adres: 9999 ZZ, Groningen", "9999 ZZ", "high"),
    ],
)
def test_postcodes(text, hit, severity):
    assert only(text) == ("postcode", severity, hit)


@pytest.mark.parametrize(
    "text",
    [
        "in 2025 ok bevonden",
        "We hadden 1234 ab-meldingen",  # lower case without context
        "In 2024 MIC-meldingen geteld",
        "Vanaf 2025 HR-beleid",
        "0123 AB",  # a postcode never starts with 0
        "1234 SS",  # never issued
        "Tussen 2025 en 2026",
    ],
)
def test_no_postcode(text):
    assert [h for h in found(text) if h[0] == "postcode"] == []


@pytest.mark.parametrize(
    "text, hit",
    [
        ("Ze woont aan de Dorpsstraat 12", "Dorpsstraat 12"),
        ("Julianalaan 3a, tweede verdieping", "Julianalaan 3a"),
        ("Hoofdweg 120 B", "Hoofdweg 120 B"),
        ("op het Marktplein 7", "Marktplein 7"),
        ("Aan de Prinsenkade 4", "Prinsenkade 4"),
    ],
)
def test_street_addresses(text, hit):
    assert only(text)[0::2] == ("address", hit)


@pytest.mark.parametrize(
    "text",
    [
        "Onderweg 2 keer gestopt",
        "De snelweg 15 minuten dicht",
        "Op het plein 3 bankjes",
        "Het fietspad 2 kilometer",
        "De Dorpsstraat is afgesloten",
        "Via de Julianalaan naar huis",
    ],
)
def test_no_address(text):
    assert [h for h in found(text) if h[0] == "address"] == []


def test_room_numbers():
    assert only("Op kamer 12 ging de bel") == ("room", "low", "kamer 12")
    assert only("Kamer 3b op afdeling Zonnebloem") == ("room", "high", "Kamer 3b")
    assert only("kamernummer 214 heeft diabetes") == ("room", "high", "kamernummer 214")
    assert found("De Tweede Kamer 2 keer") == []
    assert found("In de vergaderkamer 3 stoelen") == []
    assert found("We hebben 12 kamers") == []


# ----- names after titles ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, hit",
    [
        ("Mevr. Jansen wilde niet eten", "Mevr. Jansen"),
        ("mw. De Boer belde", "mw. De Boer"),
        ("dhr. J. de Vries", "dhr. J. de Vries"),
        ("Meneer Bakker zat alleen", "Meneer Bakker"),
        ("mevrouw van der Berg", "mevrouw van der Berg"),
        ("De heer Özdemir kwam langs", "De heer Özdemir"),
        ("mevr. J.", "mevr. J."),
    ],
)
def test_names_after_titles(text, hit):
    assert only(text)[0::2] == ("name", hit)


def test_a_health_detail_near_a_name_makes_it_strong():
    assert only("Mevrouw Smit heeft dementie")[:2] == ("name", "high")
    assert only("Mevrouw Smit zat in de huiskamer")[:2] == ("name", "low")


@pytest.mark.parametrize(
    "text",
    [
        "Een meneer op de afdeling",
        "De mevrouw van de cliëntenraad",
        "meneer X wil later naar bed",
        "Meneer en mevrouw spreken we aan met u",
        "mevrouw, wilt u koffie?",
    ],
)
def test_titles_without_a_name(text):
    assert found(text) == []


# ----- several at once; mask, redact and the sender's notice ------------------------------------------------

TEXT = "Mevr. Jansen (kamer 12) belt 06-12345678, BSN 111222333."


def test_several_findings_in_order_without_overlap():
    assert [h[0] for h in found(TEXT)] == ["name", "room", "phone", "bsn"]
    assert kinds(scan(TEXT)) == ("bsn", "phone", "name", "room")


def test_mask_hides_what_was_there_and_how_long_it_was():
    masked = mask(TEXT, scan(TEXT))
    assert masked == "••• (•••) belt •••, BSN •••."
    short, long = "Jo viel vannacht.", "Annie de Vries viel vannacht."
    assert mask(short, scan(short)) == mask(long, scan(long)) == "••• viel vannacht."  # no length to guess from


def test_redact_names_each_kind():
    assert redact(TEXT) == (
        "[verwijderd: naam] ([verwijderd: kamernummer]) belt [verwijderd: telefoonnummer], BSN [verwijderd: BSN]."
    )
    assert redact("Bel 06-12345678", lang="en") == "Bel [removed: phone number]"
    assert redact("Niets aan de hand") == "Niets aan de hand"


def test_notice_tells_the_sender_why_and_what_to_write():
    assert notice(("phone",)) == (
        "Je bericht bevat mogelijk een telefoonnummer. Laat het nummer weg en gebruik liever 'de bewoner'."
    )
    assert notice(("name", "room"), "en").startswith("Your message may contain a name and a room number.")
    assert notice(()) == ""


def test_findings_carry_a_dutch_suggestion_and_no_text():
    (finding,) = scan("Meneer Bakker")
    assert finding.suggestion == "Gebruik liever 'de bewoner' of 'een collega'."
    assert "Bakker" not in repr(finding)


# ----- measured false-positive rate ------------------------------------------------------------------------


def corpus() -> list[str]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def test_corpus_is_big_enough_and_has_no_duplicates():
    sentences = corpus()
    assert len(sentences) >= 200
    assert len(set(sentences)) == len(sentences)


def test_false_positive_rate_on_ordinary_workshop_sentences():
    sentences = corpus()
    flagged = [s for s in sentences if scan(s, today=TODAY)]
    strong = [s for s in sentences if any(f.severity == "high" for f in scan(s, today=TODAY))]
    rate, strong_rate = len(flagged) / len(sentences), len(strong) / len(sentences)
    assert rate <= MAX_FLAGGED, f"{len(flagged)}/{len(sentences)} = {rate:.1%} flagged: {flagged}"
    assert strong_rate <= MAX_STRONG, f"{len(strong)}/{len(sentences)} = {strong_rate:.1%} strong: {strong}"
