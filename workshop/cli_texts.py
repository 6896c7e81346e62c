"""The help and messages of the `workshop` command, Dutch first and English second."""

from __future__ import annotations

HELP = {
    "nl": {
        "description": "workshop: begeleide teamsessies in de zorg, van gesprek naar PDCA-verbeterplan.",
        "check": "controleer scripts (standaard: alle scripts)",
        "new": "start een nieuwe sessie met een script",
        "sessions": "toon de opgeslagen sessies",
        "export": "schrijf de Markdown-samenvatting van een sessie naar exports/",
        "ok": "{path}: in orde ({steps} stappen, {minutes} minuten){origin}",
        "warning": "waarschuwing",
        "started": "Sessie gestart: {id}\nBestand: {path}",
        "written": "Samenvatting geschreven: {path}",
        "no_sessions": "Nog geen sessies in {folder}. Start er een met: workshop new SCRIPT --team NAAM",
        "no_script": "Script '{ref}' niet gevonden.{hint} Beschikbaar: {names}",
        "error": "fout",
        "open": "open",
        "closed": "afgesloten",
        "days": "{n} dagen oud",
        "damaged": "BESCHADIGD",
        "purge": "verwijder een sessie definitief (na de export; AVG: bewaar niet langer dan nodig)",
        "plan_written": "PDCA-plan bijgewerkt: {path} ({changes})",
        "plan_unchanged": "PDCA-plan al bij: {path}",
        "plan_warning": "let op",
        "plan_flag": "voeg de sessie toe aan het plan van dit team (bij een team met een net iets andere naam)",
        "new_plan_flag": "begin een eigen plan voor dit team, ook als een team met bijna dezelfde naam een plan heeft",
        "feedback_written": "Terugkoppelingsoverzicht geschreven: {path}",
        "lessons_written": "Lessen voor het lerend netwerk geschreven: {path}",
        "chapter": "schrijf ook het hoofdstuk voor het kwaliteitsbeeld (vaste kopjes, altijd zonder namen)",
        "chapter_written": "Hoofdstuk voor het kwaliteitsbeeld geschreven: {path}",
        "review_loaded": (
            "Klaar voor de terugblik: de acties uit {path} die open zijn of klaar zonder besluit ({count})."
        ),
        "review_not_loaded": "let op: de open acties zijn niet geladen: {problem}",
        "review_refused": (
            "De sessie is niet gestart: het script blikt terug op de open acties, maar het plan van dit team is "
            "niet te lezen (zie hierboven). Herstel het plan en start opnieuw. Of start toch, zonder de open "
            "acties, met {flag}: herstel het plan dan vóór de terugblik; die stap laadt ze opnieuw."
        ),
        "without_review_flag": (
            "start ook als het plan van het team niet te lezen is: de terugblik laadt de open acties pas als "
            "het plan hersteld is"
        ),
        "purge_no_export": "Let op: er is nog geen export van {id}. Maak die eerst met: workshop export {id}",
        "purge_ask": "Sessie {id} en de reservekopie definitief verwijderen? Typ 'ja' om door te gaan: ",
        "purge_done": "Verwijderd: {files}",
        "purge_cancelled": "Niets verwijderd.",
        "purge_files": "Wordt verwijderd: {files} (met reservekopie). Het PDCA-plan van het team blijft staan.",
        "purge_kept": "Bewaard voor de trends en bouwstenen in het overzicht: {path}. Daarin staan alleen team, "
        "datum, script en per stelling hoeveel antwoorden welke kleur kregen; geen kaartjes, thema's, namen of rollen.",
        "purge_not_kept": "Geen cijfers bewaard: de sessie was niet te lezen. Trends en bouwstenen in het overzicht "
        "missen deze sessie.",
        "retention": "bewaartermijn in dagen (standaard {days}, of $WORKSHOP_BEWAARTERMIJN)",
        "retention_past": "Let op (AVG): {n} sessie(s) ouder dan {days} dagen: {ids}. Exporteer en verwijder ze: "
        "workshop export ID, dan workshop purge ID.",
        "retention_bad": "de bewaartermijn moet een heel aantal dagen zijn (1 of meer), niet '{value}'",
        "serve": "alleen de webserver voor de telefoons van een sessie (zonder het begeleidersscherm)",
        "html": "schrijf ook de samenvatting om af te drukken: één HTML-bestand met grafieken (exports/ID.html)",
        "pdf": "schrijf ook een PDF van wat je afdrukt (met Chrome, Edge of Chromium op deze computer)",
        "handout_written": "Afdrukbare samenvatting geschreven: {path}",
        "pdf_written": "PDF geschreven: {path}",
        "stdout_pdf": "--pdf kan niet samen met --stdout: een PDF gaat altijd naar exports/",
        "sheet": "schrijf het antwoordblad voor wie geen smartphone heeft (A4, met QR-code en code)",
        "sheet_written": "Antwoordblad geschreven: {path}",
        "sheet_link": "QR-code op het blad: {url}\nDie werkt als de laptop op de dag hetzelfde netwerkadres en "
        "dezelfde poort heeft; anders laat je de QR-code op het scherm zien.",
        "sheet_no_lan": "let op: geen netwerk gevonden, dus geen QR-code op het blad. Geef het adres van de laptop "
        "met --host, of laat de QR-code op de dag op het scherm zien.",
        "sheet_no_token": "let op: deze sessie heeft nog geen vaste link, dus geen QR-code op het blad. Open de "
        "sessie eenmaal in workshop en maak het blad dan opnieuw.",
        "new_script": "kopieer een script naar scripts/ onder een nieuwe naam, om het aan te passen",
        "builtin": "ingebouwd",
        "own": "eigen script",
        "no_workspace": "de map {folder} bestaat niet; geef met --workspace een map die er wel is",
        "no_md_in_folder": "{folder}: in deze map staan geen .md-bestanden",
        "replaced": "{path}: ingebouwd script '{name}' wordt niet aangeboden: {own} vervangt het",
        "no_scripts": (
            "Geen scripts gevonden: niet in {folder} en ook geen ingebouwde scripts in {builtin}.\n"
            "Installeer workshop opnieuw (pipx install --force ...), of zet een script in {folder}."
        ),
        "did_you_mean": " Bedoel je '{hint}'?",
        "copied": (
            "Script gekopieerd naar {path} (id: {id}).\n"
            "Pas het aan in een teksteditor en controleer het daarna met: workshop check {path}"
        ),
        "copy_exists": "{path} bestaat al; er is niets overschreven. Kies een andere naam.",
        "copy_taken": "Er is al een script met de naam '{name}': {path}. Kies een andere naam.",
        "copy_bad_name": "'{name}' kan geen script-id zijn (alleen kleine letters, cijfers en '-'); bijv.: {hint}",
        "copy_broken": "{path} heeft fouten; verbeter die eerst (workshop check {path}):",
    },
    "en": {
        "description": "workshop: facilitated team sessions in care, from conversation to a PDCA plan.",
        "check": "check scripts (default: every script)",
        "new": "start a new session from a script",
        "sessions": "list the stored sessions",
        "export": "write a session's Markdown summary to exports/",
        "ok": "{path}: OK ({steps} steps, {minutes} minutes){origin}",
        "warning": "warning",
        "started": "Session started: {id}\nFile: {path}",
        "written": "Summary written: {path}",
        "no_sessions": "No sessions yet in {folder}. Start one with: workshop new SCRIPT --team NAME",
        "no_script": "Script '{ref}' not found.{hint} Available: {names}",
        "error": "error",
        "open": "open",
        "closed": "closed",
        "days": "{n} days old",
        "damaged": "DAMAGED",
        "purge": "delete a session for good (after exporting it; GDPR: keep data no longer than needed)",
        "plan_written": "PDCA plan updated: {path} ({changes})",
        "plan_unchanged": "PDCA plan already up to date: {path}",
        "plan_warning": "note",
        "plan_flag": "add the session to this team's plan (for a team whose name is written slightly differently)",
        "new_plan_flag": "start a plan of this team's own, even when a team with almost the same name has one",
        "feedback_written": "Feedback overview written: {path}",
        "lessons_written": "Lessons for the learning network written: {path}",
        "chapter": "also write the chapter for the kwaliteitsbeeld (fixed headings, always without names)",
        "chapter_written": "Kwaliteitsbeeld chapter written: {path}",
        "review_loaded": (
            "Ready for the review: the actions from {path} that are open or done without a decision ({count})."
        ),
        "review_not_loaded": "note: the open actions were not loaded: {problem}",
        "review_refused": (
            "The session was not started: the script looks back on the open actions, but the team's plan cannot "
            "be read (see above). Repair the plan and start again. Or start anyway, without the open actions, "
            "with {flag}: then repair the plan before the review; that step loads them again."
        ),
        "without_review_flag": (
            "start even when the team's plan cannot be read: the review loads the open actions only once the "
            "plan is repaired"
        ),
        "purge_no_export": "Note: {id} has not been exported yet. Export it first with: workshop export {id}",
        "purge_ask": "Delete session {id} and its backup for good? Type 'yes' to go on: ",
        "purge_done": "Deleted: {files}",
        "purge_cancelled": "Nothing deleted.",
        "purge_files": "To be deleted: {files} (with its backup). The team's PDCA plan stays.",
        "purge_kept": "Kept for the trends and bouwstenen of the overview: {path}. It holds only team, date, script "
        "and per statement how many answers each colour got; no cards, themes, names or roles.",
        "purge_not_kept": "No figures kept: the session could not be read. The overview's trends and bouwstenen miss "
        "this session.",
        "retention": "retention term in days (default {days}, or $WORKSHOP_BEWAARTERMIJN)",
        "retention_past": "Note (GDPR): {n} session(s) older than {days} days: {ids}. Export and delete them: "
        "workshop export ID, then workshop purge ID.",
        "retention_bad": "the retention term must be a whole number of days (1 or more), not '{value}'",
        "serve": "only the phones' web server for a session (without the facilitator's screen)",
        "html": "also write the summary for printing: one HTML file with charts (exports/ID.html)",
        "pdf": "also write a PDF of what you print (with Chrome, Edge or Chromium on this computer)",
        "handout_written": "Printable summary written: {path}",
        "pdf_written": "PDF written: {path}",
        "stdout_pdf": "--pdf cannot go with --stdout: a PDF always goes to exports/",
        "sheet": "write the answer sheet for people without a smartphone (A4, with QR code and code)",
        "sheet_written": "Answer sheet written: {path}",
        "sheet_link": "QR code on the sheet: {url}\nIt works when the laptop has the same network address and port "
        "on the day; otherwise show the QR code on screen.",
        "sheet_no_lan": "note: no network found, so no QR code on the sheet. Give the laptop's address with --host, "
        "or show the QR code on screen on the day.",
        "sheet_no_token": "note: this session has no fixed link yet, so no QR code on the sheet. Open the session "
        "once in workshop, then make the sheet again.",
        "new_script": "copy a script into scripts/ under a new name, to change it",
        "builtin": "built-in",
        "own": "own script",
        "no_workspace": "the folder {folder} does not exist; give --workspace a folder that exists",
        "no_md_in_folder": "{folder}: this folder holds no .md files",
        "replaced": "{path}: built-in script '{name}' is not offered: {own} replaces it",
        "no_scripts": (
            "No scripts found: none in {folder}, and no built-in scripts in {builtin}.\n"
            "Reinstall workshop (pipx install --force ...), or put a script in {folder}."
        ),
        "did_you_mean": " Did you mean '{hint}'?",
        "copied": (
            "Script copied to {path} (id: {id}).\nChange it in a text editor, then check it with: workshop check {path}"
        ),
        "copy_exists": "{path} exists already; nothing was overwritten. Choose another name.",
        "copy_taken": "There is a script named '{name}' already: {path}. Choose another name.",
        "copy_bad_name": "'{name}' cannot be a script id (only lower-case letters, digits and '-'); e.g.: {hint}",
        "copy_broken": "{path} has errors; fix them first (workshop check {path}):",
    },
}
