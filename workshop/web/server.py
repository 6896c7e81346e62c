"""The participants' web server: join by the QR link, answer the current step, follow the room live.

The names callers use; the parts live in app.py (the factory), handlers.py (routes), forms.py (who asks
and what they sent), middleware.py (the guard), pages.py (HTML), stream.py (live updates), runner.py.
"""

from __future__ import annotations

from .app import make_web_app
from .context import COOKIE, WEB
from .runner import DEFAULT_PORT, ParticipantServer, ServerStartError

__all__ = ["COOKIE", "DEFAULT_PORT", "WEB", "ParticipantServer", "ServerStartError", "make_web_app"]
