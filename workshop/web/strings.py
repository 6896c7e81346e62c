"""Words on the phone pages: written in Dutch in the templates and handlers, translated to English here."""

from __future__ import annotations

# Dutch text as written -> English. A test checks that every t("...") in workshop/web has an entry.
EN: dict[str, str] = {
    "Meedoen": "Join in",
    "Bezig met opslaan…": "Saving…",
    "Geen verbinding. Probeer het opnieuw.": "No connection. Try again.",
    "Stap {n} van {total}": "Step {n} of {total}",
    "De sessie is afgelopen. Bedankt voor het meedoen!": "The session has ended. Thank you for taking part!",
    "Onderwerp": "Topic",
    "Kies een onderwerp": "Choose a topic",
    "Jouw kaartje": "Your card",
    "Jouw antwoord": "Your answer",
    "Hooguit {n} tekens. Geen namen: schrijf 'de bewoner' of 'een collega'.": "At most {n} characters. No names: write 'the resident' or 'a colleague'.",
    "Versturen": "Send",
    "Dit heb jij gestuurd": "What you sent",
    "{n} van {total} ingevuld. Je kunt je antwoord later nog veranderen.": "{n} of {total} answered. You can still change your answer later.",
    "Opgeslagen": "Saved",
    "Antwoorden opslaan": "Save answers",
    "Je hebt nog {left} van de {dots} stippen.": "You have {left} of {dots} dots left.",
    "Hooguit 1 stip per punt.": "At most 1 dot per item.",
    "Hooguit {n} stippen per punt.": "At most {n} dots per item.",
    "Er is nog niets om op te stemmen. Kijk mee op het scherm.": "There is nothing to vote on yet. Watch the screen.",
    "Jouw stippen: {n}": "Your dots: {n}",
    "Stip erbij": "Add dot",
    "Stip eraf": "Take dot back",
    "Het stemmen is nog niet open. Kijk mee op het scherm.": "Voting is not open. Watch the screen.",
    "Kijk mee op het scherm.": "Watch the screen.",
    "Uitslag": "Results",
    "1 stip": "1 dot",
    "{n} stippen": "{n} dots",
    "We zijn het hier oneens": "We disagree here",
    "Vernieuwen": "Refresh",
    # handlers
    "Verstuurd. Je kunt er nog een sturen.": "Sent. You can send another one.",
    "Je antwoorden zijn opgeslagen.": "Your answers are saved.",
    "Dit lukt niet": "This does not work",
    "Niet opgeslagen": "Not saved",
    "Terug naar de vragen": "Back to the questions",
    "Opnieuw meedoen": "Join again",
    "Even wachten": "One moment",
    "Nu opnieuw proberen": "Try again now",
}


def tr(text: str, lang: str, **params: object) -> str:
    """Return `text` (Dutch) in `lang`, filled in with `params`; unknown text stays Dutch."""
    if lang == "en":
        text = EN.get(text, text)
    return text.format(**params) if params else text
