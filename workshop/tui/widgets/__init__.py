"""Widgets of the facilitator's screen: the board, the capture line, text fields, the join panel, the notes panel."""

from .board import Board
from .capture import CaptureLine
from .fields import Area, Field
from .join_panel import JoinPanel
from .notes import NotesPanel

__all__ = ["Area", "Board", "CaptureLine", "Field", "JoinPanel", "NotesPanel"]
