"""Messages about reading and merging a team's plan, the review's dates and skipped steps: Dutch (B1), English.

Kept apart from messages.py (which includes them) so the plan's wording can be read in one place.
"""

from __future__ import annotations

PLAN_MESSAGES: dict[str, tuple[str, str]] = {
    "plan.foreign_table": (
        "deze tabel{section_text} heeft een vorm die workshop niet kan lezen (een tabel uit Word of een rastertabel); "
        "zet hem om naar een tabel met '|' tussen de kolommen, bijvoorbeeld met: pandoc plan.docx -t gfm -o plan.md",
        "this table{section_text} has a form workshop cannot read (a table from Word, or a grid table); turn it into "
        "a table with '|' between the columns, e.g. with: pandoc plan.docx -t gfm -o plan.md",
    ),
    "plan.table_outside": (
        "deze tabel met acties (een kolom 'ID') staat onder het kopje '{section}', dat geen Do, Check of Act is; "
        "zet hem onder het goede kopje, of noem het kopje bijvoorbeeld '## Do – {section}'",
        "this table of actions (an 'ID' column) is under the heading '{section}', which is not Do, Check or Act; "
        "move it under the right heading, or name the heading e.g. '## Do – {section}'",
    ),
    "plan.duplicate_column": (
        "de tabel in '{section}' heeft twee kolommen voor hetzelfde: '{first}' en '{second}'; "
        "geef een van beide een andere naam, dan weet workshop welke het moet bijwerken",
        "the table in '{section}' has two columns for the same thing: '{first}' and '{second}'; "
        "rename one of them, so workshop knows which one to update",
    ),
    "plan.split_row": (
        "deze rij in '{section}' lijkt in tweeën gebroken (een Enter in een cel?); zet hem samen met regel "
        "{other} weer op één regel, met '|' aan het begin en het eind",
        "this row in '{section}' looks broken in two (Enter pressed inside a cell?); join it with line {other} "
        "on one line again, with '|' at its start and end",
    ),
    "plan.status_unknown": (
        "de status '{text}' ken ik niet; de actie telt als open. Schrijf gepland, bezig, klaar, uitgesteld of gestopt",
        "the status '{text}' is not one I know; the action counts as open. Write gepland, bezig, klaar, uitgesteld "
        "or gestopt",
    ),
    "plan.status_unsure": (
        "status '{text}' niet zeker gelezen als {word} — de actie blijft open. Is ze {word}? Schrijf dan alleen "
        "'{word}' (eventueel met de datum, bijv. '{word} op 3 maart')",
        "status '{text}' not surely read as {word} — the action stays open. Is it {word}? Then write just "
        "'{word}' (a date may follow, e.g. '{word} op 3 maart')",
    ),
    "plan.no_status_column": (
        "de tabel in '{section}' heeft geen kolom die ik als status lees ({headers}); de statussen kan ik niet "
        "lezen, dus alle acties erin blijven open. Noem de kolom 'Status'",
        "the table in '{section}' has no column I read as the status ({headers}); I cannot read the statuses, so "
        "all its actions stay open. Name the column 'Status'",
    ),
    "plan.orphan_row": (
        "rij '{id}' in '{section}' hoort bij geen actie in de Do-tabel (is het ID anders geschreven, of de rij in "
        "Do weggehaald?); ik laat hem staan, maar tel hem niet als actie",
        "row '{id}' in '{section}' belongs to no action in the Do table (is the ID written differently, or was "
        "its Do row removed?); it stays, but does not count as an action",
    ),
    "plan.memory_rebuilt": (
        "het geheugen-commentaar onderaan ontbrak, of kende deze sessie niet (na Word?); opnieuw opgebouwd uit de "
        "acties in het plan — een rij die al weg was, herken ik misschien niet meer",
        "the memory comment at the end was missing, or did not know this session (after Word?); rebuilt from the "
        "actions in the plan — a row that was already gone I may no longer recognise",
    ),
    "plan.kept": (
        "Let op: bij {ids} is het plan na de sessie veranderd (met de hand of door een latere sessie); wat er nu "
        "staat, ook een cel die leeg is gemaakt, is blijven staan. Wat de groep zei, staat in de samenvatting",
        "Note: for {ids} the plan changed after the session (by hand or by a later session); what it says now, "
        "also a cell that was emptied, was kept. What the group said is in the summary",
    ),
    "plan.unsure": (
        "Niet in het plan gezet bij {ids}: het geheugen-commentaar van het plan ontbrak, dus ik kan niet zien of "
        "een eerdere export van deze sessie dit antwoord er al in zette en iemand het daarna weghaalde. Klopt het "
        "antwoord (zie de samenvatting), vul het dan zelf in",
        "Not put into the plan for {ids}: the plan's memory comment was missing, so I cannot see whether an "
        "earlier export of this session wrote this answer there and someone took it out afterwards. If the answer "
        "is right (see the summary), fill it in yourself",
    ),
    "plan.unplaced": (
        "Niet in het plan gezet bij {ids}: die actie heeft geen rij in de tabel met die kolom (Check of Act, met "
        "hetzelfde ID). Voeg die rij toe, dan zet de volgende export het erin, of vul het zelf in; wat de groep zei, "
        "staat in de samenvatting",
        "Not put into the plan for {ids}: that action has no row in the table with that column (Check or Act, with "
        "the same ID). Add that row and the next export fills it in, or fill it in yourself; what the group said is "
        "in the summary",
    ),
    "plan.deleted": (
        "Niet opnieuw in het plan gezet, want iemand haalde ze eruit: {ids}",
        "Not put back into the plan, because someone took them out: {ids}",
    ),
    "plan.note": ("let op", "note"),
    "plan.decision_unknown": (
        "het besluit '{text}' ken ik niet; schrijf borgen, bijstellen, stoppen of opschalen",
        "the decision '{text}' is not one I know; write borgen, bijstellen, stoppen or opschalen",
    ),
    "plan.result_unsure": (
        "het resultaat '{text}' is met een vraagteken niet zeker; het telt nog niet als resultaat (fase C). "
        "Is het gemeten? Schrijf dan het resultaat zonder vraagteken",
        "the result '{text}' is not sure with a question mark; it does not count as a result yet (phase C). "
        "Was it measured? Then write the result without the question mark",
    ),
    "plan.phase_held": (
        "actie '{id}' staat in Fase A, maar er staat geen besluit (meer) bij; ik laat de A staan, want ik weet niet "
        "of het besluit is teruggedraaid of per ongeluk weggehaald. Vul het besluit in (borgen, bijstellen, stoppen "
        "of opschalen), of zet de Fase zelf terug (C als er een resultaat is, anders D of P)",
        "action '{id}' is in phase A, but no decision stands beside it (any more); I keep the A, as I cannot tell "
        "whether the decision was taken back or removed by mistake. Fill in the decision (borgen, bijstellen, "
        "stoppen or opschalen), or set the phase back yourself (C with a result, else D or P)",
    ),
    "plan.told_before_agreed": (
        "bij actie '{id}' ligt de datum van de terugkoppeling vóór de dag dat de actie is afgesproken ({agreed}); "
        "ik laat hem staan. Klopt het jaartal? Vul de datum in waarop jullie het lieten weten",
        "for action '{id}' the feedback date is before the day the action was agreed ({agreed}); I keep it. Is the "
        "year right? Fill in the date the people were told",
    ),
    "plan.date_unknown": (
        "'{text}' lees ik niet als datum met een jaar, dus de agenda herinnert er niet aan; schrijf bijvoorbeeld "
        "10-01-2027 of 10 januari 2027",
        "'{text}' does not read as a date with a year, so the agenda gives no reminder of it; write e.g. 10-01-2027 "
        "or 10 januari 2027",
    ),
    "plan.two_values": (
        "actie '{id}' staat in twee tabellen met iets anders ('{text}'); de eerste tabel telt",
        "action '{id}' is in two tables that say different things ('{text}'); the first table counts",
    ),
    "plan.changed_meanwhile": (
        "het plan verandert steeds terwijl workshop het bijwerkt (staat het open in een programma dat het "
        "telkens opslaat?); sluit dat en probeer het opnieuw",
        "the plan keeps changing while workshop updates it (is it open in a program that keeps saving it?); "
        "close that and try again",
    ),
    "plan.locked": (
        "een andere export werkt dit plan al bij ({lock}); wacht tot die klaar is en probeer het opnieuw",
        "another export is updating this plan ({lock}); wait until it is done and try again",
    ),
    "plan.similar": (
        "er is nog geen plan voor '{team}', maar wel voor {others}. Hoort deze sessie bij dat team? "
        "Gebruik dan {use}. Is het echt een ander team? Gebruik dan --nieuw-plan.",
        "there is no plan for '{team}' yet, but there is one for {others}. Does this session belong to that "
        "team? Then use {use}. Is it really another team? Then use --nieuw-plan.",
    ),
    "review.deadline_passed": ("De deadline ({date}) is voorbij.", "The deadline ({date}) has passed."),
    "session.step_skipped": (
        "Stap '{step}' is overgeslagen: er zijn geen open acties. Kies hem met j als je hem toch wilt zien.",
        "Step '{step}' was skipped: there are no open actions. Choose it with j to see it anyway.",
    ),
    "session.step_skipped_rate": (
        "Stap '{step}' is overgeslagen: geen stelling kleurde rood en niemand was het oneens. Kies hem met j als "
        "je hem toch wilt zien.",
        "Step '{step}' was skipped: no statement came out red or disputed. Choose it with j to see it anyway.",
    ),
}
