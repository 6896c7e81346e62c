"""Which core command each key of the session screen gives, and what the board lists in a step.

The screen offers a key when the core allows its command now (core/availability.py); these tables say
which command that is. A key of the screen itself (help, projector, export) gives none.
"""

from __future__ import annotations

from typing import Literal

from ..core.availability import Command
from ..core.indicators import indicator_steps
from ..core.model import SessionState, Step
from ..core.review import reviewed_step

Board = Literal["votes", "ratings", "themes", "actions", "look_back", "review", "cards", "none"]

# Keys that give one core command whatever the board; "release", "delete", "open_row" and "toggle_voting"
# depend on it.
KEY_COMMANDS: dict[str, Command] = {
    "advance": "advance",
    "back": "back",
    "jump": "go_to",
    "capture": "add_contribution",
    "edit_card": "edit_contribution",
    "hide_card": "hide_contribution",
    "categories": "choose_categories",
    "new_theme": "create_theme",
    "rename_theme": "rename_theme",
    "theme": "group_card",
    "proxy_vote": "cast_vote",
    "proxy_withdraw": "withdraw_vote",
    "proxy_answer": "rate",
    "next_proxy": "add_proxy",
    "new_proxy": "add_proxy",
    "reveal": "reveal",
    "new_action": "add_action",
    "close_session": "close_session",
    "headcount": "set_details",
    "door": "close_door",
}
# What `l` releases and Delete removes, per board.
RELEASE: dict[Board, Command] = {
    "cards": "release_card",
    "themes": "release_card",
    "actions": "release_action",
    "review": "release_review",
}
DELETE: dict[Board, Command] = {"actions": "remove_action", "themes": "remove_theme"}
# What Enter does on the row under the cursor: edit the action, answer the four questions for the open action.
OPEN_ROW: dict[Board, Command] = {"actions": "update_action", "review": "review_action"}
# Keys that change the session: without a command on this board they are not offered.
SESSION_KEYS = frozenset(KEY_COMMANDS) | {"toggle_voting", "release", "delete", "open_row", "indicators"}


def board_kind(state: SessionState, step: Step) -> Board:
    """What the board lists in `step`: votes, ratings, themes (cards to group), actions, look_back (the
    ratings a review looks back on), review (open actions), cards, or none."""
    if step.kind == "vote":
        return "votes"
    if step.scale_spec is not None:
        return "ratings"
    if step.kind == "group":
        return "themes"
    if step.kind == "actions":
        return "actions"
    if reviewed_step(state.script, step) is not None:
        return "look_back"
    if step.kind == "review":
        return "review"
    return "cards" if step.collects_text else "none"


def key_command(action: str, state: SessionState, step: Step) -> Command | None:
    """Return the core command the key bound to `action` gives now; None for a key that gives none here."""
    board = board_kind(state, step)
    if action == "toggle_voting":
        return "close_voting" if state.is_voting_open(step.id) else "open_voting"
    if action == "release":
        return RELEASE.get(board)
    if action == "delete":
        return DELETE.get(board)
    if action == "open_row":
        return OPEN_ROW.get(board)
    if action == "indicators":  # offered in the step that asks for the figures (`indicators: ja`)
        return "add_indicator" if step.id in indicator_steps(state) else None
    return KEY_COMMANDS.get(action)


# ----- the footer: the keys that matter in a step first, with short labels ---------------------------------------

# The step keys come first, in the same place in every step; then what the step's board is for; then the keys of
# the whole session. The footer shows what fits (at 80 columns, the step's own keys), `?` lists them all.
STEP_KEYS = ("advance", "back")
BOARD_KEYS: dict[Board, tuple[str, ...]] = {
    "none": ("toggle_join", "door", "open_board", "projector"),  # (a welcome while people join: the door too)
    "cards": ("capture", "release", "edit_card", "hide_card", "categories"),
    "themes": ("new_theme", "theme", "release", "edit_card", "hide_card", "rename_theme"),
    "votes": ("toggle_voting", "reveal", "proxy_vote", "next_proxy", "proxy_withdraw"),
    "ratings": ("proxy_answer", "reveal", "next_proxy"),
    "actions": ("new_action", "open_row", "release", "delete"),
    "look_back": ("capture", "release", "edit_card", "hide_card"),
    "review": ("open_row", "release", "capture", "edit_card", "hide_card"),
}
# At the close: closing the session and the summary come right after the cards.
CLOSE_KEYS = ("capture", "release", "close_session", "export", "edit_card", "hide_card")
SESSION_TAIL = (
    "jump",
    "notes",
    "projector",
    "toggle_join",
    "open_board",
    "export",
    "headcount",
    "close_session",
    "door",
    "leave",
)
# Short labels for the footer (the help, `?`, keeps the bindings' full descriptions). Values per state where the
# key does one of two things.
FOOTER_LABELS: dict[str, str] = {
    "advance": "Volgende",
    "back": "Vorige",
    "jump": "Naar stap",
    "capture": "Kaartje",
    "edit_card": "Bewerken",
    "hide_card": "Verbergen",
    "release": "Vrijgeven",
    "categories": "Categorieën",
    "new_theme": "Nieuw thema",
    "rename_theme": "Thema hernoemen",
    "theme": "In thema",
    "proxy_vote": "Stip namens",
    "proxy_withdraw": "Stip terug",
    "proxy_answer": "Antwoord namens",
    "next_proxy": "Zonder telefoon",
    "new_action": "Nieuwe actie",
    "indicators": "Indicatoren",
    "delete": "Verwijderen",
    "headcount": "Aanwezigen",
    "notes": "Notities",
    "projector": "Projector",
    "toggle_join": "QR-code",
    "open_board": "Bord (beamer)",
    "export": "Export",
    "close_session": "Afsluiten",
    "help": "Alle toetsen",
    "leave": "Beginscherm",
}
STATE_LABELS: dict[str, tuple[str, str]] = {  # (when off, when on)
    "toggle_voting": ("Stemmen openen", "Stemmen sluiten"),
    "reveal": ("Uitslag tonen", "Uitslag verbergen"),
    "door": ("Deur dicht", "Deur open"),
}
ROW_LABELS: dict[Board, str] = {"actions": "Bewerken", "review": "Nalopen"}  # what Enter does on the board's row


def footer_order(state: SessionState, step: Step) -> tuple[str, ...]:
    """Return the session screen's actions in the order the footer offers them in `step` (most important first)."""
    board_keys = CLOSE_KEYS if step.kind == "close" else BOARD_KEYS.get(board_kind(state, step), ())
    if step.id in indicator_steps(state):
        board_keys = ("indicators", *board_keys)
    order = [*STEP_KEYS, *board_keys, *SESSION_TAIL]
    return tuple(dict.fromkeys(order))  # each once, at its first place


def footer_label(action: str, state: SessionState, step: Step) -> str:
    """Return the footer's short Dutch label for `action` in `step` (to be translated like any screen text)."""
    if action in STATE_LABELS:
        if action == "door":
            on = state.meta.door_closed
        else:
            on = state.is_voting_open(step.id) if action == "toggle_voting" else state.is_revealed(step.id)
        return STATE_LABELS[action][on]
    if action == "open_row":
        return ROW_LABELS.get(board_kind(state, step), "Bewerken")
    return FOOTER_LABELS.get(action, action)
