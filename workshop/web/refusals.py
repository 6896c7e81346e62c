"""A card, rating or dot refused on a phone without JavaScript: answered by a redirect to the page
(Post/Redirect/Get), so that a reload never sends the form again; what the page says about it is kept here meanwhile.

Kept in memory only (never on disk, in a log or in an address: it may hold the text that was not sent), per
participant, for the page it is first shown on: a reload of that page says it again; a later page (another step, the
session closed) no longer does, nor does the page after a form that was stored.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, replace

from aiohttp import web

from .views import Notice, PageView

KEPT = 5_000  # participants at most (each one refusal: the newest); the oldest goes first


@dataclass(frozen=True)
class KeptRefusal:
    """A refusal's notice, and the text (and topic) it puts back in the field of the page it is shown on."""

    notice: Notice
    draft: str = ""
    draft_category: str = ""
    editing: str = ""  # the sent card `draft` was a change to: put back only in that card's form ("": a new card)
    unsaved: tuple[tuple[int, str], ...] = ()  # a rating form's answers the disk refused: shown chosen, not saved
    on: str = ""  # the page it was first shown on (page_key); "" until then

    def draft_for(self, editing: str) -> tuple[str, str]:
        """The text and topic for the form of a page that edits card `editing` ("": a new card), or nothing."""
        return (self.draft, self.draft_category) if editing == self.editing else ("", "")


def page_key(page: PageView) -> str:
    """Which page a refusal belongs to: its step, and whether the session had closed (as the page's script does)."""
    return page.step_id + (":closed" if page.mode == "closed" else "")


def navigated(request: web.Request) -> bool:
    """True when the browser itself sent the form (no script): its answer becomes the page it shows, and a reload of
    that page would post the form again. A form the page's script sends (fetch) reads the answer in place.

    A browser too old to say so (no Sec-Fetch-Mode: Safari before 16.4) asks for a page (text/html) when it sends a
    form itself, where a script's fetch asks for anything (*/*).
    """
    mode = request.headers.get("Sec-Fetch-Mode")
    if mode is not None:
        return mode == "navigate"
    return "text/html" in request.headers.get("Accept", "")


class Refusals:
    """The newest refused card of each participant whose browser sent it itself, until it is old news."""

    def __init__(self, limit: int = KEPT) -> None:
        self._limit = limit
        self._kept: OrderedDict[str, KeptRefusal] = OrderedDict()

    def keep(self, participant_id: str, refusal: KeptRefusal) -> None:
        """Keep `refusal` for the next page of this participant (it replaces an older one)."""
        self._kept.pop(participant_id, None)
        self._kept[participant_id] = refusal
        while len(self._kept) > self._limit:
            self._kept.popitem(last=False)

    def settled(self, participant_id: str) -> None:
        """A form of this participant was stored: its page says so, not an older refusal."""
        self._kept.pop(participant_id, None)

    def shown_on(self, participant_id: str, page: PageView) -> KeptRefusal | None:
        """Return the refusal to show on this participant's `page`, or None (and forget it when `page` is later)."""
        kept = self._kept.get(participant_id)
        if kept is None:
            return None
        here = page_key(page)
        if kept.on and kept.on != here:
            del self._kept[participant_id]
            return None
        if not kept.on:
            self._kept[participant_id] = kept = replace(kept, on=here)
        return kept
