"""The phone's routes: join (QR link or short code), the current step, and the forms for cards, dots and answers."""

from __future__ import annotations

import secrets
import time
from collections.abc import Mapping
from functools import partial
from urllib.parse import quote

from aiohttp import web

from ..core.errors import DomainError
from ..core.join_code import matches_join_code
from ..core.participant_view import statement_to_go_on
from .context import COOKIE, COOKIE_MAX_AGE, JOIN_RETRY, LANG_COOKIE, WEB, WebContext
from .forms import act, answers_in, check_token, limit, participant, posted, read_form, redirect, required
from .pages import Notice, Refused, back, code_page, render_page, say
from .strings import catalogues

CODE_RETRY = 10  # seconds a phone waits after the room's wrong codes ran out
FRESH_JOIN = 60  # seconds: a page without a cookie this soon after joining means the browser keeps none


async def join(request: web.Request) -> web.StreamResponse:
    """Join via the QR link: a known phone keeps its identity, anyone else gets a fresh anonymous one."""
    state = check_token(request)
    pid = participant(request, state)
    if pid is None:
        if not state.joins.allow("join"):
            first, last = JOIN_RETRY
            raise Refused(
                429,
                "web.join_busy",
                link=state.url("join"),
                link_text="Nu opnieuw proberen",
                retry=first + secrets.randbelow(last - first + 1),
            )
        try:
            joined = await state.queue.run(state.service.join)
        except DomainError as err:  # the session is closed or full, or the door is closed
            # A full session has room again once a quiet phone's place comes free: a way to try again (no timed
            # retry: that would take a place the moment one frees up, before the person is looking).
            if err.code == "session.full":
                raise Refused(
                    409, err.code, params=err.params, link=state.url("join"), link_text="Opnieuw proberen"
                ) from None
            raise Refused(409, err.code, params=err.params) from None
        pid = joined.id
    else:
        limit(state, pid)
    # "?j=" tells the page when this phone was given its cookie: a browser that refuses cookies then gets
    # an explanation instead of an endless join loop, and a phone that lost its cookie later joins again.
    response = redirect(f"{state.url()}?j={int(time.time())}")
    response.set_cookie(
        COOKIE, state.signer.cookie_for(pid), max_age=COOKIE_MAX_AGE, path="/", httponly=True, samesite="Strict"
    )
    return response


async def code(request: web.Request) -> web.StreamResponse:
    """The address without a token: a page to type the session's short code (for those who cannot scan)."""
    state = request.app[WEB]
    if request.method == "GET":
        return code_page(request)
    form = await read_form(request, state, back_to="/")
    typed = form.get("code", "")[:20]
    # Once the room's wrong guesses are spent, no code is compared at all (not even the right one): else a
    # guesser would simply go on past the 429s until one answer is a redirect.
    if not state.codes.ready("code"):
        raise Refused(429, "web.too_many", link="/", link_text="Nu opnieuw proberen", retry=CODE_RETRY)
    if matches_join_code(state.token, typed):
        return redirect(state.url("join"))
    state.codes.allow("code")  # a wrong code spends one of the room's guesses
    return code_page(request, status=422, error=say(request, "web.wrong_code"), typed=typed)


async def page(request: web.Request) -> web.StreamResponse:
    """The current step for this phone (`?edit=<card>`: with that own card's text in the form, to change it;
    `?rol=kiezen`: with the role question again, to change the role while it may)."""
    state = check_token(request)
    pid = participant(request, state)
    if pid is None:
        joined = request.query.get("j", "")
        if joined.isdigit() and time.time() - int(joined) < FRESH_JOIN:
            raise Refused(403, "web.no_cookie", link=state.url("join"), link_text="Opnieuw meedoen")
        return redirect(state.url("join"))  # never had a cookie here, or lost it since: join (again)
    if not state.follow_ups.take(pid, request.raw_path):  # the answer to a stored form was paid for by its post
        limit(state, pid)
    choosing = request.query.get("rol") == "kiezen"
    return render_page(request, pid, editing=request.query.get("edit", ""), confirm=True, choosing_role=choosing)


async def to_page(request: web.Request) -> web.StreamResponse:
    """A GET on one of the session's form addresses: a 303 to the session's page, where the phone goes on."""
    return redirect(check_token(request).url())


async def card(request: web.Request) -> web.StreamResponse:
    """Send a card (collect) or a short answer (round, close, review), or change one's own (field `card`)."""
    state, pid, form = await posted(request, card=True)
    step_id = required(form, "step", state)
    text = required(form, "text", state)
    category = form.get("category")
    card_id = form.get("card", "")
    service = state.service
    # The text's privacy scan runs off the loop (a process of its own) while other phones are served; `act`
    # makes it once it knows this is no double tap of a form already sent (participant text, scanned once).
    if card_id:
        edit = partial(service.edit_contribution, card_id, text, by=pid, category=category)
        done = f"{state.url()}?ok=edited&c={quote(card_id)}"
        return await act(
            request,
            pid,
            form,
            edit,
            done=lambda _: done,
            draft=text,
            draft_category=category or "",
            scan=text,
            edit=True,
            card_step=step_id,
        )
    add = partial(service.add_contribution, text, step_id=step_id, author=pid, via="participant", category=category)
    return await act(
        request,
        pid,
        form,
        add,
        # (getattr: the load benchmark's no-op queue stores nothing and returns no card.)
        done=lambda sent: f"{state.url()}?ok=card&c={quote(getattr(sent, 'id', ''))}",
        draft=text,
        draft_category=category or "",
        scan=text,
        card_step=step_id,
    )


async def withdraw(request: web.Request) -> web.StreamResponse:
    """Take back one's own card (while its step is open and nobody grouped it)."""
    state, pid, form = await posted(request)
    step_id = required(form, "step", state)
    command = partial(state.service.withdraw_contribution, required(form, "card", state), by=pid)
    done = f"{state.url()}?ok=withdrawn&s={quote(step_id)}"
    return await act(request, pid, form, command, done=lambda _: done)


async def vote(request: web.Request) -> web.StreamResponse:
    """Put one dot on an item, or take one back."""
    state, pid, form = await posted(request)
    step_id = required(form, "step", state)
    item = required(form, "item", state)
    do = required(form, "do", state)
    if do == "add":
        command = partial(state.service.cast_vote, item, voter=pid, via="participant", step_id=step_id)
    elif do == "remove":
        command = partial(state.service.withdraw_vote, item, voter=pid, step_id=step_id)
    else:
        raise back(state, 400, "web.bad_form")
    # Back at the item that was tapped, not at the top of a long list (for phones without JavaScript).
    done = f"{state.url()}?ok={do}&s={quote(step_id)}#item-{quote(item)}"
    return await act(request, pid, form, command, done=lambda _: done, dot=item if do == "add" else "")


async def rate(request: web.Request) -> web.StreamResponse:
    """Answer (or change) one or more statements of the step's scale: fields s0, s1, ... hold the values."""
    state, pid, form = await posted(request)
    step_id = required(form, "step", state)
    answers = answers_in(form)
    if not answers:
        return render_page(request, pid, status=422, notice=Notice(say(request, "web.no_answer"), tone="error"))

    def command() -> None:
        # Inside the queue's batch: all answers share one disk write. The form only offers valid
        # answers, so a refusal (the step moved on) comes at the first one, before anything changed.
        # Only a hand-made form with a bad value after good ones keeps the good ones: a batch cannot
        # be rolled back on a DomainError (each answer stands on its own, so that is harmless).
        for index, value in sorted(answers.items()):
            state.service.rate(index, value, voter=pid, via="participant", step_id=step_id)

    done = f"{state.url()}?ok=rate&s={quote(step_id)}"
    then = partial(next_statement, state, pid, step_id, answers)  # where the page goes on, once they are stored
    return await act(request, pid, form, command, done=lambda _: done + then(), answers=answers)


def next_statement(state: WebContext, pid: str, step_id: str, sent: Mapping[int, str]) -> str:
    """The place on the page to go on from after saving `sent` (the core's statement_to_go_on)."""
    count = len(state.service.state.script.step(step_id).rated_statements)
    return f"#s{statement_to_go_on(state.service.answers_of(pid, step_id), count, sent)}"


async def role(request: web.Request) -> web.StreamResponse:
    """Answer the script's role question ("" : rather not say)."""
    state, pid, form = await posted(request)
    # No role field: "Verder" tapped without a role chosen (None, refused and said), never "rather not say" ("").
    command = partial(state.service.set_role, pid, form.get("role"))
    return await act(request, pid, form, command, done=lambda _: f"{state.url()}?ok=role")


async def lang(request: web.Request) -> web.StreamResponse:
    """Choose the language of the pages on this phone (a cookie), then back to where it was chosen."""
    chosen = request.match_info.get("code", "")
    if chosen not in catalogues(request.app[WEB].locales):
        raise Refused(404, "web.not_found")
    here = request.query.get("next", "/")
    if not here.startswith("/") or here.startswith("//"):
        here = "/"
    response = redirect(here)
    response.set_cookie(LANG_COOKIE, chosen, max_age=365 * 24 * 3600, path="/", httponly=True, samesite="Lax")
    return response
