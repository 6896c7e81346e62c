"""Words on the facilitator's screen: written in Dutch in the code, translated to English here."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.dom import DOMNode

# Dutch text as written in the code -> English. A test checks every tr("...") in workshop/tui has an entry.
EN: dict[str, str] = {
    # bindings
    "Volgende stap": "Next step",
    "Vorige stap": "Previous step",
    "Naar stap": "Go to step",
    "Kaartje": "Card",
    "Bewerken": "Edit",
    "Verbergen": "Hide",
    "Nieuw thema": "New theme",
    "Thema hernoemen": "Rename theme",
    "Stemmen open/dicht": "Open/close voting",
    "Uitslag tonen": "Reveal results",
    "Stip namens": "Dot on behalf",
    "Stip terug": "Take dot back",
    "Zonder telefoon": "Without phone",
    "Categorieën": "Categories",
    "Actie": "Action",
    "Verwijderen": "Delete",
    "Projector": "Projector",
    "Export": "Export",
    "Help": "Help",
    "Terug": "Back",
    "Stoppen": "Quit",
    "Starten": "Start",
    "Wisselen": "Switch",
    "Opslaan": "Save",
    "Annuleren": "Cancel",
    "Schrijven": "Write",
    "Sluiten": "Close",
    "Ja": "Yes",
    "Nee": "No",
    "Thema 1-9": "Theme 1-9",
    "Uit thema": "Out of theme",
    "Antwoord namens": "Answer on behalf",
    # home
    "Scripts": "Scripts",
    "Sessies": "Sessions",
    "laden…": "loading…",
    "Nog geen sessies. Kies een script en druk Enter.": "No sessions yet. Pick a script and press Enter.",
    "Team": "Team",
    "Script": "Script",
    "Datum": "Date",
    "Stap": "Step",
    "Status": "Status",
    "Leeftijd": "Age",
    "open": "open",
    "afgesloten": "closed",
    "beschadigd": "damaged",
    "{n} d": "{n} d",
    "Voor wie": "Who for",
    "Doel": "Purpose",
    "Duur": "Length",
    "{n} minuten": "{n} minutes",
    "Stappen": "Steps",
    "Dit script heeft fouten:": "This script has errors:",
    "ingebouwd": "built-in",
    "Bron": "Source",
    "ingebouwd; aanpassen? Kopieer het: workshop new-script {name} NIEUWE-NAAM": "built-in; to change it, copy it: workshop new-script {name} NEW-NAME",
    "eigen script": "own script",
    "fouten": "errors",
    "Geen scripts gevonden in {folder}, en geen ingebouwde scripts.": "No scripts found in {folder}, and no built-in scripts.",
    "Nieuwe sessie": "New session",
    "Naam van het team": "Team name",
    "Organisatie (mag leeg blijven)": "Organisation (optional)",
    # session
    "Stap {n} van {total}": "Step {n} of {total}",
    "nog {time}": "{time} left",
    "{time} over tijd": "{time} over time",
    "Typ wat er gezegd wordt en druk Enter (categorie: tekst)": "Type what is said and press Enter (category: text)",
    "Typ wat er gezegd wordt en druk Enter": "Type what is said and press Enter",
    "{n} deelnemers": "{n} participants",
    "Stemmen open": "Voting open",
    "Stemmen dicht": "Voting closed",
    "{n} stippen uitgedeeld": "{n} dots placed",
    "uitslag zichtbaar": "results shown",
    "uitslag verborgen": "results hidden",
    "Namens: {name} ({dots} stippen over)": "On behalf of: {name} ({dots} dots left)",
    "Namens: {name}": "On behalf of: {name}",
    "Nog niemand zonder telefoon (druk m)": "Nobody without a phone yet (press m)",
    "Thema's: {themes}": "Themes: {themes}",
    "Nog geen thema's (druk t)": "No themes yet (press t)",
    "Nr": "No",
    "Tekst": "Text",
    "Categorie": "Category",
    "Thema": "Theme",
    "Stippen": "Dots",
    "Stelling": "Statement",
    "Antwoorden": "Answers",
    "Let op": "Note",
    "oneens": "disagree",
    "verborgen": "hidden",
    "privé?": "private?",
    "Wat": "What",
    "Eigenaar": "Owner",
    "Deadline": "Due",
    "Checkmethode": "Check method",
    "Indicator": "Indicator",
    "Checkdatum": "Check date",
    "Sessie afgesloten.": "Session closed.",
    "Kaartje bewerken": "Edit card",
    "Naam van het thema": "Theme name",
    "Welke categorieën gebruiken we? (max {n})": "Which categories do we use? (max {n})",
    "Actie verwijderen?": "Delete the action?",
    "Thema verwijderen?": "Delete the theme?",
    "Sessie afsluiten? Daarna kan er niets meer bij.": "Close the session? Nothing can be added after that.",
    "Afsluiten": "Close session",
    "Samenvatting (voorbeeld)": "Summary (preview)",
    "Geschreven: {path}": "Written: {path}",
    "Waarom / thema": "Why / theme",
    "Geen thema": "No theme",
    "Sneltoetsen": "Keyboard shortcuts",
    "{name} toegevoegd": "{name} added",
    "Meedoen met de telefoon": "Join with your phone",
    "Meedoen (QR)": "Join (QR)",
    "Bord (beamer)": "Board (beamer)",
    "Bord voor de beamer (b): {url}": "Board for the beamer (b): {url}",
    "Opslaan werkt weer.": "Saving works again.",
    "Niet opgeslagen: {reason}. Telefoons krijgen 'probeer het opnieuw'.": "Not saved: {reason}. Phones are told to try again.",
    "Niet opgeslagen: {reason}": "Not saved: {reason}",
    "Vrijgeven": "Release",
    "Aanwezigen": "People present",
    "Aantal mensen in de ruimte (0: niet geteld)": "Number of people in the room (0: not counted)",
    "Bespreken": "Discuss",
    "Wat is er gedaan?": "What was done?",
    "Wat leverde het op, gemeten zoals afgesproken?": "What did it bring, measured as agreed?",
    "Wat besluiten we?": "What do we decide?",
    "Wie hebben we het laten weten?": "Whom have we told?",
    "Deelnemers: {n}": "Participants: {n}",
}


def tr(text: str, lang: str, **params: object) -> str:
    """Return `text` in `lang` (Dutch stays as written), filled in with `params`."""
    template = EN.get(text, text) if lang == "en" else text
    return template.format(**params) if params else template


def translate_bindings(node: DOMNode, lang: str) -> None:
    """Give `node`'s own key bindings their descriptions in `lang` (the footer shows them)."""
    if lang == "nl":
        return
    for key, bindings in node._bindings.key_to_bindings.items():
        node._bindings.key_to_bindings[key] = [replace(b, description=tr(b.description, lang)) for b in bindings]
