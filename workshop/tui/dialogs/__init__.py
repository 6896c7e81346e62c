"""The facilitator's dialogs, one per module, each a ModalScreen typed by what it returns."""

from .action import ActionDialog, FormDialog
from .base import Dialog
from .categories import CategoryDialog
from .confirm import ConfirmDialog
from .export import ExportPreview, export_preview
from .help import HelpScreen
from .indicators import IndicatorDialog
from .new_session import NewSessionDialog
from .notes import IntroDialog
from .review import ReviewDialog
from .text import TextDialog

__all__ = [
    "ActionDialog",
    "CategoryDialog",
    "ConfirmDialog",
    "Dialog",
    "ExportPreview",
    "FormDialog",
    "HelpScreen",
    "IndicatorDialog",
    "IntroDialog",
    "NewSessionDialog",
    "ReviewDialog",
    "TextDialog",
    "export_preview",
]
