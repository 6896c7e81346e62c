"""The session screen: runs one session from the keyboard; its keys, and what the keys for the whole session do."""

from __future__ import annotations

import webbrowser
from typing import Any

from textual import events
from textual.actions import parse
from textual.binding import Binding
from textual.widgets import Input, OptionList

from ...core.attendance import ROOM_MARGIN_LEAST, join_cap
from ..dialogs import ConfirmDialog, HelpScreen, IntroDialog, TextDialog, export_preview
from ..footer import FooterItem
from ..keys import footer_label, footer_order
from ..strings import key_name
from .session_commands import SessionCommands
from .session_view import PHONES_OFF


class SessionScreen(SessionCommands):
    """Runs one session from the keyboard. Every change goes through the SessionService; the screen
    re-renders from the service's snapshot whenever an event says something changed (SessionView)."""

    BINDINGS = [
        Binding("n", "advance", "Volgende stap"),
        Binding("p", "back", "Vorige stap"),
        # Priority: handled the moment the key arrives, so the keys typed right after it already go to the line
        # (or the agenda) instead of the board, where they would be shortcuts (check_action lets a text field
        # have them).
        Binding("j", "jump", "Naar stap", priority=True),
        Binding("a", "capture", "Kaartje", priority=True),
        Binding("e", "edit_card", "Bewerken"),
        Binding("h", "hide_card", "Verbergen"),
        Binding("l", "release", "Vrijgeven"),
        Binding("k", "categories", "Categorieën"),
        Binding("t", "new_theme", "Nieuw thema"),
        Binding("T", "rename_theme", "Thema hernoemen", show=False),
        *[Binding(str(n), f"theme({n})", "Thema 1-9", show=n == 1) for n in range(1, 10)],
        Binding("0", "theme(0)", "Uit thema", show=False),
        Binding("o", "toggle_voting", "Stemmen open/dicht"),
        Binding("v", "proxy_vote", "Stip namens"),
        Binding("u", "proxy_withdraw", "Stip terug"),
        *[Binding(str(n), f"proxy_answer({n})", "Antwoord namens", show=n == 1) for n in range(1, 6)],
        Binding("m", "next_proxy", "Zonder telefoon"),
        Binding("M", "new_proxy", "Nieuwe persoon zonder telefoon", show=False),
        Binding("r", "reveal", "Uitslag aan/uit"),
        Binding("c", "new_action", "Actie"),
        Binding("g", "indicators", "Indicatoren"),
        Binding("enter", "open_row", "Bewerken"),
        Binding("delete", "delete", "Verwijderen", show=False),
        Binding("d", "headcount", "Aanwezigen", show=False),
        Binding("D", "door", "Deur dicht of open", show=False),
        Binding("i", "notes", "Notities"),
        Binding("f", "projector", "Projector"),
        Binding("w", "toggle_join", "Meedoen (QR)"),
        Binding("b", "open_board", "Bord (beamer)", show=False),
        Binding("x", "export", "Export"),
        Binding("s", "close_session", "Sessie afsluiten", show=False),
        Binding("question_mark", "help", "Help"),
        Binding("escape", "leave", "Terug"),
        Binding("q", "stop", "Stoppen", show=False),
    ]

    # ----- the footer -------------------------------------------------------------------------------

    def footer_keys(self) -> list[FooterItem]:
        """The keys the footer offers now, most important first (keys.footer_order): those the step allows, with
        short labels. While typing a card or choosing a step, the keys of that instead."""
        if isinstance(self.focused, Input) and self.focused.id == "capture":
            return [self._item("enter", "Kaartje opslaan", "submit"), self._item("escape", "Klaar", "leave")]
        if self.focused is not None and self.focused.id == "agenda":
            return [self._item("enter", "Naar deze stap", "select"), self._item("escape", "Terug", "leave")]
        state = self.service.state
        step = state.step
        items = []
        for name in footer_order(state, step):
            binding = self._first_binding(name)
            if binding is None:
                continue
            _, action, params = parse(binding.action)
            if self.check_action(action, params) is not True:
                continue
            display = self._key_range(name) or self.app.get_key_display(binding)
            items.append(FooterItem(binding.key, display, self.t(footer_label(name, state, step)), binding.action))
        return items

    def _key_range(self, action: str) -> str | None:
        """The keys of an action bound to a row of digits, as footer and help show them ("1-9", "1-4"), or None."""
        step = self.service.state.step
        if action == "theme":
            return "1-9"
        if action == "proxy_answer" and step.scale_spec is not None:
            return f"1-{len(step.scale_spec.values)}"
        return None

    def footer_all_keys(self) -> FooterItem:
        return self._item("question_mark", "Alle toetsen", "help")

    def _item(self, key: str, label: str, action: str) -> FooterItem:
        return FooterItem(key, self.app.get_key_display(Binding(key, action)), self.t(label), action)

    def _first_binding(self, name: str) -> Binding | None:
        """The first of this screen's bindings for the action `name` (theme(1) for theme)."""
        for binding in self.BINDINGS:
            if isinstance(binding, Binding) and parse(binding.action)[1] == name:
                return binding
        return None

    # ----- moving through the agenda ----------------------------------------------------------------

    def action_advance(self) -> None:
        if self._do(self.service.advance) is not None:
            self.step_entered()

    def action_back(self) -> None:
        if self._do(self.service.back) is not None:
            self.step_entered()

    def action_jump(self) -> None:
        agenda = self.query_one("#agenda", OptionList)
        self.add_class("-jumping")  # a narrow window shows the agenda only now
        agenda.highlighted = self.service.state.meta.current
        self.set_focus(agenda)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        step_id = event.option.id
        if event.option_list.id == "agenda" and step_id:
            self.remove_class("-jumping")
            if step_id == self.service.state.step.id:  # stays on it; a review reads its plan again (the core's rule)
                self._do(lambda: self.service.go_to(step_id))
                self.settle_focus()
            elif self._do(lambda: self.service.go_to(step_id)) is not None:
                self.step_entered()
            else:
                self.settle_focus()

    # ----- the session as a whole -------------------------------------------------------------------

    def action_headcount(self) -> None:
        """Ask how many people are in the room, phones or not (the summary counts them; it caps the phones too)."""
        headcount = self.service.state.meta.headcount
        cap = self.t(
            "Telefoons: hooguit dit aantal plus een vijfde (minstens {least}), voor wie opnieuw moet scannen.",
            least=ROOM_MARGIN_LEAST,
        )
        hint = f"{cap} {self.t('Iemand kan er niet bij? Zet het aantal hoger.')}" if self.joinable else ""
        self.app.push_screen(
            TextDialog(
                self.t("Aantal mensen in de ruimte (0: niet geteld)"),
                str(headcount) if headcount else "",
                submit=self._set_headcount,
                hint=hint,
            )
        )

    def _set_headcount(self, text: str) -> None:
        """Store the number of people present (the core refuses what is not a number) and say what it does."""
        self.service.set_details(headcount=text)
        if not self.joinable:  # without phones the number is only for the summary
            headcount = self.service.state.meta.headcount
            self.notify(self.t("{n} aanwezig", n=headcount) if headcount else self.t("Aanwezigen: niet geteld"))
            return
        self.notify(self.t("Er kunnen nu hooguit {n} telefoons tegelijk meedoen.", n=join_cap(self.service.state)))

    def action_door(self) -> None:
        """D: close the door (no new phones can join; those in go on) or open it again (core: close_door)."""
        closed = self.service.state.meta.door_closed
        self._do(lambda: self.service.close_door(not closed))
        if self.service.state.meta.door_closed != closed:  # (a refusal was said by _do)
            self.notify(
                self.t("Deur open: nieuwe telefoons kunnen meedoen.")
                if closed
                else self.t("Deur dicht: nieuwe telefoons kunnen niet meedoen. Druk D om de deur weer te openen."),
                timeout=6,
            )

    def action_close_session(self) -> None:
        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            self._do(self.service.close_session)
            if self.service.state.meta.status == "closed":
                # A summary written while the session was open says "nog open": offer to write it again now, so the
                # summary and the plan match the closed session (w writes, Esc does not; trial).
                workspace = self.workshop.workspace
                self.app.push_screen(export_preview(workspace, self.service.state, self.lang, closing=True))

        self.app.push_screen(ConfirmDialog(self.t("Sessie afsluiten? Daarna kan er niets meer bij.")), confirmed)

    def action_projector(self) -> None:
        self.workshop.projector = not self.workshop.projector
        self.set_class(self.workshop.projector, "-projector")
        self._lay_out()
        self.schedule_render()

    def action_toggle_join(self) -> None:
        self.join_wanted = not (self.has_class("-join") or self.has_class("-join-full"))
        self._lay_out()

    def action_open_board(self) -> None:
        """Open the room's board page (web/board.py) in this laptop's browser, to drag to the beamer."""
        if self.server is not None and self.server.running:
            webbrowser.open(self.server.board_url)

    def on_key(self, event: events.Key) -> None:
        """w (QR code) and b (board) without phones: not offered, but said why when pressed (they did nothing)."""
        if event.key in ("w", "b") and not self.joinable and not isinstance(self.focused, Input):
            self.notify(self.t(PHONES_OFF), markup=False)

    def action_notes(self) -> None:
        self.show_notes = not self.notes_visible
        self._shown_projector = None  # show the step's notes again (or not)
        self.schedule_render()

    def action_intro(self) -> None:
        script = self.service.state.script
        self.app.push_screen(IntroDialog(script.title, script.intro or self.t("Dit script heeft geen introductie.")))

    def action_export(self) -> None:
        self.app.push_screen(export_preview(self.workshop.workspace, self.service.state, self.lang))

    def action_help(self) -> None:
        lines = [
            # theme(0) is the key 0 itself ("Uit thema"), not the row 1-9 (the help said "1-9  Uit thema")
            ((b.key != "0" and self._key_range(parse(b.action)[1])) or key_name(b.key, self.lang), b.description)
            for b in self._help_bindings()
        ]
        lines.append((key_name("ctrl+p", self.lang), self.t("Alle opdrachten, om te zoeken")))
        self.app.push_screen(HelpScreen(lines, note="" if self.joinable else self.t(PHONES_OFF)))

    def _help_bindings(self) -> list[Any]:
        """This screen's own keys that apply now (not Textual's own, such as Tab), each description once."""
        own = {binding.action for binding in type(self).BINDINGS}  # type: ignore[union-attr]
        seen = set()
        found = []
        for bindings in self._bindings.key_to_bindings.values():
            for binding in bindings:
                if binding.action not in own or binding.description in seen:
                    continue
                if self.check_action(binding.action.split("(")[0], ()):
                    seen.add(binding.description)
                    found.append(binding)
        return found
