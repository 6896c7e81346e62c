"""Widgets of the facilitator's screen: the board, the join panel, the notes panel, a long document."""

from .board import Board
from .join_panel import JoinPanel
from .notes import NotesPanel

__all__ = ["Board", "JoinPanel", "NotesPanel"]
