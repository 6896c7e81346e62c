"""Who is asking and what they sent: token, cookie, rate limit, form body and CSRF, and running a command for a form."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import re
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any
from urllib.parse import parse_qsl, quote

from aiohttp import web

from ..core.errors import DomainError, StoreError
from ..core.inputs import MAX_CARD_LENGTH
from .context import BODY_TIMEOUT, COOKIE, MAX_FIELD, MAX_FIELDS, WEB, WebContext
from .middleware import route
from .pages import Notice, Refused, render_page, say
from .pages import back as back_to_questions
from .refusals import KeptRefusal, navigated
from .views import LostAnswer, dot_label, lost_answers

log = logging.getLogger("workshop.web")

# How a refused command is answered: the state moved on (409), the phone sent something off (400),
# or the content breaks a rule (422, the default).
_CONFLICT = frozenset(
    {
        "card.step_closed",
        "card.not_collecting",
        "card.unknown",
        "session.closed",
        "vote.closed",
        "vote.ended",
        "rate.revealed",
        "vote.budget",
        "vote.max_per_item",
        "vote.none_to_withdraw",
        "vote.not_vote_step",
        "vote.unknown_item",
        "rate.not_rate_step",
        "role.settled",
    }
)
_BAD_REQUEST = frozenset({"session.no_such_step", "rate.unknown_statement"})
# Refusals that mean the room moved on while the form was filled in (a new step, the session closed, or the
# results shown): what it held is shown on the answer, never dropped without a word.
_MOVED_ON = frozenset({"card.step_closed", "session.closed"})
_ANSWERS_CLOSED = _MOVED_ON | {"rate.revealed"}
# Refusals of a dot because voting is over for its step (closed, the results shown, the room moved on): the page then
# no longer offers the item, so the refusal names it.
_DOTS_CLOSED = _MOVED_ON | {"vote.ended", "vote.closed"}


def check_token(request: web.Request) -> WebContext:
    """Return the server's context when the path carries this session's join token; refuse otherwise."""
    state = request.app[WEB]
    given = request.match_info.get("token", "").encode("utf-8", "replace")
    if not hmac.compare_digest(given, state.token.encode()):
        # An old link (another session runs now) or a mistyped one: the QR code on the screen now, or its short code.
        raise Refused(404, "web.bad_token", link="/", link_text="De code van het scherm intypen")
    return state


def participant(request: web.Request, state: WebContext) -> str | None:
    """The participant this phone is, or None: no cookie, a forged one, or one from another session.

    A phone that asks anything is here now: the core counts it as present (attendance.Presence).
    """
    pid = state.signer.participant_in(request.cookies.get(COOKIE))
    if pid is None or state.service.participant(pid) is None:
        return None
    state.service.phone_seen(pid)
    return pid


# What a form's post takes from the phone's budget: itself and the page it redirects to, paid up front, so that
# page always shows (FollowUps): never "Verstuurd" refused as "too many", never a stored card behind "try again".
POST_COST = 2
LIMIT_RETRY = 3  # seconds a phone over its budget is asked to wait (Retry-After; the page's script waits that long)
_STATEMENT_FIELD = re.compile(r"s(\d{1,3})")


def limit(state: WebContext, pid: str) -> None:
    """Refuse (429) when this participant sends more than their budget of requests: a page with a way back.

    (No timed refresh back: WCAG 2.2.1 forbids one on a page someone reads.)
    """
    if not state.limiter.allow(pid):
        raise Refused(429, "web.too_many", link=state.url(), link_text="Terug naar de vragen")


def answers_in(form: dict[str, str]) -> dict[int, str]:
    """The answers a rating form holds: statement number -> value (fields s0, s1, ...; empty ones left out)."""
    found = {}
    for key, value in form.items():
        match = _STATEMENT_FIELD.fullmatch(key)
        if match and value:
            found[int(match.group(1))] = value
    return found


def redirect(location: str) -> web.Response:
    """A 303 to `location` (after a form: a reload does not send it again)."""
    return web.Response(status=303, headers={"Location": location})


def answered(state: WebContext, pid: str, location: str) -> web.Response:
    """The 303 after a stored form, to the page that says so; that page was paid for by the post (POST_COST)."""
    state.follow_ups.grant(pid, location)
    return redirect(location)


async def posted(request: web.Request, *, card: bool = False) -> tuple[WebContext, str, dict[str, str]]:
    """Check token, participant, rate limit, body and CSRF token of a form post; returns its fields.

    `card`: a card form; over the budget when the browser sent it itself, it is answered as any refused card
    (refused_card: the page, its text kept for its field)."""
    state = check_token(request)
    pid = participant(request, state)
    if pid is None:
        raise Refused(403, "participant.unknown", link=state.url("join"), link_text="Opnieuw meedoen")
    allowed = state.limiter.allow(pid, cost=POST_COST)
    form = await read_form(request, state)
    if not state.signer.csrf_ok(pid, form.get("csrf")):
        raise back_to_questions(state, 403, "web.expired_form")
    if not allowed:  # told on the questions, with what was sent still in them: a fast hand is not an attack
        notice = Notice(say(request, "web.too_many_unsaved"), tone="error")
        text, category, edited = form.get("text", ""), form.get("category", ""), form.get("card", "")
        if card and navigated(request):
            refusal = KeptRefusal(notice, text, category, edited)
            step = "" if edited else form.get("step", "")
            raise Refused(429, "web.too_many_unsaved", page=refused_card(state, pid, refusal, step, text, category))
        kept = render_page(
            request,
            pid,
            status=429,
            notice=notice,
            draft=form.get("text", ""),
            draft_category=form.get("category", ""),
            editing=form.get("card", ""),
            unsaved=answers_in(form),
        )
        kept.headers["Retry-After"] = str(LIMIT_RETRY)
        raise Refused(429, "web.too_many_unsaved", page=kept)
    return state, pid, form


async def read_form(request: web.Request, state: WebContext, back_to: str | None = None) -> dict[str, str]:
    """The fields of a posted form (url-encoded, UTF-8, within the size and field limits); refuses anything else.

    A refusal's page links to `back_to` (default: the questions).
    """

    def back(status: int, code: str, **params: object) -> Refused:
        if back_to is None:
            return back_to_questions(state, status, code, **params)
        return Refused(status, code, link=back_to, link_text="Terug", params=params)

    if request.content_type != "application/x-www-form-urlencoded":
        raise back(400, "web.bad_form")
    if request.content_length is not None and request.content_length > state.max_body:
        raise back(413, "web.too_large", limit=MAX_CARD_LENGTH)
    try:
        async with asyncio.timeout(BODY_TIMEOUT):
            body = await request.read()
    except web.HTTPRequestEntityTooLarge:
        raise back(413, "web.too_large", limit=MAX_CARD_LENGTH) from None
    except TimeoutError:
        raise back(408, "web.bad_form") from None
    try:
        pairs = parse_qsl(
            body.decode("utf-8"), keep_blank_values=True, max_num_fields=MAX_FIELDS, encoding="utf-8", errors="strict"
        )
    except ValueError:  # not UTF-8, or too many fields
        raise back(400, "web.bad_form") from None
    form: dict[str, str] = {}
    for key, value in pairs:
        if key in form or (key != "text" and len(value) > MAX_FIELD):
            raise back(400, "web.bad_form")
        form[key] = value
    return form


def required(form: dict[str, str], name: str, state: WebContext) -> str:
    """The form field `name`; a form without it was not made by our page (400)."""
    if name not in form:
        raise back_to_questions(state, 400, "web.bad_form")
    return form[name]


def status_of(err: DomainError) -> int:
    """The HTTP status for a refused command."""
    if err.code == "participant.unknown":
        return 403
    if err.code in _CONFLICT:
        return 409
    if err.code in _BAD_REQUEST:
        return 400
    return 422


async def act(
    request: web.Request,
    pid: str,
    form: dict[str, str],
    command: Callable[..., Any],
    *,
    done: Callable[[Any], str],
    draft: str = "",
    draft_category: str = "",
    scan: str | None = None,
    answers: Mapping[int, str] | None = None,
    dot: str = "",
    edit: bool = False,
    card_step: str = "",
) -> web.Response:
    """Run `command` through the core; redirect to done(its result) once it is on disk, or show why not.

    A form counts as sent only once its command succeeded: the same form again after a refusal or a
    failed write runs again (and is refused or stored again), never confirmed by its id alone. A double
    tap while the first is still being stored waits for the first one's answer. `scan`: a card's text, scanned
    for personal data (off the loop) only once this is known to be no double tap; `command` gets the scan as
    its `scanned`. `answers`: a rating form's answers (statement -> value), listed when the room moved on before
    they were stored, kept chosen when the disk refused them. `dot`: the item a dot was to be placed on, named when
    voting was over before it was stored. `edit`: the form changes a sent card (told so when it was not stored).
    `card_step`: a card form of that step; refused when the browser sent it itself (no script), its answer is a
    redirect to the page that says so (refused_card), and a new card's text is kept for that step's field until stored.
    """
    state = request.app[WEB]
    form_id = sent_form(form)
    earlier = state.forms.seen(pid, form_id) if form_id else None
    if earlier is not None:
        return answered(state, pid, earlier)  # a double tap: the first one counted; answer as it was answered
    key = (pid, form_id)
    first = state.inflight.get(key) if form_id else None
    if first is not None:
        try:
            return answered(state, pid, await asyncio.shield(first))
        except Exception:
            pass  # the first one was refused: this one runs and hears why itself
    mine: asyncio.Future[str] | None = None
    if form_id:
        mine = asyncio.get_running_loop().create_future()
        state.inflight[key] = mine
    try:
        if scan is not None:  # the text's privacy scan runs off the loop (a process of its own) meanwhile
            command = partial(command, scanned=await state.queue.prescan(scan))
        url = done(await state.queue.run(command))
    except DomainError as err:
        _settle(state, key, mine, err)
        # The room moved on (or the session ended) while this was typed: the text is shown, so it is not
        # lost (not put in the next step's field, which asks something else).
        unsent = draft if err.code in _MOVED_ON and draft.strip() else ""
        lost: tuple[LostAnswer, ...] = ()
        if err.code in _ANSWERS_CLOSED:
            lost = lost_answers(state.service, pid, form.get("step", ""), answers or {})
        unplaced = dot_label(state.service, form.get("step", ""), dot) if dot and err.code in _DOTS_CLOSED else ""
        notice = Notice(
            say(request, err.code, **err.params), tone="error", unsent=unsent, edit=edit, lost=lost, unplaced=unplaced
        )
        if card_step and navigated(request):
            editing = form.get("card", "") if edit and not unsent else ""
            kept = KeptRefusal(notice, "" if unsent else draft, "" if unsent else draft_category, editing)
            return refused_card(state, pid, kept, "" if edit else card_step, draft, draft_category)
        if (answers or dot) and navigated(request):  # a rating or a dot: its page too, so a reload never re-posts
            return refused_card(state, pid, KeptRefusal(notice), "", "", "")
        return render_page(
            request,
            pid,
            status=status_of(err),
            notice=notice,
            draft="" if unsent else draft,
            draft_category="" if unsent else draft_category,
        )
    except StoreError as err:
        _settle(state, key, mine, err)
        log.warning("store error on %s; the phone was told to try again", route(request))
        notice = Notice(say(request, "web.not_saved"), tone="error")
        if card_step and navigated(request):
            kept = KeptRefusal(notice, draft, draft_category, form.get("card", "") if edit else "")
            return refused_card(state, pid, kept, "" if edit else card_step, draft, draft_category)
        if (answers or dot) and navigated(request):
            return refused_card(state, pid, KeptRefusal(notice, unsaved=tuple((answers or {}).items())), "", "", "")
        return render_page(
            request, pid, status=503, notice=notice, draft=draft, draft_category=draft_category, unsaved=answers
        )
    except BaseException as err:
        _settle(state, key, mine, err)
        raise
    if form_id:
        state.forms.remember(pid, form_id, url)
    _settle(state, key, mine, url)
    state.refusals.settled(pid)  # stored: the page says so, no longer an older refusal
    if card_step and not edit:
        state.unsent.stored(pid, card_step)
    return answered(state, pid, url)


def refused_card(state: WebContext, pid: str, kept: KeptRefusal, step: str, text: str, category: str) -> web.Response:
    """The answer to a card (or, with `step` "", a rating or dot) refused when the browser sent it itself: a 303 to
    the page, which says why (kept, in memory only, for that page), so that a reload shows it again and never posts
    the form again. A new card's `text`
    (`step`: its step, "" for a change to a sent card) is kept for that step's field until it is stored."""
    if step:
        state.unsent.keep(pid, step, text, category)
    state.refusals.keep(pid, kept)
    # A change refused on its step goes back to its card's form (the address names the card, never the text).
    return answered(state, pid, state.url() + (f"?edit={quote(kept.editing)}" if kept.editing else ""))


def _settle(
    state: WebContext, key: tuple[str, str], future: asyncio.Future[str] | None, outcome: str | BaseException
) -> None:
    """Tell a double tap waiting on `key` how the first one ended (where it led, or its error); forget it."""
    if future is None:
        return
    state.inflight.pop(key, None)
    if future.done():
        return
    if isinstance(outcome, str):
        future.set_result(outcome)
    else:
        future.set_exception(outcome if isinstance(outcome, Exception) else RuntimeError("cancelled"))
        future.exception()  # marks it retrieved: nobody need wait on it


def sent_form(form: dict[str, str]) -> str:
    """What makes a request a double tap of an earlier one: the same page's form id *and* the same fields.

    One page holds several forms with one id (a "+" per vote item, "+" and "−" in one form): a tap on
    another item or button is a new request, not a repeat. "" when the form carries no id.
    """
    form_id = form.get("fid", "")
    if not form_id:
        return ""
    fields = sorted((k, v) for k, v in form.items() if k not in ("fid", "csrf"))
    return form_id + ":" + hashlib.sha256(repr(fields).encode()).hexdigest()[:16]
