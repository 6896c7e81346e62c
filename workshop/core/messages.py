"""Message catalogue for errors people see: Dutch (B1) first, English second; one place for all wording."""

# Over 450 lines on purpose: a translator or a reviewer of the Dutch reads every message in one file.

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from .dates import screen_date
from .organisation_messages import ORGANISATION_MESSAGES
from .plan_messages import PLAN_MESSAGES

LANGUAGES = ("nl", "en")

# code -> (Dutch, English). Placeholders are str.format fields filled from the error's params.
MESSAGES: dict[str, tuple[str, str]] = {
    # --- scripts -------------------------------------------------------------------------------
    "script.errors": ("{count} probleem/problemen in het script", "{count} problem(s) in the script"),
    "script.unreadable": (
        "kan het bestand niet lezen als tekst (UTF-8): {reason}",
        "cannot read the file as text (UTF-8): {reason}",
    ),
    "script.not_found": (
        "dit bestand bestaat niet; controleer de naam en de map",
        "this file does not exist; check the name and the folder",
    ),
    "script.no_front_matter": (
        "het script begint niet met een kop tussen '---'-regels; zet bovenaan bijvoorbeeld '---', 'id: mijn-sessie', 'title: Mijn sessie', '---'",
        "the script does not start with front matter between '---' lines; start it with e.g. '---', 'id: my-session', 'title: My session', '---'",
    ),
    "script.missing_front_key": (
        "de kop mist '{key}:'; voeg een regel '{key}: ...' toe tussen de '---'-regels",
        "the front matter lacks '{key}:'; add a line '{key}: ...' between the '---' lines",
    ),
    "script.front_not_key_value": (
        "'{text}' is geen 'naam: waarde'-regel; schrijf bijvoorbeeld 'title: Mijn sessie'",
        "'{text}' is not a 'key: value' line; write e.g. 'title: My session'",
    ),
    "script.unknown_front_key": (
        "onbekende sleutel '{key}' in de kop; toegestaan: {expected}",
        "unknown key '{key}' in the front matter; expected one of: {expected}",
    ),
    "script.empty_front_value": (
        "'{key}' in de kop is leeg; vul een waarde in",
        "'{key}' in the front matter is empty; give it a value",
    ),
    "script.bad_id": (
        "id '{value}' mag alleen kleine letters, cijfers en '-' bevatten; gebruik bijvoorbeeld '{suggestion}'",
        "id '{value}' may only hold lower-case letters, digits and '-'; use e.g. '{suggestion}'",
    ),
    "script.no_steps": (
        "het script heeft geen stappen; begin elke stap met een kop '## Naam van de stap'",
        "the script has no steps; start each step with a heading '## Step name'",
    ),
    "script.no_params": (
        "stap \"{step}\" begint niet met een lijst instellingen; zet direct onder de kop bijvoorbeeld '- kind: collect' en '- minutes: 10'",
        "step \"{step}\" does not open with a parameter list; put e.g. '- kind: collect' and '- minutes: 10' right under the heading",
    ),
    "script.param_not_key_value": (
        "stap \"{step}\": '{text}' is geen instelling; schrijf '- naam: waarde' (laat een lege regel voor de vraagtekst)",
        "step \"{step}\": '{text}' is not a parameter; write '- key: value' (leave a blank line before the prompt)",
    ),
    "script.duplicate_param": (
        "stap \"{step}\": '{key}' staat er twee keer; haal er één weg",
        "step \"{step}\": '{key}' is given twice; remove one",
    ),
    "script.inline_and_list": (
        "stap \"{step}\": '{key}' heeft een waarde op de regel én een lijst eronder; kies één van beide",
        "step \"{step}\": '{key}' has both a value on its line and a list below; use one of them",
    ),
    "script.did_you_mean": (' (bedoel je "{hint}"?)', ' (did you mean "{hint}"?)'),
    "script.prompt_needs_blank_line": (
        'stap "{step}": zet een lege regel tussen de lijst instellingen en de vraagtekst',
        'step "{step}": put a blank line between the parameter list and the prompt',
    ),
    "script.duplicate_front_key": (
        "'{key}' staat twee keer in de kop (ook op regel {other}); haal er één weg",
        "'{key}' is given twice in the front matter (also on line {other}); remove one",
    ),
    "script.front_not_a_number": (
        "{key} moet een heel getal zijn, niet '{value}'",
        "{key} must be a whole number, not '{value}'",
    ),
    "script.front_too_small": (
        "{key} is {value}; dat moet minstens {minimum} zijn",
        "{key} is {value}; it must be at least {minimum}",
    ),
    "script.not_a_number": (
        "stap \"{step}\": {key} moet een heel getal zijn, niet '{value}'",
        "step \"{step}\": {key} must be a whole number, not '{value}'",
    ),
    "script.too_small": (
        'stap "{step}": {key} is {value}; dat moet minstens {minimum} zijn',
        'step "{step}": {key} is {value}; it must be at least {minimum}',
    ),
    "script.duplicate_step_id": (
        "stap \"{step}\" heeft id '{id}', net als de stap op regel {other}; geef een van beide een eigen '- id: ...'",
        "step \"{step}\" has id '{id}', like the step on line {other}; give one of them its own '- id: ...'",
    ),
    "script.ref_wrong_kind": (
        'stap "{step}" verwijst naar "{ref}", maar dat is een stap van soort \'{kind}\'; verwijs naar een stap van soort: {expected}',
        'step "{step}" refers to "{ref}", which is a step of kind \'{kind}\'; refer to a step of kind: {expected}',
    ),
    "script.unknown_ref": (
        'stap "{step}" verwijst naar "{ref}", maar er is geen eerdere stap met die naam of id; mogelijk: {expected}',
        'step "{step}" refers to "{ref}", but no earlier step has that title or id; possible: {expected}',
    ),
    "script.missing_kind": (
        "stap \"{step}\" heeft geen '- kind: ...'; kies uit: {expected}",
        "step \"{step}\" has no '- kind: ...'; expected one of: {expected}",
    ),
    "script.unknown_kind": (
        'stap "{step}" heeft soort "{kind}"; kies uit: {expected}',
        'step "{step}" has kind "{kind}"; expected one of: {expected}',
    ),
    "script.key_not_for_kind": (
        "stap \"{step}\": '{key}' hoort niet bij een stap van soort '{kind}'; toegestaan: {expected}",
        "step \"{step}\": '{key}' does not apply to a step of kind '{kind}'; expected one of: {expected}",
    ),
    "script.unknown_key": (
        "stap \"{step}\": onbekende instelling '{key}'; toegestaan: {expected}",
        "step \"{step}\": unknown key '{key}'; expected one of: {expected}",
    ),
    "script.empty_list": ("stap \"{step}\": de lijst '{key}' is leeg", "step \"{step}\": the list '{key}' is empty"),
    "script.list_not_allowed": (
        "stap \"{step}\": '{key}' is één waarde, geen lijst; zet de waarde achter de dubbele punt",
        "step \"{step}\": '{key}' takes one value, not a list; put it after the colon",
    ),
    "script.missing_minutes": (
        "stap \"{step}\" heeft geen tijd; voeg '- minutes: 10' toe",
        "step \"{step}\" has no timebox; add '- minutes: 10'",
    ),
    "script.missing_prompt": (
        'stap "{step}" heeft geen vraag of uitleg; schrijf die onder de lijst instellingen, na een lege regel',
        'step "{step}" has no prompt; write it below the parameter list, after a blank line',
    ),
    "script.bad_bool": (
        "stap \"{step}\": '{key}' moet 'ja' of 'nee' zijn, niet '{value}'",
        "step \"{step}\": '{key}' must be 'yes' or 'no', not '{value}'",
    ),
    "script.unknown_scale": (
        "stap \"{step}\": onbekende schaal '{value}'; kies uit: {expected}",
        "step \"{step}\": unknown scale '{value}'; expected one of: {expected}",
    ),
    "script.pick_too_many": (
        'stap "{step}": pick is {pick}, maar er zijn maar {count} categorieën',
        'step "{step}": pick is {pick}, but there are only {count} categories',
    ),
    "script.group_without_cards": (
        "stap \"{step}\" groepeert kaarten, maar er is geen eerdere collect-stap; voeg '- source: ...' toe of zet een collect-stap ervoor",
        "step \"{step}\" groups cards, but there is no earlier collect step; add '- source: ...' or put a collect step before it",
    ),
    "script.vote_target": (
        "stap \"{step}\" moet zeggen waarover gestemd wordt: '- on: <eerdere stap>' óf een lijst '- options:' (niet allebei)",
        "step \"{step}\" must say what is voted on: '- on: <earlier step>' or a list '- options:' (not both)",
    ),
    "script.max_over_budget": (
        'stap "{step}": max_per_item ({max}) is groter dan het aantal stippen ({dots})',
        'step "{step}": max_per_item ({max}) is larger than the dot budget ({dots})',
    ),
    "script.rate_without_statements": (
        "stap \"{step}\" is een rate-stap zonder stellingen; voeg '- statements:' toe met een lijst eronder",
        "step \"{step}\" is a rate step without statements; add '- statements:' with a list below it",
    ),
    "script.unclosed_comment": (
        "hier begint een opmerking ('<!--') die nergens wordt afgesloten; zet '-->' aan het eind van de opmerking",
        "a comment ('<!--') starts here and is never closed; put '-->' at the end of the comment",
    ),
    "script.is_folder": (
        "dit is een map, geen bestand; geef een .md-bestand, of de map zelf aan 'workshop check' om alle .md-bestanden erin te controleren",
        "this is a folder, not a file; give a .md file, or give the folder to 'workshop check' to check every .md file in it",
    ),
    "script.not_utf8": (
        "kan het bestand niet lezen als tekst (UTF-8): op regel {line_number} staat een teken dat geen UTF-8 is; sla het bestand op als UTF-8 (in de teksteditor: Opslaan als, codering UTF-8)",
        "cannot read the file as text (UTF-8): line {line_number} holds a character that is not UTF-8; save the file as UTF-8 (in the text editor: Save as, encoding UTF-8)",
    ),
    "script.before_front_matter": (
        "er staat iets vóór de eerste '---'; de kop met id en title moet op regel 1 beginnen, haal de regels erboven weg",
        "there is something before the first '---'; the front matter with id and title must start on line 1, remove the lines above it",
    ),
    "script.heading_without_space": (
        "'{text}' lijkt een stapkop zonder spatie na ## — schrijf '{fix}'",
        "'{text}' looks like a step heading without a space after ## — write '{fix}'",
    ),
    "script.param_in_prompt": (
        "stap \"{step}\": '{text}' lijkt een instelling, maar staat in de vraagtekst; zet instellingen direct onder de kop '## ...' van hun stap",
        "step \"{step}\": '{text}' looks like a parameter but is inside the prompt; put parameters right under their step's '## ...' heading",
    ),
    "script.param_line_broken": (
        "stap \"{step}\": '{text}' hoort niet in de lijst instellingen; een instelling begint met '- naam: waarde' (is het de vraagtekst, zet er dan een lege regel vóór)",
        "step \"{step}\": '{text}' does not belong in the parameter list; a parameter starts with '- key: value' (if it is the prompt, put a blank line before it)",
    ),
    "script.comment_hides_steps": (
        "commentaar '<!--' wordt pas op regel {end} gesloten en verbergt stap(pen) {steps}; sluit het commentaar eerder af met '-->'",
        "comment '<!--' is only closed on line {end} and hides step(s) {steps}; close the comment earlier with '-->'",
    ),
    "script.notes_heading_typo": (
        "stap \"{step}\": de kop '{text}' lijkt op de kop voor aantekeningen van de begeleider, maar is anders geschreven; wat eronder staat, zou de groep nu te zien krijgen",
        "step \"{step}\": the heading '{text}' looks like the heading for the facilitator's notes but is spelt differently; the group would now see what is under it",
    ),
    "script.named_not_for_kind": (
        "stap \"{step}\": 'anonymous: nee' kan niet bij een stap van soort '{kind}'; scores en stippen blijven altijd anoniem. Namen bij kaartjes kan alleen bij collect, round, close en review",
        "step \"{step}\": 'anonymous: nee' does not apply to a step of kind '{kind}'; scores and dots are always anonymous. Only cards (collect, round, close, review) can carry names",
    ),
    "script.category_help_empty": (
        "stap \"{step}\": categorie '{item}' heeft een dubbele punt maar geen naam of uitleg; schrijf 'Naam: uitleg', of haal de dubbele punt weg",
        "step \"{step}\": category '{item}' has a colon but no name or help text; write 'Name: help', or remove the colon",
    ),
    "script.duplicate_category": (
        "stap \"{step}\": categorie '{name}' staat er twee keer; haal er één weg",
        "step \"{step}\": category '{name}' is given twice; remove one",
    ),
    "script.vote_on_private": (
        "stap \"{step}\" stemt over de kaartjes van \"{ref}\", maar die blijven buiten de samenvatting ('export: nee'); de uitslag zou ze toch laten zien. Stem over een andere stap, of haal 'export: nee' weg",
        "step \"{step}\" votes on the cards of \"{ref}\", which stay out of the summary ('export: nee'); the results would show them anyway. Vote on another step, or remove 'export: nee'",
    ),
    "script.duplicate_role": (
        "rol '{role}' staat twee keer in 'roles'; haal er één weg",
        "role '{role}' is given twice in 'roles'; remove one",
    ),
    "script.too_few_roles": (
        "'roles: {value}' heeft minstens twee rollen nodig, met komma's ertussen, bijvoorbeeld 'roles: medewerker, mantelzorger of naaste'",
        "'roles: {value}' needs at least two roles, separated by commas, e.g. 'roles: medewerker, mantelzorger of naaste'",
    ),
    "script.scale_anchors": (
        "stap '{step}' vraagt een cijfer van 1 tot 5, maar zegt niet wat 1 en 5 betekenen; zet het in de tekst, bijvoorbeeld (1 = helemaal niet, 5 = helemaal wel)",
        "step '{step}' asks for a number from 1 to 5 but does not say what 1 and 5 mean; say it in the text, for example (1 = not at all, 5 = completely)",
    ),
    "script.duration_mismatch": (
        "duration is {duration} minuten, maar de stappen duren samen {total} minuten; pas duration of de minuten van de stappen aan",
        "duration is {duration} minutes, but the steps add up to {total} minutes; change duration or the steps' minutes",
    ),
    # --- session rules --------------------------------------------------------------------------
    "session.closed": ("Deze sessie is afgesloten.", "This session is closed."),
    "session.no_such_step": ("Stap '{step}' bestaat niet in dit script.", "There is no step '{step}' in this script."),
    "session.at_start": ("Dit is al de eerste stap.", "This is already the first step."),
    "session.at_end": ("Dit is al de laatste stap.", "This is already the last step."),
    "session.team_required": ("Vul de naam van het team in.", "Enter the team's name."),
    "session.bad_headcount": (
        "'{value}' is geen aantal. Typ een heel getal van 0 tot {limit} (0: niet geteld).",
        "'{value}' is not a number of people. Type a whole number from 0 to {limit} (0: not counted).",
    ),
    "card.empty": ("Je bericht is leeg. Typ eerst iets.", "Your message is empty. Type something first."),
    "card.too_long": (
        "Je bericht is te lang ({length} tekens). Er passen er hooguit {limit} in.",
        "Your message is too long ({length} characters). At most {limit} fit.",
    ),
    "card.step_closed": (
        "Niet opgeslagen: de begeleider is al naar een andere stap gegaan.",
        "Not saved: the facilitator has already moved on to another step.",
    ),
    "card.not_collecting": (
        'In stap "{step}" worden geen kaartjes verzameld.',
        'Step "{step}" does not collect cards.',
    ),
    "card.unknown": ("Dit kaartje bestaat niet (meer).", "This card does not exist (any more)."),
    "card.unknown_category": (
        "Kies een van deze onderwerpen: {expected}.",
        "Choose one of these categories: {expected}.",
    ),
    "card.category_required": ("Kies eerst een onderwerp: {expected}.", "Choose a category first: {expected}."),
    "card.not_yours": ("Je kunt alleen je eigen kaartjes aanpassen.", "You can only change your own cards."),
    "card.grouped": (
        "Dit kaartje is al in een thema gezet of besproken. Vraag de begeleider als het anders moet.",
        "This card is already in a theme or being discussed. Ask the facilitator if it should change.",
    ),
    "card.categories_pending": (
        "De begeleider kiest eerst de onderwerpen. Even wachten, dan kun je insturen.",
        "The facilitator chooses the topics first. Wait a moment, then you can send.",
    ),
    "category.bad_choice": (
        "Kies {pick} of minder onderwerpen uit: {expected}.",
        "Choose {pick} or fewer categories from: {expected}.",
    ),
    "group.not_group_step": ('Stap "{step}" is geen stap om te groeperen.', 'Step "{step}" is not a grouping step.'),
    "group.card_not_in_source": (
        "Dit kaartje hoort niet bij de stappen die hier gegroepeerd worden.",
        "This card does not belong to the steps grouped here.",
    ),
    "theme.name_required": ("Geef het thema een naam.", "Give the theme a name."),
    "theme.name_taken": ('Er is al een thema "{name}".', 'There is already a theme "{name}".'),
    "proxy.name_taken": (
        'Er doet al iemand zonder telefoon mee als "{name}". Kies een andere naam of initialen.',
        'Someone without a phone already takes part as "{name}". Choose another name or initials.',
    ),
    "theme.unknown": ("Dit thema bestaat niet (meer).", "This theme does not exist (any more)."),
    "vote.not_vote_step": ('In stap "{step}" wordt niet gestemd.', 'Step "{step}" is not a voting step.'),
    "vote.closed": ("Het stemmen is (nog) niet open.", "Voting is not open."),
    "vote.ended": ("Het stemmen is gesloten.", "Voting has closed."),
    "vote.unknown_item": (
        "Daar kun je niet op stemmen. Vernieuw de pagina en kies opnieuw.",
        "You cannot vote on that. Reload the page and choose again.",
    ),
    "vote.budget": (
        "Je hebt al je {dots} stippen gebruikt. Haal eerst een stip weg als je wilt wisselen.",
        "You have used all your {dots} dots. Take one back first if you want to change.",
    ),
    "vote.budget.one": (
        "Je hebt je stip al gebruikt. Haal hem eerst weg als je wilt wisselen.",
        "You have used your dot. Take it back first if you want to change.",
    ),
    "vote.max_per_item": (
        "Je kunt hier hooguit {max} stippen op zetten.",
        "You can put at most {max} dots on this.",
    ),
    "vote.max_per_item.one": (
        "Je kunt hier maar 1 stip op zetten.",
        "You can put only 1 dot on this.",
    ),
    "vote.none_to_withdraw": ("Je hebt hier geen stip staan.", "You have no dot here."),
    "reveal.no_results": (
        'Stap "{step}" heeft geen uitslag om te tonen.',
        'Step "{step}" has no results to show.',
    ),
    # The step's progress, as the phones, the board and the console all word it (participant_view.progress).
    "progress.sent": ("{n} van {total} hebben iets gestuurd", "{n} of {total} have sent something"),
    "progress.sent.one": ("{n} van {total} heeft iets gestuurd", "{n} of {total} has sent something"),
    # A dot vote counts who placed a dot, not who used them all (anyone may keep some): said as what it counts.
    "progress.voted": ("{n} van {total} hebben stippen gezet", "{n} of {total} have placed dots"),
    "progress.voted.one": ("{n} van {total} heeft stippen gezet", "{n} of {total} has placed dots"),
    "progress.answered": ("{n} van {total} hebben geantwoord", "{n} of {total} have answered"),
    "progress.answered.one": ("{n} van {total} heeft geantwoord", "{n} of {total} has answered"),
    "progress.answered_all": ("{n} van {total} hebben alles beantwoord", "{n} of {total} have answered everything"),
    "progress.answered_all.one": ("{n} van {total} heeft alles beantwoord", "{n} of {total} has answered everything"),
    "rate.revealed": (
        "De uitslag is al getoond: antwoorden kan nu niet meer, tot de begeleider de uitslag weer verbergt.",
        "The results are already shown: answering is closed until the facilitator hides the results again.",
    ),
    "rate.not_rate_step": ('In stap "{step}" wordt niets gescoord.', 'Step "{step}" asks for no ratings.'),
    "rate.unknown_statement": ("Deze stelling bestaat niet.", "There is no such statement."),
    "rate.bad_value": ("Kies een van deze antwoorden: {expected}.", "Choose one of these answers: {expected}."),
    "action.what_required": (
        "Vul in wat er gedaan wordt (begin met een werkwoord).",
        "Say what will be done (start with a verb).",
    ),
    "action.owner_required": (
        "Vul in wie het doet, als rol (bijvoorbeeld 'teamleider'), niet als naam.",
        "Say who does it, as a role (e.g. 'team leader'), not a name.",
    ),
    "action.bad_date": (
        "'{value}' is geen datum; schrijf bijvoorbeeld 15-01-2027 of 15 januari 2027 (met het jaar).",
        "'{value}' is not a date; write e.g. 15-01-2027 or 15 januari 2027 (with the year).",
    ),
    "action.due_required": ("Vul een deadline in.", "Enter a due date."),
    "action.due_before_session": (
        "De deadline ({due}) ligt vóór de sessiedatum ({session}).",
        "The due date ({due}) is before the session date ({session}).",
    ),
    "action.check_before_due": (
        "De checkdatum ({check}) ligt vóór de deadline ({due}).",
        "The check date ({check}) is before the due date ({due}).",
    ),
    "action.bad_choice": ("{field} moet een van deze zijn: {expected}.", "{field} must be one of: {expected}."),
    "action.unknown": ("Deze actie bestaat niet.", "There is no such action."),
    "action.unknown_field": ("Onbekend veld '{field}'.", "Unknown field '{field}'."),
    "session.full": (
        # (Not "there are N phones here": a place is also held for a while by a join not followed up yet.)
        # (A place held by a phone that went quiet comes free after a few minutes: attendance.PLACE_SECONDS.)
        "De sessie is vol: er kunnen hooguit {limit} telefoons tegelijk meedoen. Probeer het over een paar minuten"
        " opnieuw, of vraag de begeleider om je erbij te laten.",
        "The session is full: at most {limit} phones can take part at once. Try again in a few minutes, or ask the"
        " facilitator to let you in.",
    ),
    "session.no_more_phones": (
        "Er kunnen geen nieuwe telefoons meer bij ({limit} deden al mee). Vraag de begeleider.",
        "No more new phones can join ({limit} have joined already). Ask the facilitator.",
    ),
    "session.door_closed": (
        "De deur is dicht: er kan nu niemand meer bij. Vraag de begeleider als je mee wilt doen.",
        "The door is closed: nobody can join now. Ask the facilitator if you want to take part.",
    ),
    "session.bad_limit": (
        "'{value}' is geen aantal telefoons. Typ een heel getal van 1 tot {limit} (0: standaard).",
        "'{value}' is not a number of phones. Type a whole number from 1 to {limit} (0: the default).",
    ),
    "role.not_chosen": (
        "Je hebt nog geen rol gekozen. Tik op je rol en dan op Verder. Wil je dat liever niet zeggen? Tik dan op 'Zeg ik liever niet'.",
        "You have not chosen a role yet. Tap your role, then Continue. Would you rather not say? Then tap 'I would rather not say'.",
    ),
    "role.unknown": ("Kies een van deze rollen: {expected}.", "Choose one of these roles: {expected}."),
    "role.settled": (
        "Je rol kan niet meer veranderen: je hebt al antwoorden gegeven, en die tellen mee voor je rol.",
        "Your role can no longer change: you have given answers already, and they count for your role.",
    ),
    "join.spike": (
        "{count} telefoons deden mee in {seconds} seconden. Verwacht je dat niet? Doe de deur dicht.",
        "{count} phones joined within {seconds} seconds. Not expected? Close the door.",
    ),
    "join.full": (
        "De sessie is vol ({limit} telefoons). Nog {count} keer probeerde een telefoon mee te doen.",
        "The session is full ({limit} phones). A phone tried to join {count} more times.",
    ),
    "join.full_held": (
        "De sessie is vol ({limit} telefoons), maar {held} plekken daarvan houden aanmeldingen vast waarna geen "
        "pagina werd geopend: waarschijnlijk geen mensen, maar een script of een linkvoorbeeld. Die plekken komen "
        "binnen een minuut vrij. Nog {count} keer probeerde een telefoon mee te doen.",
        "The session is full ({limit} phones), but {held} of those places are held by joins after which no page was "
        "opened: probably not people, but a script or a link preview. Those places come free within a minute. A phone "
        "tried to join {count} more times.",
    ),
    "join.door": (
        "De deur is dicht. {count} keer probeerde een telefoon mee te doen.",
        "The door is closed. A phone tried to join {count} times.",
    ),
    "vote.nothing": ("Nog niets om op te stemmen.", "Nothing to vote on yet."),
    "vote.nothing_cards": (
        "Nog niets om op te stemmen: hier komen de kaartjes van stap {number} '{title}', en daar staat er nog geen. Ga erheen met j.",
        "Nothing to vote on yet: the cards of step {number} '{title}' come here, and it has none yet. Go there with j.",
    ),
    "vote.nothing_themes": (
        "Nog niets om op te stemmen: hier komen de thema's en losse kaartjes van stap {number} '{title}', en daar staat nog niets. Ga erheen met j.",
        "Nothing to vote on yet: the themes and loose cards of step {number} '{title}' come here, and it has nothing yet. Go there with j.",
    ),
    "results.too_few": ("Te weinig antwoorden om te tonen", "Too few answers to show"),
    "results.few_changed": (
        "Sinds de uitslag te zien was, veranderde bij een stelling of punt alleen wat {count} van de deelnemers kozen (minder dan {least}). Wie de twee uitslagen vergelijkt, ziet wat zij kozen.",
        "Since the results were shown, only {count} of the participants changed what they chose on a statement or item (fewer than {least}). Anyone comparing the two results can tell what they chose.",
    ),
    "results.few_changed.one": (
        "Sinds de uitslag te zien was, veranderde bij een stelling of punt alleen wat 1 van de deelnemers koos (minder dan {least}). Wie de twee uitslagen vergelijkt, ziet wat die persoon koos.",
        "Since the results were shown, only 1 of the participants changed what they chose on a statement or item (fewer than {least}). Anyone comparing the two results can tell what that person chose.",
    ),
    # What a rated statement's answers say (rating_rule.py: marks); the rule itself is RULE_NL.
    "rating.mark.oneens": ("⚠ oneens", "⚠ disagree"),
    "rating.mark.aandacht": ("aandacht", "attention"),
    "rating.mark.veel_onbekend": ("veel ❓", "many ❓"),
    "rating.marks_legend": (
        "aandacht: minstens 2 mensen en 20% kiezen 🔴 (bij 1–5: 1 of 2) · ⚠ oneens: daarbij ook 2 mensen en 20% 🟢 "
        "(4 of 5) · veel ❓: minstens 2 mensen en 30% weten het niet",
        "attention: at least 2 people and 20% choose 🔴 (on 1–5: 1 or 2) · ⚠ disagree: also 2 people and 20% 🟢 "
        "(4 or 5) · many ❓: at least 2 people and 30% do not know",
    ),
    "participant.unknown": (
        "Je bent (nog) niet aangemeld. Scan de QR-code opnieuw.",
        "You have not joined yet. Scan the QR code again.",
    ),
    # --- privacy guard (privacy.py) -------------------------------------------------------------
    "crash.report": (
        "workshop is gestopt door een fout in het programma: {type} ({place}).\n"
        "Wat al was opgeslagen, blijft bewaard. {resume}\n"
        "Meld de fout met deze regels aan wie workshop beheert; er staat geen tekst van deelnemers in.",
        "workshop stopped because of a fault in the program: {type} ({place}).\n"
        "What was saved is kept. {resume}\n"
        "Report the fault with these lines to whoever looks after workshop; they hold no participant text.",
    ),
    "crash.resume_session": (
        "Ga verder waar je was met: workshop --session {session}",
        "Go on where you were with: workshop --session {session}",
    ),
    "crash.resume": ("Start opnieuw met: workshop", "Start again with: workshop"),
    "privacy.flagged": (
        "Je bericht bevat mogelijk {kinds}. {suggestion}",
        "Your message may contain {kinds}. {suggestion}",
    ),
    "privacy.kind.bsn": ("BSN", "citizen service number (BSN)"),
    "privacy.kind.birth_date": ("geboortedatum", "date of birth"),
    "privacy.kind.postcode": ("postcode", "postcode"),
    "privacy.kind.phone": ("telefoonnummer", "phone number"),
    "privacy.kind.email": ("e-mailadres", "e-mail address"),
    "privacy.kind.iban": ("rekeningnummer", "bank account number"),
    "privacy.kind.address": ("adres", "address"),
    "privacy.kind.name": ("naam", "name"),
    "privacy.kind.room": ("kamernummer", "room number"),
    "privacy.kind.pending": ("nog niet gecontroleerd", "not checked yet"),
    "privacy.suggest.bsn": (
        "Laat het BSN weg en gebruik liever 'de bewoner'.",
        "Leave out the BSN and write 'the resident' instead.",
    ),
    "privacy.suggest.birth_date": (
        "Noem liever een leeftijd, zoals 'een bewoner van in de 80'.",
        "Give an age instead, such as 'a resident in their 80s'.",
    ),
    "privacy.suggest.postcode": (
        "Schrijf liever 'in de wijk' of 'thuis bij de cliënt'.",
        "Write 'in the neighbourhood' or 'at the client's home' instead.",
    ),
    "privacy.suggest.phone": (
        "Laat het nummer weg en gebruik liever 'de bewoner'.",
        "Leave out the number and write 'the resident' instead.",
    ),
    "privacy.suggest.email": (
        "Laat het e-mailadres weg en gebruik liever 'de bewoner'.",
        "Leave out the e-mail address and write 'the resident' instead.",
    ),
    "privacy.suggest.iban": ("Laat het rekeningnummer weg.", "Leave out the bank account number."),
    "privacy.suggest.address": (
        "Schrijf liever 'thuis bij de cliënt' of 'in de wijk'.",
        "Write 'at the client's home' or 'in the neighbourhood' instead.",
    ),
    "privacy.suggest.name": (
        "Gebruik liever 'de bewoner' of 'een collega'.",
        "Write 'the resident' or 'a colleague' instead.",
    ),
    "privacy.suggest.room": (
        "Gebruik liever 'de bewoner' of 'op de afdeling'.",
        "Write 'the resident' or 'on the ward' instead.",
    ),
    "privacy.suggest.pending": (
        "Je bericht wordt nog gecontroleerd op persoonsgegevens. Tot dan ziet alleen de begeleider het.",
        "Your message is still being checked for personal data. Until then only the facilitator sees it.",
    ),
    # --- review of open actions (review.py) -------------------------------------------------------
    "review.no_step": (
        "Dit script heeft geen stap om open acties te bespreken (een stap 'review' met 'of: acties').",
        "This script has no step to review open actions (a 'review' step with 'of: acties').",
    ),
    "review.unknown": (
        "Deze actie staat niet bij de acties die deze sessie bespreekt.",
        "This action is not among the actions this session reviews.",
    ),
    "review.carried_over": (
        "Deze actie is al {count} keer doorgeschoven (na een review nog open). Bespreek of jullie haar bijstellen, "
        "stoppen of opschalen.",
        "This action has been carried over {count} times (still open after a review). Discuss whether to adjust, "
        "stop or escalate it.",
    ),
    "review.told_before_agreed": (
        "De datum van de terugkoppeling ({told}) ligt vóór de dag dat de actie is afgesproken ({agreed}). "
        "Vul de datum in waarop jullie het lieten weten, of laat het veld leeg.",
        "The feedback date ({told}) is before the day the action was agreed ({agreed}). Fill in the date the people "
        "were told, or leave it empty.",
    ),
    "review.told_in_future": (
        "Teruggekoppeld ('Gedaan?' ja) op {told} kan nog niet: die dag moet nog komen. Is het gepland? Kies dan bij "
        "'Gedaan?' nee. Anders: vul de datum in waarop jullie het lieten weten.",
        "Told ('Done?' yes) on {told} cannot be yet: that day is still to come. Is it planned? Then choose no at "
        "'Done?'. Otherwise fill in the date the people were told.",
    ),
    "review.told_no_year": (
        "'{text}' noemt een dag zonder jaartal. Bij 'Gedaan?' ja hoort de dag waarop jullie het lieten weten, met "
        "jaartal (bijvoorbeeld 12-03-2027). Is het gepland? Kies dan bij 'Gedaan?' nee.",
        "'{text}' names a day without its year. With 'Done?' yes goes the day the people were told, with its year "
        "(e.g. 12-03-2027). Is it planned? Then choose no at 'Done?'.",
    ),
    "review.overdue": ("De checkdatum ({date}) is voorbij.", "The check date ({date}) has passed."),
    "review.check_date_unread": (
        "Checkdatum in het plan: '{written}'. Dat is geen datum die we kunnen lezen.",
        "Check date in the plan: '{written}'. That is not a date we can read.",
    ),
    "review.status_unsure_one": (
        "In het plan is de status niet zeker gelezen bij {actions}. Deze actie blijft open: vraag de groep hoe het "
        "ermee staat.",
        "In the plan the status is not surely read for {actions}. This action stays open: ask the group how it stands.",
    ),
    "review.status_unsure": (
        "In het plan is de status niet zeker gelezen bij {actions}. Deze acties blijven open: vraag de groep hoe het "
        "ermee staat.",
        "In the plan the status is not surely read for {actions}. These actions stay open: ask the group how they "
        "stand.",
    ),
    "review.not_loaded": (
        "De open acties uit het plan zijn niet geladen: {problem} Herstel het plan en kies deze stap opnieuw (j).",
        "The open actions of the plan were not loaded: {problem} Repair the plan and choose this step again (j).",
    ),
    "review.not_loaded_room": (
        "De open acties uit het plan zijn nog niet geladen.",
        "The open actions of the plan are not loaded yet.",
    ),
    # --- the team's PDCA plan (plan.py) ----------------------------------------------------------
    "plan.unchanged": (" Het plan is niet veranderd.", " The plan was not changed."),
    "plan.unreadable": ("het plan kan niet gelezen worden: {reason}", "the plan cannot be read: {reason}"),
    "plan.not_utf8": ("het plan is geen tekst (UTF-8): {reason}", "the plan is not text (UTF-8): {reason}"),
    "plan.bad_table": (
        "in '{section}' staat iets dat op een tabel lijkt maar er geen is; zet onder de kop een regel als '| --- | --- |' en begin en eindig elke rij met '|'",
        "in '{section}' there is something that looks like a table but is not one; put a line like '| --- | --- |' under the header and start and end every row with '|'",
    ),
    "plan.row_cells": (
        "deze rij in '{section}' heeft {got} cellen, maar de kop heeft er {expected}; staat er een '|' te veel of te weinig? (een '|' in tekst schrijf je als '\\|')",
        "this row in '{section}' has {got} cells but the header has {expected}; is there a '|' too many or too few? (write a '|' inside text as '\\|')",
    ),
    "plan.row_cells_short": (
        "deze rij in '{section}' heeft {got} cellen, maar de kop heeft er {expected}; welke cel ontbreekt kan ik niet "
        "zien, dus lees ik de rij niet. Zet de lege cel terug ('|  |') op de plek waar hij hoort",
        "this row in '{section}' has {got} cells but the header has {expected}; I cannot see which cell is missing, so "
        "I do not read the row. Put the empty cell back ('|  |') where it belongs",
    ),
    "plan.text_in_table": (
        "deze regel staat direct onder de tabel in '{section}' en wordt daardoor een rij; zet er een lege regel tussen",
        "this line directly follows the table in '{section}' and so becomes a row; put a blank line between them",
    ),
    "plan.missing_id_column": (
        "de tabel in '{section}' heeft geen kolom 'ID'; zet die kolom terug, het plan herkent rijen aan hun id",
        "the table in '{section}' has no 'ID' column; put it back, the plan recognises rows by their id",
    ),
    "plan.missing_id": (
        "deze rij in '{section}' heeft geen id; vul in de kolom 'ID' een eigen id in, bijvoorbeeld 'eigen-1'",
        "this row in '{section}' has no id; put an id of its own in the 'ID' column, e.g. 'eigen-1'",
    ),
    "plan.duplicate_id": (
        "id '{id}' staat twee keer in '{section}' (ook op regel {other}); geef elke rij een eigen id",
        "id '{id}' appears twice in '{section}' (also on line {other}); give every row an id of its own",
    ),
    # --- participant web server (phones) ------------------------------------------------------------
    "web.port_in_use": (
        "Poort {port} is al in gebruik op {host}. Sluit het programma dat die poort gebruikt, of kies een andere poort met --port.",
        "Port {port} is already in use on {host}. Close the program using it, or choose another port with --port.",
    ),
    "web.cannot_listen": (
        "Kan de deelnemerspagina niet starten op {host}:{port} ({reason}). Kies een ander adres met --host of een andere poort met --port.",
        "Cannot start the participant page on {host}:{port} ({reason}). Choose another address with --host or another port with --port.",
    ),
    "web.no_lan": (
        "Deze laptop heeft geen netwerk waar telefoons bij kunnen. Zet op een telefoon een hotspot aan, verbind de laptop daarmee en start de sessie opnieuw (of kies een adres met --host).",
        "This laptop has no network that phones can reach. Turn on a hotspot on a phone, connect the laptop to it and start the session again (or choose an address with --host).",
    ),
    "web.bad_token": (
        "Deze link hoort niet bij de sessie van nu. Misschien is het een oude link. Scan de QR-code die nu op het scherm staat.",
        "This link does not belong to the session running now. It may be an old link. Scan the QR code that is on the screen now.",
    ),
    "web.not_found": (
        "Deze pagina bestaat niet. Scan de QR-code op het scherm opnieuw.",
        "This page does not exist. Scan the QR code on the screen again.",
    ),
    "web.expired_form": (
        "Dit formulier is verlopen. Vernieuw de pagina en probeer het opnieuw.",
        "This form has expired. Reload the page and try again.",
    ),
    "web.bad_form": (
        "Er ging iets mis met het formulier. Vernieuw de pagina en probeer het opnieuw.",
        "Something went wrong with the form. Reload the page and try again.",
    ),
    "web.too_large": (
        "Je bericht is te groot om te versturen. Maak het korter (hooguit {limit} tekens).",
        "Your message is too large to send. Make it shorter (at most {limit} characters).",
    ),
    "web.too_many": (
        "Even rustig aan: te veel verzoeken tegelijk. Probeer het over een paar tellen opnieuw.",
        "Slow down: too many requests at once. Try again in a few seconds.",
    ),
    "web.too_many_unsaved": (
        "Even rustig aan: dit is niet opgeslagen, je stuurde te veel tegelijk. Probeer het over een paar tellen opnieuw.",
        "Slow down: this was not saved, you sent too much at once. Try again in a few seconds.",
    ),
    "web.join_busy": (
        "Er doen nu veel mensen tegelijk mee. Je hoeft niets te doen: deze pagina probeert het zo vanzelf opnieuw.",
        "Many people are joining right now. You need not do anything: this page tries again by itself in a moment.",
    ),
    "web.no_cookie": (
        "Je browser bewaart geen cookies, en die zijn nodig om mee te doen. Zet cookies aan of gebruik een andere browser, en scan de QR-code opnieuw.",
        "Your browser does not keep cookies, which you need to take part. Turn cookies on or use another browser, and scan the QR code again.",
    ),
    "web.no_answer": ("Kies eerst een antwoord.", "Choose an answer first."),
    "web.wrong_code": (
        "Deze code klopt niet. Kijk goed op het scherm of het papier en typ hem opnieuw.",
        "This code is not right. Look closely at the screen or the paper and type it again.",
    ),
    "web.not_saved": (
        "Niet opgeslagen. Probeer het opnieuw.",
        "Not saved. Try again.",
    ),
    "web.failed": (
        "Er ging iets mis. Probeer het opnieuw; lukt het niet, zeg het dan tegen de begeleider.",
        "Something went wrong. Try again; if it keeps failing, tell the facilitator.",
    ),
    # --- store ------------------------------------------------------------------------------------
    "store.locked": (
        "Sessie {session} is al geopend in een ander programma (proces {pid}). Sluit dat eerst; is het vastgelopen, start dan de computer opnieuw of verwijder {lock}.",
        "Session {session} is open elsewhere (process {pid}). Close it there first; if that program hung, restart the computer or remove {lock}.",
    ),
    "store.corrupt": (
        "Het sessiebestand {path} is beschadigd ({reason}). Er is niets overschreven. De laatste goede kopie staat in {backup}; zet die terug met: {restore}",
        "The session file {path} is damaged ({reason}). Nothing was overwritten. The last good copy is {backup}; put it back with: {restore}",
    ),
    "store.corrupt_no_backup": (
        "Het sessiebestand {path} is beschadigd ({reason}). Er is niets overschreven en er is geen eerdere kopie. Bewaar het bestand en vraag hulp.",
        "The session file {path} is damaged ({reason}). Nothing was overwritten and there is no earlier copy. Keep the file and ask for help.",
    ),
    "store.not_a_session": (
        "Dit bestand is geen (volledige) workshop-sessie ({reason}). Er is niets aan veranderd. Hoort het niet in de map sessions, zet het dan ergens anders neer.",
        "This file is not a (complete) workshop session ({reason}). Nothing was changed. If it does not belong in the sessions folder, move it elsewhere.",
    ),
    "store.not_found": ("Sessie '{session}' niet gevonden in {folder}.", "Session '{session}' not found in {folder}."),
    "store.ambiguous": (
        "'{session}' past bij meerdere sessies: {matches}. Typ meer van de naam.",
        "'{session}' matches several sessions: {matches}. Type more of the name.",
    ),
    "store.write_failed": (
        "Niet opgeslagen: {reason}. Er is niets verloren van wat al was opgeslagen; probeer het opnieuw.",
        "Not saved: {reason}. Nothing saved before was lost; try again.",
    ),
    "store.closed": ("Deze sessie is al gesloten in dit programma.", "This session is already closed in this program."),
    # --- printing (handout and answer sheet as PDF) ----------------------------------------------------
    "print.no_browser": (
        "Geen PDF gemaakt: er is geen Chromium, Chrome of Edge gevonden. Open het HTML-bestand in je browser en kies Afdrukken > Opslaan als PDF (A4). Of zet {variable} op het pad van Chrome, Edge of Chromium.",
        "No PDF made: no Chromium, Chrome or Edge was found. Open the HTML file in your browser and choose Print > Save as PDF (A4). Or set {variable} to the path of Chrome, Edge or Chromium.",
    ),
    "print.timeout": (
        "Geen PDF gemaakt: {browser} was na {seconds} seconden nog niet klaar. Probeer het opnieuw, of druk het HTML-bestand af vanuit je browser.",
        "No PDF made: {browser} had not finished after {seconds} seconds. Try again, or print the HTML file from your browser.",
    ),
    "print.failed": (
        "Geen PDF gemaakt: {browser} gaf geen PDF ({reason}). Druk het HTML-bestand af vanuit je browser (Afdrukken > Opslaan als PDF).",
        "No PDF made: {browser} produced no PDF ({reason}). Print the HTML file from your browser (Print > Save as PDF).",
    ),
}


MESSAGES.update(PLAN_MESSAGES)
MESSAGES.update(ORGANISATION_MESSAGES)

# The progress sentences by what a step asks (Progress.what): "progress.<what>", for a page that words the counts
# itself as they change.
PROGRESS_WHATS = ("sent", "voted", "answered", "answered_all")

# Messages with a singular form: when this parameter is 1, the message `code + ".one"` is used ("1 stip",
# not "1 stippen" or "stip(pen)").
SINGULAR_WHEN_ONE = {
    "vote.budget": "dots",
    "vote.max_per_item": "max",
    "results.few_changed": "count",
    "plan.team_written": "updated",
    "plan.added": "n",
    "plan.updated": "n",
} | {f"progress.{w}": "n" for w in PROGRESS_WHATS}


def counted(code: str, params: Mapping[str, object]) -> str:
    """Return the code of the form of message `code` that fits `params`: its singular when its count is 1."""
    count = SINGULAR_WHEN_ONE.get(code)
    return code + ".one" if count is not None and params.get(count) == 1 else code


def render(code: str, lang: str, params: Mapping[str, object]) -> str:
    """Return the message for `code` in `lang` (falls back to Dutch), filled in with `params`; a `date` among them
    reads as on screen, in `lang` ("5 dec 2026")."""
    nl, en = MESSAGES.get(counted(code, params), (code, code))
    template = en if lang == "en" else nl
    shown = {key: screen_date(value, lang) if isinstance(value, date) else value for key, value in params.items()}
    try:
        return template.format(**shown)
    except (KeyError, IndexError):
        return template
