"""The four follow-up questions for one open action of the team's plan (domain.md §3)."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Select, Static

from ...core.errors import DomainError
from ...core.mdtext import format_date
from ...core.model import ACT_DECISIONS, ACTION_STATUSES, ReviewItem
from ...core.plan_terms import yes_no
from ...core.plan_words import normalise_decision, normalise_status
from ...core.review import unread_check_date_note
from ..widgets.fields import Field
from .action import FormDialog, field_row


class ReviewDialog(FormDialog):
    """Asks what was done, what it brought, what we decide and whom we told (when, and whether it is done), for
    `item` (number `n` of `total`); `submit(answers)` records them for that very item. Returns the updated item.
    `team`: in a review across teams, the team whose plan holds the item (shown with its id in the heading)."""

    AUTO_FOCUS = "#status"

    def __init__(
        self,
        item: ReviewItem,
        submit: Callable[[dict[str, str | None]], object],
        n: int = 1,
        total: int = 1,
        team: str = "",
    ) -> None:
        super().__init__()
        self.item, self.submit, self.n, self.total, self.team = item, submit, n, total, team
        self.keep_words = False  # the facilitator was asked once to choose a status, and saved again without one

    def compose(self) -> ComposeResult:
        item = self.item
        with VerticalScroll(classes="dialog wide form"):
            heading = self.t("Actie {n} van {total}", n=self.n, total=self.total)
            # Its id in the plan, so the facilitator can check it is the row meant before saving (rows may have been
            # reordered by hand); across teams also whose action it is ("teamleider, 15 dec" could be any team's).
            heading = f"{heading} · {self.team} · {item.plan_id}" if self.team else f"{heading} · {item.plan_id}"
            yield Label(heading, classes="question", id="review-heading")
            yield Static(Text(item.what, style="bold"), id="review-what")
            details = " · ".join(p for p in (item.owner, item.indicator, item.check_method) if p)
            if details:
                yield Static(Text(details, style="dim"))
            unread = unread_check_date_note(item, self.lang)
            if unread:  # the plan's own words, as for a status in the team's words
                yield Static(Text(unread, style="dim"), id="check-date-written")
            yield Static("", classes="error", id="error")
            yield Label(self.t("Wat is er gedaan?"))
            # The plan's status may be written in the team's own words ("klaar op 20 januari", "in afwachting
            # van MT"): the choice shows what the core reads in it (or nothing), the words themselves stand
            # under it.
            written = item.current("status")
            self.status_read = normalise_status(written) if written else "bezig"
            yield Select(
                [(s, s) for s in ACTION_STATUSES],
                id="status",
                allow_blank=not self.status_read,
                value=self.status_read or Select.NULL,
                prompt=self.t("Kies…"),
                compact=True,
            )
            if written and written != self.status_read:
                yield Static(Text(self.t("In het plan: '{status}'", status=written), style="dim"), id="status-written")
            yield Label(self.t("Wat leverde het op, gemeten zoals afgesproken?"))
            yield Field(item.current("result"), id="result", compact=True)
            yield Label(self.t("Wat besluiten we?"))
            decided = item.current("act_decision")  # the same for a decision written in the team's words
            yield Select(
                [(d, d) for d in ACT_DECISIONS],
                id="act_decision",
                value=normalise_decision(decided) or Select.NULL,
                prompt=self.t("Kies…"),
                compact=True,
            )
            if decided and decided != normalise_decision(decided):
                said = self.t("In het plan: '{status}'", status=decided)
                yield Static(Text(said, style="dim"), id="decision-written")
            yield Label(self.t("Wie hebben we het laten weten?"))
            yield Field(item.current("feedback"), id="feedback", compact=True)
            when = format_date(item.current("feedback_when"))
            yield from field_row(
                self.t("Wanneer?"),
                Field(
                    when, id="feedback_when", placeholder=self.t("datum of bijv. teamoverleg 12 maart"), compact=True
                ),
            )
            done = yes_no(item.current("feedback_done"))
            yield from field_row(
                self.t("Gedaan?"),
                Select(
                    [(self.t("ja"), "ja"), (self.t("nee"), "nee")],
                    id="feedback_done",
                    value=Select.NULL if done is None else ("ja" if done else "nee"),
                    prompt=self.t("Kies…"),
                    compact=True,
                ),
            )
            yield from self.form_buttons()

    def on_mount(self) -> None:
        self.query_one("#error").display = False

    def action_save(self) -> None:
        decision = self.query_one("#act_decision", Select).value
        done = self.query_one("#feedback_done", Select).value
        status = self.query_one("#status", Select).value
        if status is Select.NULL and not self.keep_words:
            # No status chosen for words the plan does not surely say ("klaar? nog navragen"): saving would count
            # the action as discussed with the plan's doubt as its answer. Asked once; a second Ctrl+S keeps them.
            self.keep_words = True
            written = self.item.current("status")
            self.show_error(
                self.t(
                    "Wat is er gedaan? Kies een status, of druk nog eens Ctrl+S om '{status}' te laten staan.",
                    status=written,
                ),
                near=self.query_one("#status", Select),
            )
            return
        answers: dict[str, str | None] = {
            # Not chosen (the plan's words say no status it knows): the plan's cell stays as it is written. A chosen
            # status that means what the cell says leaves its words too (plan_merge compares by meaning).
            "status": None if status is Select.NULL else str(status),
            "result": self.query_one("#result", Input).value,
            "act_decision": "" if decision is Select.NULL else str(decision),
            "feedback": self.query_one("#feedback", Input).value,
            "feedback_when": self.query_one("#feedback_when", Input).value,
            # Not chosen: the plan's cell stays as it is (it may say something the choice does not, e.g. "deels").
            "feedback_done": None if done is Select.NULL else str(done),
        }
        try:
            result = self.submit(answers)
        except DomainError as err:
            # The field to mend gets the focus (Enter would only try again): the date, or the choice 'Gedaan?'.
            near = {
                "review.told_before_agreed": "#feedback_when",
                "review.told_no_year": "#feedback_when",
                "review.told_in_future": "#feedback_done",
            }.get(err.code)
            self.show_error(err, near=self.query_one(near) if near else None)
            return
        self.dismiss(result)
