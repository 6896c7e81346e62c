"""The phone's routes: join by the QR link, show the current step, and the forms for cards, dots and answers."""

from __future__ import annotations

import re
import secrets
from functools import partial
from urllib.parse import quote

from aiohttp import web

from ..core.errors import DomainError
from .context import COOKIE, COOKIE_MAX_AGE, JOIN_RETRY
from .forms import act, check_token, limit, participant, posted, redirect, required
from .pages import Refused, back, message, render_page, t

# Confirmations after a form was stored. Dots need none: the dot itself and the counter show it.
NOTICES = {
    "card": "Verstuurd. Je kunt er nog een sturen.",
    "rate": "Je antwoorden zijn opgeslagen.",
}
_STATEMENT_FIELD = re.compile(r"s(\d{1,3})")


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
        except DomainError as err:  # the session is closed
            raise Refused(409, err.code, params=err.params) from None
        pid = joined.id
    else:
        limit(state, pid)
    # "?j=1" tells the page this phone was just given a cookie, so a browser that refuses cookies gets
    # an explanation instead of an endless join loop.
    response = redirect(state.url() + "?j=1")
    response.set_cookie(
        COOKIE, state.signer.cookie_for(pid), max_age=COOKIE_MAX_AGE, path="/", httponly=True, samesite="Strict"
    )
    return response


async def page(request: web.Request) -> web.StreamResponse:
    """The current step for this phone."""
    state = check_token(request)
    pid = participant(request, state)
    if pid is None:
        if request.query.get("j"):
            raise Refused(403, "web.no_cookie")
        return redirect(state.url("join"))
    limit(state, pid)
    notice = NOTICES.get(request.query.get("ok", ""))
    return render_page(request, pid, notice=t(request, notice) if notice else None)


async def card(request: web.Request) -> web.StreamResponse:
    """Send a card (collect) or a short answer (round, close, review) to the step the form was made for."""
    state, pid, form = await posted(request)
    step_id = required(form, "step", state)
    text = required(form, "text", state)
    category = form.get("category")
    command = partial(
        state.service.add_contribution, text, step_id=step_id, author=pid, via="participant", category=category
    )
    return await act(request, pid, form, command, done="card", draft=text, draft_category=category or "")


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
    return await act(request, pid, form, command, done=do, anchor=f"#item-{quote(item)}")


async def rate(request: web.Request) -> web.StreamResponse:
    """Answer (or change) one or more statements of the step's scale: fields s0, s1, ... hold the values."""
    state, pid, form = await posted(request)
    step_id = required(form, "step", state)
    answers = []
    for key, value in form.items():
        match = _STATEMENT_FIELD.fullmatch(key)
        if match and value:
            answers.append((int(match.group(1)), value))
    if not answers:
        return render_page(request, pid, status=422, error=message(request, "web.no_answer"))

    def command() -> None:
        # Inside the queue's batch: all answers share one disk write. The form only offers valid
        # answers, so a refusal (the step moved on) comes at the first one, before anything changed.
        # Only a hand-made form with a bad value after good ones keeps the good ones: a batch cannot
        # be rolled back on a DomainError (each answer stands on its own, so that is harmless).
        for index, value in sorted(answers):
            state.service.rate(index, value, voter=pid, via="participant", step_id=step_id)

    return await act(request, pid, form, command, done="rate")
