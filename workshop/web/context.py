"""What every request of the phone server shares: the service, the server's helpers and its limits, per app."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..core.session import SessionService
from ..core.unsent import UnsentTexts
from .commit import CommandQueue
from .live import LiveHub
from .refusals import Refusals
from .scanner import PrivacyScanner
from .security import FollowUps, RateLimiter, RecentForms, Signer
from .strings import LOCALES

COOKIE = "deelnemer"
LANG_COOKIE = "taal"  # the language a phone chose on its page
COOKIE_MAX_AGE = 24 * 3600  # outlives a day of sessions, so closing the browser keeps your dots
MAX_BODY = 16 * 1024  # a card is at most 500 characters; nothing a phone sends needs more
MAX_FIELD = 100  # every form field except the card text
MAX_FIELDS = 64
BODY_TIMEOUT = 10.0  # seconds to receive a form body; a stalled phone does not hold a handler forever
HEARTBEAT = 15.0  # seconds between SSE comments, which also find phones that went away
TEMPLATES = Path(__file__).resolve().parent / "templates"

# The room's budget for new phones: a plenary of 300 joins at once, more at 50 a second (the server stores
# ~1,800 writes a second; `python -m workshop.bench`). A phone over budget waits on a page that tries again
# by itself after a few seconds, each phone after a different few, so a rush of 1,000 sorts itself out.
JOIN_RATE = 50.0
JOIN_BURST = 300
JOIN_RETRY = (2, 6)  # seconds, first and last


@dataclass(frozen=True)
class Limits:
    """The server's budgets: per participant (token bucket), for new joins (one bucket for the room), bodies."""

    rate: float = 10.0
    burst: int = 40  # a page, its live refresh and a post per tap: a fast hand on a long rating fits
    join_rate: float = JOIN_RATE
    join_burst: int = JOIN_BURST
    heartbeat: float = HEARTBEAT
    max_body: int = MAX_BODY
    code_rate: float = 0.2  # wrong join codes a second, after the first code_burst
    code_burst: int = 30
    max_streams: int = 2_000
    max_participants: int | None = None  # the session's join cap, set when the server starts (None: as stored)
    locales: Path = LOCALES  # the folder of the pages' language files


class WebContext:
    """Everything the handlers share: the service and the server's own helpers (one per app)."""

    def __init__(
        self,
        service: SessionService,
        *,
        token: str,
        lang: str,
        secret: bytes,
        limits: Limits,
        clock: Callable[[], float],
    ) -> None:
        self.service = service
        self.token = token
        self.lang = lang
        self.signer = Signer(secret)
        self.limiter = RateLimiter(limits.rate, limits.burst, clock=clock)
        # Joining has no participant yet to key on; one bucket for the whole room still lets a room
        # of phones join at once while a script cannot fill the session with made-up participants.
        self.joins = RateLimiter(limits.join_rate, limits.join_burst, clock=clock)
        self.forms = RecentForms()
        # The pages stored forms redirected to, already paid for by their post (forms.posted, handlers.page).
        self.follow_ups = FollowUps()
        # Cards refused on phones without JavaScript (Post/Redirect/Get), and texts not stored, for their step's field:
        # in memory only (refusals, core.unsent).
        self.refusals = Refusals()
        self.unsent = UnsentTexts()
        # Forms being stored right now, by (participant, form): a double tap waits for the first one's answer.
        self.inflight: dict[tuple[str, str], asyncio.Future[str]] = {}
        # Wrong join codes, for the whole room: a code is short, so guessing one must stay hopeless.
        self.codes = RateLimiter(limits.code_rate, limits.code_burst, clock=clock)
        # Cards' privacy scans, in a process of its own once the server starts it (ParticipantServer).
        self.scanner = PrivacyScanner()
        self.queue = CommandQueue(service, self.scanner)
        self.hub = LiveHub(lambda: service.state, max_streams=limits.max_streams, progress=self.progress_line)
        self.heartbeat = limits.heartbeat
        self.max_participants = limits.max_participants
        self.locales = limits.locales
        self.max_body = limits.max_body
        self.unsubscribe: Callable[[], None] | None = None
        # Phone pages' sent cards as drawn, by (language, CSRF token, step, card): pages.sent_cards.
        self.sent_cards: dict[tuple[str, str, str, object], str] = {}
        self.templates = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=StrictUndefined,
            auto_reload=False,
        )

    def progress_line(self) -> str:
        """The current step's progress for live updates: "done total" (numbers only), or ""."""
        progress = self.service.progress()
        return f"{progress.done} {progress.total}" if progress is not None else ""

    def url(self, name: str = "page") -> str:
        """The path of one of the server's routes for this session ("join", "page", "card", ...)."""
        if name == "join":
            return f"/j/{self.token}"
        if name == "page":
            return f"/s/{self.token}"
        return f"/s/{self.token}/{name}"


WEB = web.AppKey("workshop_web", WebContext)
NONCE = web.RequestKey("workshop_nonce", str)
