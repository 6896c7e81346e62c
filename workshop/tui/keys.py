"""Which core command each key of the session screen gives, and what the board lists in a step.

The screen offers a key when the core allows its command now (core/availability.py); these tables say
which command that is. A key of the screen itself (help, projector, export) gives none.
"""

from __future__ import annotations

from typing import Literal

from ..core.availability import Command
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
SESSION_KEYS = frozenset(KEY_COMMANDS) | {"toggle_voting", "release", "delete", "open_row"}


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
    return KEY_COMMANDS.get(action)
