"""Messages above the team (overview, agenda, indicators, kwaliteitsbeeld, review across teams): Dutch, English.

Kept apart from messages.py (which includes them) so this wording can be read in one place.
"""

from __future__ import annotations

ORGANISATION_MESSAGES: dict[str, tuple[str, str]] = {
    "script.bad_kwaliteitsbeeld": (
        "stap \"{step}\": 'kwaliteitsbeeld: {value}' is geen hoofdstuk van het kwaliteitsbeeld; kies uit: {expected}",
        "step \"{step}\": 'kwaliteitsbeeld: {value}' is not a chapter of the kwaliteitsbeeld; expected one of: {expected}",
    ),
    "script.teams_not_for_rate_review": (
        "stap \"{step}\": 'teams' kan alleen bij een terugblik op acties ('of: acties'), niet bij een terugblik op scores",
        "step \"{step}\": 'teams' only applies to a review of actions ('of: acties'), not to a review of scores",
    ),
    "review.ambiguous": (
        "actie '{ref}' staat in de plannen van meer teams ({teams}); kies hem met het team erbij, bijv. '{example}'",
        "action '{ref}' is in the plans of several teams ({teams}); name it with its team, e.g. '{example}'",
    ),
    "plan.own_skipped": (
        "Geen eigen PDCA-plan gemaakt ({path}): deze sessie heeft geen eigen acties. De antwoorden staan in de "
        "plannen van de teams zelf.",
        "No PDCA plan of its own written ({path}): this session has no actions of its own. The answers are in "
        "the teams' own plans.",
    ),
    "plan.team_written": (
        "PDCA-plan van {team} bijgewerkt: {path} ({updated} acties bijgewerkt)",
        "PDCA plan of {team} updated: {path} ({updated} actions updated)",
    ),
    "plan.team_written.one": (
        "PDCA-plan van {team} bijgewerkt: {path} (1 actie bijgewerkt)",
        "PDCA plan of {team} updated: {path} (1 action updated)",
    ),
    # What a merge changed in a plan, for "PDCA-plan bijgewerkt: … ({changes})": the parts that are not 0.
    "plan.added": ("{n} nieuwe acties", "{n} new actions"),
    "plan.added.one": ("1 nieuwe actie", "1 new action"),
    "plan.updated": ("{n} acties bijgewerkt", "{n} actions updated"),
    "plan.updated.one": ("1 actie bijgewerkt", "1 action updated"),
    "plan.team_unchanged": (
        "PDCA-plan van {team} al bij: {path}",
        "PDCA plan of {team} already up to date: {path}",
    ),
    "plan.own_session_only": (
        "PDCA-plan bijgewerkt: {path} (geen acties veranderd; alleen de sessie staat er nu bij, onder Plan)",
        "PDCA plan updated: {path} (no actions changed; only the session was added, under Plan)",
    ),
    "plan.memory_only": (
        "PDCA-plan bijgewerkt: {path} (geen acties veranderd; alleen het geheugen-commentaar onderaan is aangevuld)",
        "PDCA plan updated: {path} (no actions changed; only the memory comment at the end was completed)",
    ),
    "indicator.name_required": (
        "een indicator heeft een naam nodig, bijv. 'Cliëntervaring (gemiddelde)'",
        "an indicator needs a name, e.g. 'Cliëntervaring (gemiddelde)'",
    ),
    "indicator.ours_required": (
        "indicator '{name}': vul ons eigen cijfer in (kolom 'wij')",
        "indicator '{name}': fill in our own figure (column 'wij')",
    ),
    "indicator.not_a_figure": (
        "indicator '{name}': '{value}' in kolom '{column}' is geen getal; schrijf een getal zoals 8,1 of 42, of een "
        "percentage zoals 87%",
        "indicator '{name}': '{value}' in column '{column}' is not a number; write a number such as 8,1 or 42, or a "
        "percentage such as 87%",
    ),
    "indicator.percent_range": (
        "indicator '{name}': {value} in kolom '{column}' kan niet: een percentage ligt tussen 0% en 100%",
        "indicator '{name}': {value} in column '{column}' is impossible: a percentage lies between 0% and 100%",
    ),
    "indicator.negative_count": (
        "indicator '{name}': {value} in kolom '{column}' kan niet: een aantal is 0 of meer",
        "indicator '{name}': {value} in column '{column}' is impossible: a count is 0 or more",
    ),
    "indicator.unknown": ("deze indicator bestaat niet (meer)", "this indicator does not exist (any more)"),
    "indicator.no_step": (
        "dit script heeft geen stap voor indicatoren; zet '- indicators: ja' bij een collect-stap",
        "this script has no step for indicators; add '- indicators: ja' to a collect step",
    ),
    "indicator.too_long": (
        "'{field}' is te lang ({length} tekens, hoogstens {limit})",
        "'{field}' is too long ({length} characters, at most {limit})",
    ),
    "indicator.csv_no_header": (
        "{path}: de eerste regel moet de kolomnamen geven; nodig: indicator en wij (ook: vergelijking, jaar, bron)",
        "{path}: the first line must name the columns; needed: indicator and wij (also: vergelijking, jaar, bron)",
    ),
    "indicator.csv_missing_column": (
        "{path}:{line}: de kolom '{column}' ontbreekt; gevonden: {found}. Noem een kolom bijv. '{column}'",
        "{path}:{line}: the column '{column}' is missing; found: {found}. Name a column e.g. '{column}'",
    ),
    "indicator.csv_duplicate_column": (
        "{path}:{line}: twee kolommen voor '{column}': '{first}' en '{second}'; geef er één een andere naam",
        "{path}:{line}: two columns for '{column}': '{first}' and '{second}'; rename one of them",
    ),
    "indicator.csv_too_many": (
        "deze regel heeft {count} cellen, de kolomnamen op regel 1 maar {header}; staat er een ';' of ',' te veel, "
        'of hoort een getal met een komma tussen aanhalingstekens ("8,1")?',
        "this line has {count} cells, the column names on line 1 only {header}; is there a ';' or ',' too many, "
        'or should a number with a comma be in quotes ("8,1")?',
    ),
    "indicator.csv_too_long": (
        "meer dan {limit} indicatoren; splits het bestand of kies de indicatoren die jullie bespreken",
        "more than {limit} indicators; split the file or choose the indicators you will discuss",
    ),
    "indicator.csv_bad_line": (
        "deze regel is geen CSV: {reason}; sla het bestand opnieuw op als CSV (puntkomma)",
        "this line is not CSV: {reason}; save the file again as CSV (semicolon)",
    ),
    "indicator.csv_row": ("{path}:{line}: {problem}", "{path}:{line}: {problem}"),
    "indicator.csv_unreadable": (
        "{path}: kan het bestand niet lezen als tekst (UTF-8 of Windows-1252): {reason}",
        "{path}: cannot read the file as text (UTF-8 or Windows-1252): {reason}",
    ),
    "action.unknown_indicator": (
        "de actie verwijst naar indicator '{id}', maar die staat niet in deze sessie",
        "the action refers to indicator '{id}', which is not in this session",
    ),
    "overview.no_folder": (
        "map '{folder}' bestaat niet; noem een map met de plannen (pdca-*.md) en eventueel sessions/",
        "folder '{folder}' does not exist; name a folder holding the plans (pdca-*.md) and, if any, sessions/",
    ),
    "agenda.bad_days": (
        "--dagen moet een heel aantal dagen zijn (0 of meer), niet '{value}'",
        "--dagen must be a whole number of days (0 or more), not '{value}'",
    ),
    "agenda.bad_date": (
        "'{value}' is geen datum; schrijf JJJJ-MM-DD, bijv. 2026-11-23",
        "'{value}' is not a date; write YYYY-MM-DD, e.g. 2026-11-23",
    ),
    "agenda.no_plans": (
        "geen plannen (pdca-*.md) gevonden in {folders}; noem de map waarin de plannen van de teams staan",
        "no plans (pdca-*.md) found in {folders}; name the folder that holds the teams' plans",
    ),
    "overview.nothing": (
        "geen plannen (pdca-*.md) en geen sessies (sessions/*.json) gevonden in {folders}; noem de map waarin ze staan",
        "no plans (pdca-*.md) and no sessions (sessions/*.json) found in {folders}; name the folder that holds them",
    ),
    "agenda.unknown_team": (
        "geen plan gevonden voor team '{team}'{hint}; plannen: {teams}",
        "no plan found for team '{team}'{hint}; plans: {teams}",
    ),
}
ORGANISATION_MESSAGES["review.team_plan_gone"] = (
    "het plan van team '{team}' is er niet meer ({path}); de antwoorden over zijn acties staan in de samenvatting",
    "the plan of team '{team}' is gone ({path}); the answers about its actions are in the summary",
)
