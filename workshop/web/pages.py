"""The phone's pages as HTML: the current step for one participant, the join-code page, and refusals."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from functools import partial
from pathlib import Path

from aiohttp import web
from markupsafe import Markup

from ..core.join_code import LENGTH
from ..core.participant_view import Progress
from .context import LANG_COOKIE, NONCE, WEB, WebContext
from .strings import catalogues, core_lang, language, message, progress_words, tr
from .views import CardView, Notice, PageView, page_view, with_unsaved

SENT_CARDS_KEPT = 20_000  # drawn cards kept (~1 kB each): a room of 1,000 phones with 20 cards each

# A change to a sent card the room moved on from (with JavaScript and without): the card stayed as it was.
EDIT_NOT_SAVED = (
    "Je aanpassing is niet opgeslagen, de begeleider is doorgegaan. Je kaartje bleef zoals het was. Wat je typte:"
)
EDIT_NOT_SAVED_CLOSED = (
    "Je aanpassing is niet opgeslagen, de sessie is afgelopen. Je kaartje bleef zoals het was. Wat je typte:"
)

# What the page's script says, in the phone's language (Dutch as written here).
SCRIPT_WORDS = {
    "busy": "Bezig met opslaan…",
    "slow": "Nog bezig met opslaan: de laptop reageert traag.",
    "dotOffline": "Geen verbinding met de laptop: niet opgeslagen. Probeer het zo opnieuw.",
    "dotNotPlaced": "Deze stip is niet gezet:",
    "dotsNotPlaced": "Deze stippen zijn niet gezet:",
    "offline": "Geen verbinding met de laptop. Wat je invulde staat er nog; probeer het zo opnieuw.",
    "offlineBack": "De verbinding is terug. Wat niet verstuurd is, staat er nog: probeer het nu opnieuw.",
    "saved": "Opgeslagen",
    "rateAuto": "Elke keuze wordt meteen opgeslagen.",
    "orphan": "Je tekst is niet verstuurd, de begeleider is doorgegaan:",
    "orphanClosed": "Je tekst is niet verstuurd, de sessie is afgelopen:",
    "orphanEdit": EDIT_NOT_SAVED,
    "orphanEditClosed": EDIT_NOT_SAVED_CLOSED,
    "unsavedOne": "Dit antwoord is niet opgeslagen, de begeleider is doorgegaan:",
    "unsaved": "Deze antwoorden zijn niet opgeslagen, de begeleider is doorgegaan:",
    "unsavedShownOne": "Dit antwoord is niet opgeslagen, want de uitslag werd al getoond:",
    "unsavedShown": "Deze antwoorden zijn niet opgeslagen, want de uitslag werd al getoond:",
    "unsavedClosedOne": "Dit antwoord is niet opgeslagen, de sessie is afgelopen:",
    "unsavedClosed": "Deze antwoorden zijn niet opgeslagen, de sessie is afgelopen:",
    "yourAnswer": "Jouw antwoord: {answer}",
    "unsavedTellOne": "Dit antwoord telt niet mee in de uitslag. Niemand anders ziet het.",
    "unsavedTell": "Deze antwoorden tellen niet mee in de uitslag. Niemand anders ziet ze.",
    "seen": "Begrepen",
    "put": "In het tekstvak zetten",
    "drop": "Weggooien",
    "keepIt": "Bewaar het als je wilt: kopieer het of schrijf het op.",
    "heldMoved": (
        "De begeleider is doorgegaan: versturen kan bij deze vraag niet meer. Je tekst blijft op je scherm staan."
    ),
    "heldClosed": "De sessie is afgelopen: versturen kan niet meer. Je tekst blijft op je scherm staan.",
    "heldWhere": "De groep is nu bij stap {n}",
    "heldWhereClosed": "De sessie is afgelopen",
    "heldGo": "Naar stap {n} (niet versturen)",
    "heldGoEnd": "Naar het einde (niet versturen)",
    "heldGoEdit": "Naar stap {n} (niet opslaan)",
    "heldGoEndEdit": "Naar het einde (niet opslaan)",
    "heldConn": "Verbonden. Je scherm gaat mee met de groep als je even stopt met typen.",
    "returned": "De begeleider is terug bij deze vraag. Je kunt je tekst versturen.",
    "backHome": "Je tekst staat weer in het tekstvak. Je kunt hem nu versturen.",
    "dropped": "Weggegooid.",
    "undo": "Terugzetten",
    "dotAdded": "Stip gezet.",
    "dotRemoved": "Stip eraf gehaald.",
    "live": "Verbonden: je scherm volgt vanzelf.",
    "lost": "Verbinding kwijt. Opnieuw verbinden…",
    "polling": "Verbonden: je scherm wordt om de paar seconden bijgewerkt.",
    "minutes": "Nog {n} minuten",
    "minute": "Nog 1 minuut",
    "underMinute": "Nog minder dan een minuut",
    "over": "De tijd voor deze stap is om.",
    "elsewhere": "Deze pagina hoort bij een sessie die niet meer loopt. Scan de QR-code die nu op het scherm staat.",
}


class Refused(Exception):
    """A request the server answers with a friendly page instead of doing anything."""

    def __init__(
        self,
        status: int,
        code: str,
        *,
        link: str | None = None,
        link_text: str = "",
        retry: int | None = None,
        params: Mapping[str, object] | None = None,
        page: web.Response | None = None,
    ) -> None:
        """`retry`: the page follows `link` by itself after that many seconds (and says so in Retry-After).

        `page`: the answer itself, when the refusal is best told on the questions page (what was sent kept in it).
        """
        super().__init__(code)
        self.page = page
        self.status = status
        self.code = code
        self.link = link
        self.link_text = link_text
        self.retry = retry
        self.params = dict(params or {})


def back(state: WebContext, status: int, code: str, **params: object) -> Refused:
    """A refusal whose page links back to the questions."""
    return Refused(status, code, link=state.url(), link_text="Terug naar de vragen", params=params)


def lang_of(request: web.Request) -> str:
    """The language this phone reads: its own choice (a cookie), else the facilitator's."""
    state = request.app[WEB]
    return language(request.cookies.get(LANG_COOKIE), state.lang, state.locales)


def t(request: web.Request, text: str, **params: object) -> str:
    """`text` (Dutch, as written) in this phone's language."""
    return tr(text, lang_of(request), request.app[WEB].locales, **params)


def say(request: web.Request, code: str, **params: object) -> str:
    """The core's message `code` in this phone's language."""
    return message(code, lang_of(request), params, request.app[WEB].locales)


def _common(request: web.Request, lang: str, here: str) -> dict[str, object]:
    """What every page's template reads: language, words, nonce and the language menu (back to `here`)."""
    folder = request.app[WEB].locales
    return {
        "lang": lang,
        "t": partial(tr, lang=lang, folder=folder),
        "nonce": request[NONCE],
        "languages": [(c.code, c.name) for c in catalogues(folder).values()],
        "here": here,
    }


def message_page(request: web.Request, refused: Refused) -> web.Response:
    """The page that says why a request was refused, with a way back (or a retry by itself)."""
    state = request.app[WEB]
    lang = lang_of(request)
    heading = "Niet opgeslagen" if refused.status == 503 else "Even wachten" if refused.retry else "Dit lukt niet"
    html = state.templates.get_template("message.html").render(
        **_common(request, lang, refused.link or "/"),
        heading=tr(heading, lang, state.locales),
        tone="wait" if refused.retry else "error",
        message=message(refused.code, lang, refused.params, state.locales),
        link=refused.link,
        link_text=tr(refused.link_text, lang, state.locales) if refused.link_text else "",
        retry=refused.retry if refused.link else None,
    )
    response = web.Response(text=html, content_type="text/html", status=refused.status)
    if refused.retry:
        response.headers["Retry-After"] = str(refused.retry)
    return response


def code_page(request: web.Request, *, status: int = 200, error: str = "", typed: str = "") -> web.Response:
    """The page where someone types the session's short code instead of scanning the QR code."""
    state = request.app[WEB]
    lang = lang_of(request)
    html = state.templates.get_template("code.html").render(
        **_common(request, lang, "/"), error=error, typed=typed, length=LENGTH
    )
    return web.Response(text=html, content_type="text/html", status=status)


def render_page(
    request: web.Request,
    pid: str,
    *,
    status: int = 200,
    notice: Notice | None = None,
    draft: str = "",
    draft_category: str = "",
    editing: str = "",
    confirm: bool = False,
    unsaved: Mapping[int, str] | None = None,
    choosing_role: bool = False,
) -> web.Response:
    """The current step as `pid`'s phone shows it: `notice` on top, `draft` back in the text field.

    `editing`: the id of an own card whose text fills the form, to change it. `confirm`: say what `?ok=`
    asks for, when it is still true (notice_for), or a card refused without script (refusals), and put a text not
    stored back in its field (core.unsent). `unsaved`: answers (statement -> value) that were sent
    but not stored: shown chosen, marked "Niet opgeslagen". `choosing_role`: the role question again, to change
    the role, while it may change.
    """
    state = request.app[WEB]
    lang = lang_of(request)
    page = page_view(state.service, pid, core_lang(lang))
    if confirm:
        notice = notice_for(request, page)
        refused = state.refusals.shown_on(pid, page)  # a form refused without script, this page's news (forms.act)
        if refused is not None:
            notice, (draft, draft_category) = notice or refused.notice, refused.draft_for(editing)
            unsaved = unsaved or dict(refused.unsaved)
        kept = None if draft or editing else state.unsent.for_field(pid, page.step_id, page.mode)
        if kept is not None:  # the text of a card refused earlier, back in its field, and said so
            draft, draft_category = kept.text, kept.category
            notice = notice or Notice(
                t(request, "Je tekst staat weer in het tekstvak. Je kunt hem nu versturen."), back=True
            )
    if unsaved:
        page = with_unsaved(page, unsaved)
    edited: CardView | None = next((c for c in page.my_cards if c.id == editing and c.changeable), None)
    if edited is not None and not draft:
        draft, draft_category = edited.text, edited.category or ""
    csrf = state.signer.csrf_for(pid)
    html = state.templates.get_template("page.html").render(
        **_common(request, lang, state.url()),
        page=page,
        sent_cards=sent_cards(state, lang, page, csrf),
        csrf=csrf,
        fid=secrets.token_urlsafe(9),
        notice=notice,
        draft=draft,
        draft_category=draft_category,
        editing=edited,
        choosing_role=choosing_role,
        since=state.hub.mark(page.version),
        words=script_words(lang, state.locales),
        progress=progress_text(page.progress, lang, state.locales),
        too_few=message("results.too_few", lang, {}, state.locales),
        urls={
            name: state.url(name)
            for name in ("page", "card", "vote", "rate", "events", "version", "withdraw", "role", "left")
        },
    )
    return web.Response(text=html, content_type="text/html", status=status)


def script_words(lang: str, folder: Path) -> dict[str, str]:
    """What the page's script says (SCRIPT_WORDS and the core's progress sentences), in `lang`."""
    return {key: tr(text, lang, folder) for key, text in SCRIPT_WORDS.items()} | progress_words(lang, folder)


def progress_text(progress: Progress | None, lang: str, folder: Path) -> str:
    """The step's progress in the core's words ("9 van 12 hebben stippen gezet"), in `lang`; "" when it has none."""
    if progress is None:
        return ""
    return message(progress.code, lang, {"n": progress.done, "total": progress.total}, folder)


def sent_cards(state: WebContext, lang: str, page: PageView, csrf: str) -> Markup:
    """The items of "Dit heb jij gestuurd": each card drawn once (per language and look) and kept.

    A phone fetches its page after each card it sends; drawing all its cards every time made a room that sends
    many cards spend most of its time on these lists (issue 12). A card's withdraw form carries an id of its
    own ("k" and the card's id: card ids are never given twice), so a double tap is still recognised.
    """
    template = state.templates.get_template("sent_card.html")
    drawn = state.sent_cards
    parts = []
    for card in page.my_cards:
        key = (lang, csrf, page.step_id, card)
        html = drawn.get(key)
        if html is None:
            html = template.render(
                c=card,
                t=partial(tr, lang=lang, folder=state.locales),
                csrf=csrf,
                step_id=page.step_id,
                fid=f"k{card.id}",
                page_url=state.url(),
                withdraw_url=state.url("withdraw"),
            )
            drawn[key] = html
            if len(drawn) > SENT_CARDS_KEPT:
                del drawn[next(iter(drawn))]  # the oldest drawn
        parts.append(html)
    return Markup("".join(parts))


def notice_for(request: web.Request, page: PageView) -> Notice | None:
    """The confirmation `?ok=` asks for, only while it is still true of this page (never a stale 'Verstuurd')."""
    query = request.query
    done = query.get("ok", "")
    if done == "role":  # said where the role line is, with its way to change it
        if page.role is None or page.roles or page.mode == "closed":
            return None
        if not page.role:
            return Notice(t(request, "Je doet mee zonder rol."), role=True)
        return Notice(t(request, "Je doet mee als: {role}", role=page.role), role=True)
    if done in ("card", "edited"):
        card = next((c for c in page.my_cards if c.id == query.get("c")), None)
        if card is None:  # another step by now, or withdrawn: nothing to confirm
            return None
        if done == "card":
            text = t(request, "Verstuurd. Je kunt er nog een sturen.")
        else:
            text = t(request, "Je kaartje is aangepast.")
        return Notice(text, sent_card=card.id if card.warning else "")
    if query.get("s") != page.step_id:
        return None
    if done == "rate" and page.mode == "scale":
        return Notice(t(request, "Je antwoorden zijn opgeslagen."))
    if done == "withdrawn" and page.mode == "text":
        return Notice(t(request, "Je kaartje is ingetrokken."))
    return None
