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
    "Uitslag aan/uit": "Results on/off",
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
    "1 sessie ouder dan {days} dagen": "1 session older than {days} days",
    "{n} sessies ouder dan {days} dagen": "{n} sessions older than {days} days",
    "exporteer en verwijder": "export and delete",
    "Noem een rol, geen naam, bijvoorbeeld {roles}. Nog eens Opslaan bewaart het toch.": (
        "Name a role, not a person, for example {roles}. Save again to keep it anyway."
    ),
    "Mogelijk persoonsgegevens ({kinds}). {advice} Anders ziet de groep het afgeschermd.": (
        "Possibly personal data ({kinds}). {advice} Otherwise the group sees it masked."
    ),
    "Keuzelijst: Enter opent en kiest · Tab: volgend veld · Ctrl+S: opslaan": (
        "List: Enter opens and chooses · Tab: next field · Ctrl+S: save"
    ),
    "Gekozen. Enter of Tab: volgend veld · Ctrl+S: opslaan · Esc: annuleren": (
        "Chosen. Enter or Tab: next field · Ctrl+S: save · Esc: cancel"
    ),
    "Dat was een keuzelijst: wat je typte staat in het volgende tekstveld.": (
        "That was a list: what you typed is in the next text field."
    ),
    "Dit is een keuzelijst: kies met Enter. Typen kan hier niet; Ctrl+S slaat op.": (
        "This is a list: choose with Enter. Typing does nothing here; Ctrl+S saves."
    ),
    "{warning} Een tussentijdse check? Nog eens Opslaan bewaart het toch.": (
        "{warning} An interim check? Save again to keep it anyway."
    ),
    "Let op: mogelijk persoonsgegevens. Pas het aan, of druk nog eens Opslaan: de groep ziet het dan afgeschermd.": (
        "Careful: possibly personal data. Change it, or press Save again: the group then sees it masked."
    ),
    "Schrijven": "Write",
    "Sluiten": "Close",
    "Ja": "Yes",
    "Nee": "No",
    "Thema 1-9": "Theme 1-9",
    "Uit thema": "Out of theme",
    "Er is geen thema {number}: deze stap heeft {count}.": "There is no theme {number}: this step has {count}.",
    "{n} thema": "{n} theme",
    "{n} thema's": "{n} themes",
    "Antwoord namens": "Answer on behalf",
    # the footer's short labels (keys.py)
    "Volgende": "Next",
    "Vorige": "Previous",
    "In thema": "Into theme",
    "Nieuwe actie": "New action",
    "QR-code": "QR code",
    "Alle toetsen": "All keys",
    "Beginscherm": "Start screen",
    "Stemmen openen": "Open voting",
    "Stemmen sluiten": "Close voting",
    "Uitslag tonen": "Show results",
    "Uitslag verbergen": "Hide results",
    "Nalopen": "Walk through",
    "Indicatoren": "Indicators",
    "Indicatoren invoeren of inlezen (CSV)": "Enter or import indicators (CSV)",
    "Indicatoren ({count} in deze sessie)": "Indicators ({count} in this session)",
    "Wij": "Us",
    "Vergelijking": "Comparison",
    "Jaar": "Year",
    "bijv. Cliëntervaring (gemiddelde)": "e.g. Cliëntervaring (gemiddelde)",
    "ons cijfer, bijv. 8,1": "our figure, e.g. 8,1",
    "bijv. 8,4 (regio of landelijk)": "e.g. 8,4 (region or national)",
    "bijv. 2025": "e.g. 2025",
    "bijv. ODB": "e.g. ODB",
    "Of lees een CSV-bestand in (kolommen indicator;wij;vergelijking;jaar;bron):": "Or import a CSV file (columns indicator;wij;vergelijking;jaar;bron):",
    "CSV-bestand": "CSV file",
    "bijv. /pad/naar/odb-2025.csv": "e.g. /path/to/odb-2025.csv",
    "1 indicator opgeslagen.": "1 indicator stored.",
    "{n} indicatoren opgeslagen.": "{n} indicators stored.",
    "[verborgen]": "[hidden]",
    "wij": "us",
    "vergelijking": "comparison",
    "Kaartje opslaan": "Save card",
    "Klaar": "Done",
    "Naar deze stap": "Go to this step",
    # home
    "Scripts": "Scripts",
    "Sessies": "Sessions",
    "laden…": "loading…",
    "1 checkmoment deze week": "1 check date this week",
    "{n} checkmomenten deze week": "{n} check dates this week",
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
    "Op deze rij is niets afgeschermd: er is niets vrij te geven.": "Nothing on this row is masked: there is nothing to release.",
    "Er is al een plan voor {names}. Is '{team}' hetzelfde team?": "There is already a plan for {names}. Is '{team}' the same team?",
    "Ja, hetzelfde team: '{name}'": "Yes, the same team: '{name}'",
    "Nee, een ander team, met een eigen plan": "No, another team, with a plan of its own",
    "Naam van het team": "Team name",
    "Organisatie": "Organisation",
    "mag leeg blijven": "optional",
    "Enter: volgend veld · Enter in het laatste veld: starten · Esc: annuleren": "Enter: next field · Enter in the last field: start · Esc: cancel",
    "↑ ↓ of Tab: kies een antwoord (▶) · Enter: dat antwoord · Esc: annuleren": "↑ ↓ or Tab: choose an answer (▶) · Enter: that answer · Esc: cancel",
    # session
    "Stap {n} van {total}": "Step {n} of {total}",
    "nog {time}": "{time} left",
    "{time} over tijd": "{time} over time",
    "Typ wat er gezegd wordt en druk Enter (categorie: tekst)": "Type what is said and press Enter (category: text)",
    "Typ wat er gezegd wordt en druk Enter": "Type what is said and press Enter",
    "{n} telefoons doen mee": "{n} phones take part",
    "Telefoons uit": "Phones off",
    "Telefoons staan uit. Aanzetten: stop met q en start workshop opnieuw, zonder --no-phones.": "Phones are off. To "
    "turn them on: stop with q and start workshop again, without --no-phones.",
    "Aanwezigen: niet geteld": "Present: not counted",
    "{n} aanwezig": "{n} present",
    "In het plan: '{status}'": "In the plan: '{status}'",
    "Stemmen open": "Voting open",
    "Stemmen dicht": "Voting closed",
    "{n} stippen uitgedeeld": "{n} dots placed",
    "uitslag zichtbaar": "results shown",
    "uitslag verborgen": "results hidden",
    "Namens: {name} ({dots} stippen over)": "On behalf of: {name} ({dots} dots left)",
    "Namens: {name}": "On behalf of: {name}",
    "m: iemand zonder telefoon": "m: someone without a phone",
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
    "Terug naar het begin?": "Back to the start?",
    "Opgeslagen: actie {n} ({id}). Nu geselecteerd: actie {next}.": "Saved: action {n} ({id}). Now selected: action {next}.",
    "Opgeslagen: actie {n} ({id}), de laatste.": "Saved: action {n} ({id}), the last one.",
    "← →: kies Ja of Nee · Enter: bevestigen · Esc: annuleren": "← →: choose Yes or No · Enter: confirm · Esc: cancel",
    "te weinig antwoorden om te tonen": "too few answers to show",
    "Weer afgeschermd ({kinds}): de groep ziet deze tekst gemaskeerd. l: vrijgeven.": (
        "Masked again ({kinds}): the group sees this text masked. l: release."
    ),
    "Vrijgegeven ({kinds}): de groep ziet deze tekst nu helemaal, ook in de export. l: weer afschermen.": (
        "Released ({kinds}): the group now sees this text in full, in the export too. l: mask again."
    ),
    "Stoppen?": "Quit?",
    "De telefoon die meedoet, kan dan niets meer sturen tot je de sessie weer opent.": (
        "The phone taking part cannot send anything until you open the session again."
    ),
    "De {n} telefoons die meedoen, kunnen dan niets meer sturen tot je de sessie weer opent.": (
        "The {n} phones taking part cannot send anything until you open the session again."
    ),
    "Er gaat niets verloren.": "Nothing is lost.",
    "Afsluiten": "Close session",
    "Samenvatting (voorbeeld)": "Summary (preview)",
    "Sessie afgesloten: samenvatting schrijven?": "Session closed: write the summary?",
    "Sessie afgesloten: samenvatting opnieuw schrijven?": "Session closed: write the summary again?",
    "w: schrijft de samenvatting van de afgesloten sessie en werkt het plan bij · Esc: niet": (
        "w: writes the summary of the closed session and updates the plan · Esc: do not"
    ),
    "De samenvatting in exports/ is nu deze.": "The summary in exports/ is this one now.",
    "Het plan is niet bijgewerkt:": "The plan was not updated:",
    "PDCA-plan bijgewerkt: {path} ({changes})": "PDCA plan updated: {path} ({changes})",
    "PDCA-plan al bij: {path}": "PDCA plan already up to date: {path}",
    "Let op: de samenvatting in exports/ klopt niet meer met de sessie.": (
        "Note: the summary in exports/ no longer matches the session."
    ),
    "De samenvatting in exports/ is al gelijk aan deze.": "The summary in exports/ is already the same as this one.",
    "Deze sessie heeft nog geen samenvatting in exports/.": "This session has no summary in exports/ yet.",
    "Geschreven: {path}": "Written: {path}",
    "Waarom / thema": "Why / theme",
    "Geen thema": "No theme",
    "Sneltoetsen": "Keyboard shortcuts",
    "{name} toegevoegd": "{name} added",
    "Namens: {name} ({given} van {total} ingevuld)": "On behalf of: {name} ({given} of {total} filled in)",
    "Antwoorden van {name}: begin bij stelling {n}": "Answers of {name}: start at statement {n}",
    "Stelling {n}: antwoord van {name} gewijzigd": "Statement {n}: answer of {name} changed",
    "De laatste stelling is ingevuld voor {name}. M: nieuwe persoon, m: volgende.": (
        "The last statement is filled in for {name}. M: new person, m: next."
    ),
    "{name} is bij de laatste stelling: dit antwoord is niet opgeslagen. M: nieuwe persoon, m: volgende, ↑: wijzigen.": (
        "{name} is at the last statement: this answer was not stored. M: new person, m: next, ↑: change."
    ),
    "Meedoen met de telefoon": "Join with your phone",
    "Meedoen (QR)": "Join (QR)",
    "Bord (beamer)": "Board (beamer)",
    "Bord voor de beamer (b):": "Board for the beamer (b):",
    "Scan de QR-code met de camera van je telefoon.": "Scan the QR code with your phone's camera.",
    "Of ga in je browser naar:": "Or go in your browser to:",
    "Of typ de link in je browser:": "Or type the link into your browser:",
    "en typ de code: {code}": "and type the code: {code}",
    "Opslaan werkt weer.": "Saving works again.",
    "Niet opgeslagen: {reason}. Telefoons krijgen 'probeer het opnieuw'.": "Not saved: {reason}. Phones are told to try again.",
    "Niet opgeslagen: {reason}": "Not saved: {reason}",
    "Vrijgeven": "Release",
    "Aanwezigen": "People present",
    "Aantal mensen in de ruimte (0: niet geteld)": "Number of people in the room (0: not counted)",
    "Telefoons: hooguit dit aantal plus een vijfde (minstens {least}), voor wie opnieuw moet scannen.": "Phones: at "
    "most this number plus a fifth (at least {least}), for anyone who has to join again.",
    "Iemand kan er niet bij? Zet het aantal hoger.": "Someone cannot get in? Set the number higher.",
    "Er kunnen nu hooguit {n} telefoons tegelijk meedoen.": "Now at most {n} phones can take part at once.",
    "De uitslag van '{step}' is verborgen: ga er met j naartoe en toon hem met r.": (
        "The results of '{step}' are hidden: go there with j and show them with r."
    ),
    "Deur dicht of open": "Close or open the door",
    "Toch tonen?": "Show them anyway?",
    "De uitslag blijft verborgen.": "The results stay hidden.",
    "Plek": "Place",
    "Noem een rol, geen naam, bijvoorbeeld {roles}.": "Name a role, not a person, for example {roles}.",
    "Hervatten": "Resume",
    "Deur dicht": "Close door",
    "Deur open": "Open door",
    "Deur dicht: nieuwe telefoons kunnen niet meedoen": "Door closed: new phones cannot join",
    "Deur dicht: nieuwe telefoons kunnen niet meedoen. Druk D om de deur weer te openen.": "Door closed: new phones "
    "cannot join. Press D to open it again.",
    "Deur open: nieuwe telefoons kunnen meedoen.": "Door open: new phones can join.",
    "Deur dicht: druk D.": "Close the door: press D.",
    "Niet verwacht? Doe de deur dicht: druk D.": "Not expected? Close the door: press D.",
    "Iemand erbij laten: geef met d op hoeveel mensen er zijn.": "To let someone in: give the number of people "
    "present with d.",
    "Deur weer open: druk D.": "Open the door again: press D.",
    "Een telefoon die {n} minuten niets deed, geeft zijn plek vrij.": "A phone that did nothing for {n} minutes gives "
    "its place up.",
    "Iemand erbij laten: zet met d het aantal aanwezigen hoger.": "To let someone in: raise the number of people "
    "present with d.",
    "Bespreken": "Discuss",
    "Wat is er gedaan?": "What was done?",
    "Wat leverde het op, gemeten zoals afgesproken?": "What did it bring, measured as agreed?",
    "Wat besluiten we?": "What do we decide?",
    "Wie hebben we het laten weten?": "Whom have we told?",
    "Wanneer?": "When?",
    "Gedaan?": "Done?",
    "datum of bijv. teamoverleg 12 maart": "date or e.g. team meeting 12 March",
    "ja": "yes",
    "nee": "no",
    "Deelnemers: {n}": "Participants: {n}",
    # issue 12: the console in a real session
    "'{name}' is geen categorie van deze stap ({known}); het kaartje staat er zonder categorie.": "'{name}' is not a category of this step ({known}); the card was kept without one.",
    "({n} stip over)": "({n} dot left)",
    "({n} stippen over)": "({n} dots left)",
    "Aan/uit": "On/off",
    "Actie {n} van {total}": "Action {n} of {total}",
    "Wat is er gedaan? Kies een status, of druk nog eens Ctrl+S om '{status}' te laten staan.": (
        "What was done? Choose a status, or press Ctrl+S again to leave '{status}' as it is."
    ),
    "Antw.": "Ans.",
    "Categorie: tekst zet het kaartje in een andere categorie.": "Category: text puts the card in another category.",
    "Check": "Check",
    "Code: {code}": "Code: {code}",
    "DD-MM-JJJJ": "DD-MM-YYYY",
    "De samenvatting wordt gemaakt…": "Making the summary…",
    "De samenvatting wordt nog gemaakt; druk zo nog eens w.": "The summary is still being made; press w again in a moment.",
    "Dit script heeft geen introductie.": "This script has no introduction.",
    "Een voornaam of initialen; leeg: 'Zonder telefoon' met een nummer.": "A first name or initials; empty: 'Zonder telefoon' with a number.",
    "Enter: volgend veld · Ctrl+S: opslaan · Esc: annuleren": "Enter: next field · Ctrl+S: save · Esc: cancel",
    "Esc, ? of q: sluiten": "Esc, ? or q: close",
    "Geen stellingen die rood kleuren of waarover de groep het oneens is.": "No statements that are red or that the group disagrees on.",
    "Te weinig antwoorden om te zien welke stellingen rood kleuren of waarover de groep het oneens is.": "Too few answers to tell which statements are red or that the group disagrees on.",
    "Het programma stoppen; niets gaat verloren": "Quit the program; nothing is lost",
    "Het team heeft geen open acties.": "The team has no open actions.",
    "Kies de kleuren van het scherm": "Choose the screen's colours",
    "Kies…": "Choose…",
    "Kleuren": "Colours",
    "Naam van wie zonder telefoon meedoet (mag leeg blijven)": "Name of the person without a phone (may stay empty)",
    "Namens": "For",
    "Niet geschreven: {reason}": "Not written: {reason}",
    "Nieuwe persoon zonder telefoon": "New person without a phone",
    "Nog geen acties. Druk c voor een nieuwe actie.": "No actions yet. Press c for a new action.",
    "Nog geen kaartjes. Druk a om te typen wat er gezegd wordt.": "No cards yet. Press a to type what is said.",
    "Nog niets om op te stemmen.": "Nothing to vote on yet.",
    "Notities": "Notes",
    "Scan de QR-code met de camera van je telefoon, of typ de link in je browser.": "Scan the QR code with your phone's camera, or type the link into your browser.",
    "Schrijven…": "Writing…",
    "Sessie afsluiten": "Close session",
    "Spatie: aan/uit · Enter: opslaan · Esc: annuleren": "Space: on/off · Enter: save · Esc: cancel",
    "Thema of kaartje": "Theme or card",
    "Venster te klein voor de QR-code — zie {path}": "Window too small for the QR code — see {path}",
    "Voor de begeleider": "For the facilitator",
    "Voor je begint": "Before you start",
    "Voor je begint (introductie)": "Before you start (introduction)",
    "Waarom": "Why",
    "Zoek een opdracht…": "Search for a command…",
    "i: verbergen": "i: hide",
    "i: notities": "i: notes",
    "Alle opdrachten, om te zoeken": "All commands, to search",
    "kaartje": "card",
    "Volgend veld": "Next field",
    "w: terug naar het bord": "w: back to the board",
    "w: schrijft de samenvatting naar exports/ en voegt de acties toe aan het plan van het team": "w: writes the summary to exports/ and adds the actions to the team's plan",
    "{n} telefoon doet mee": "{n} phone takes part",
    "{n} gekozen, hoogstens {max}": "{n} chosen, at most {max}",
    "{n} stip uitgedeeld": "{n} dot placed",
}


# The step kinds as the home screen and the agenda name them.
KIND_LABELS: dict[str, tuple[str, str]] = {
    "explain": ("uitleg", "explain"),
    "round": ("rondje", "round"),
    "collect": ("verzamelen", "collect"),
    "group": ("groeperen", "group"),
    "vote": ("stemmen", "vote"),
    "rate": ("scoren", "rate"),
    "actions": ("acties", "actions"),
    "review": ("terugblik", "review"),
    "close": ("afsluiten", "close"),
}
# Keys as people read them on the help screen (Textual's names are English and technical).
KEY_NAMES: dict[str, tuple[str, str]] = {
    "escape": ("Esc", "Esc"),
    "enter": ("Enter", "Enter"),
    "delete": ("Delete", "Delete"),
    "question_mark": ("?", "?"),
    "space": ("Spatie", "Space"),
    "tab": ("Tab", "Tab"),
    "ctrl+q": ("Ctrl+Q", "Ctrl+Q"),
    "ctrl+p": ("Ctrl+P", "Ctrl+P"),
    "ctrl+s": ("Ctrl+S", "Ctrl+S"),
}


def kind_label(kind: str, lang: str) -> str:
    """Return the name of a step kind in `lang` ("verzamelen" for collect)."""
    nl, en = KIND_LABELS.get(kind, (kind, kind))
    return en if lang == "en" else nl


def key_name(key: str, lang: str) -> str:
    """Return a key as people read it ("Esc", "?", "Spatie"); letters and digits stay as they are."""
    nl, en = KEY_NAMES.get(key, (key, key))
    return en if lang == "en" else nl


def plural(lang: str, n: int, one: str, many: str, **params: object) -> str:
    """Return `one` or `many` (Dutch, as written in the code) for the count `n`, in `lang`, filled in."""
    return tr(one if n == 1 else many, lang, n=n, **params)


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
