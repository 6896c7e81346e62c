"""The benchmark's session: a plenary script, and a session that already holds a given number of records."""

from __future__ import annotations

import time

from ..core.attendance import MAX_PARTICIPANTS
from ..core.script import parse_script
from ..workspace import Workspace

OPTIONS = ("Overdracht", "Rooster", "Scholing", "Naasten", "Medicatie", "Overleg", "Werkdruk", "Techniek")
STATEMENTS = (
    "Er is tijd om te leren.",
    "Fouten bespreken voelt veilig.",
    "We weten wie wat doet.",
    "Naasten worden betrokken.",
)
LIVE_COLLECT = "ideeen"
VOTE_SPREAD = "stemmen"
VOTE_HERD = "nog-eens-stemmen"

SCRIPT = f"""---
id: bench-plenair
title: Plenaire sessie (benchmark)
---

# Plenaire sessie

## Welkom
- kind: explain
- minutes: 2

Geen namen, geen BSN, geen geboortedata.

## Eerder verzameld
- kind: collect
- minutes: 10
- categories: Tijd, Geld, Mensen

Wat speelt er?

## Eerder gestemd
- kind: vote
- minutes: 5
- options: {", ".join(OPTIONS)}
- dots: 3

Wat pakken we aan?

## Scores
- kind: rate
- minutes: 5
- statements: {", ".join(s.rstrip(".") for s in STATEMENTS)}

Kies per stelling een kleur.

## Ideeën
- id: {LIVE_COLLECT}
- kind: collect
- minutes: 10

Wat is jouw idee?

## Stemmen
- id: {VOTE_SPREAD}
- kind: vote
- minutes: 5
- options: {", ".join(OPTIONS)}
- dots: 3

Welke drie punten eerst?

## Nog eens stemmen
- id: {VOTE_HERD}
- kind: vote
- minutes: 5
- options: {", ".join(OPTIONS)}
- dots: 3

En nu?
"""

PHRASES = (
    "Bij de overdracht missen we vaak informatie over de medicatie van de cliënt",
    "Naasten bellen 's avonds omdat ze niet weten wie de contactpersoon is",
    "Het zorgplan wordt niet altijd samen met de cliënt besproken en bijgesteld",
    "In het weekend is er te weinig tijd voor een goed gesprek met de familie",
)


def split(records: int) -> dict[str, int]:
    """Return how `records` seeded records divide over participants, cards, votes and ratings."""
    if records <= 0:
        return {"participants": 0, "cards": 0, "votes": 0, "ratings": 0}
    participants = max(1, records // 40)
    votes = min(3 * participants, records // 8)
    ratings = min(len(STATEMENTS) * participants, records // 10)
    cards = max(0, records - participants - votes - ratings)
    return {"participants": participants, "cards": cards, "votes": votes, "ratings": ratings}


def seed_session(workspace: Workspace, records: int) -> tuple[str, float]:
    """Start a bench session holding `records` records through the real service; returns its id and seconds taken.

    The session is left at the live collect step with the store closed (a server opens it next).
    """
    started = time.perf_counter()
    script = parse_script(SCRIPT, "bench-plenair.md")
    service = workspace.new_session(script, team=f"Bench {records}")
    try:
        parts = split(records)
        # A plenary: the seeded people and the bench's phones together, far over a care team's default cap.
        service.set_join_limit(MAX_PARTICIPANTS)
        with service.batch():
            people = [service.join().id for _ in range(parts["participants"])]
            service.go_to("eerder-verzameld")
            for i in range(parts["cards"]):
                service.add_contribution(
                    f"{PHRASES[i % len(PHRASES)]} (eerder {i})",
                    author=people[i % len(people)],
                    category=("Tijd", "Geld", "Mensen")[i % 3],
                )
            service.go_to("eerder-gestemd")
            service.open_voting()
            for i in range(parts["votes"]):
                service.cast_vote(f"o{1 + (i * 7) % len(OPTIONS)}", voter=people[(i // 3) % len(people)])
            service.go_to("scores")
            for i in range(parts["ratings"]):
                who, statement = divmod(i, len(STATEMENTS))
                service.rate(statement, ("groen", "oranje", "rood", "onbekend")[i % 4], voter=people[who % len(people)])
            service.go_to(LIVE_COLLECT)
        return service.state.meta.id, time.perf_counter() - started
    finally:
        service.release()
