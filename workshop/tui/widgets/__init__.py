"""Widgets of the facilitator's screen: the board, the capture line, the join panel, the notes panel."""

from .board import Board
from .capture import CaptureLine
from .join_panel import JoinPanel
from .notes import NotesPanel

__all__ = ["Board", "CaptureLine", "JoinPanel", "NotesPanel"]
