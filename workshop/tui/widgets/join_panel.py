"""How phones join: the QR code in pure black and white, the short code, the link, and how many joined."""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

JoinMode = Literal["side", "full", "small"]
SIDE_TEXT_WIDTH = 41  # the texts under the QR code in the side panel are as wide as the code


class JoinPanel(Widget):
    """The QR code with the texts beside it ("full": the panel has the screen's width) or under it ("side");
    when the code does not fit ("small"), the texts with where the printable code is."""

    DEFAULT_CSS = """
    JoinPanel { width: auto; height: auto; padding: 0 1; layout: vertical; }
    JoinPanel.-beside { layout: horizontal; width: 1fr; height: 1fr; }
    JoinPanel #qr { width: auto; height: auto; }
    JoinPanel #join-texts { width: 41; height: auto; }
    JoinPanel.-beside #join-texts { width: 1fr; padding: 0 0 0 2; }
    JoinPanel #join-code { text-style: bold; margin: 1 0; }
    JoinPanel #join-small { display: none; color: $warning; }
    JoinPanel #join-board { display: none; color: $text-muted; }
    JoinPanel.-board #join-board { display: block; }
    JoinPanel #join-back { display: none; color: $text-muted; margin-top: 1; }
    JoinPanel.-beside #join-back { display: block; }
    JoinPanel.-small #join-small { display: block; }
    JoinPanel.-small #qr { display: none; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.qr_size: tuple[int, int] | None = None  # columns and lines of the QR code, once there is one

    def compose(self) -> ComposeResult:
        yield Static(id="qr")
        with Vertical(id="join-texts"):
            yield Static(id="join-title")
            yield Static(id="join-small")
            yield Static(id="join-code")
            yield Static(id="join-url")
            yield Static(id="join-count")
            yield Static(id="join-board")
            yield Static(id="join-back")

    def show_url(
        self, title: str, url: str, code: str = "", how: str = "", too_small: str = "", back: str = ""
    ) -> None:
        """Show the QR code for `url`, the link, the short `code` and a line on `how` to join; `too_small` is
        what to say when the window cannot hold the code, `back` how to get back to the board."""
        from ...web.qr import qr_text

        qr = qr_text(url)
        lines = qr.split("\n")
        self.qr_size = (max(len(line) for line in lines), len(lines))
        self.query_one("#join-title", Static).update(Text.assemble((title, "bold"), "\n", (how, "dim") if how else ""))
        # Pure black on white whatever the theme: a camera needs the contrast, and dark-on-light.
        # no_wrap: wrapping would strip the leading quiet zone of every line and skew the code.
        self.query_one("#qr", Static).update(Text(qr, style="black on white", no_wrap=True))
        self.query_one("#join-code", Static).update(Text(code))
        self.query_one("#join-url", Static).update(Text(url))
        self.query_one("#join-small", Static).update(Text(too_small))
        self.query_one("#join-back", Static).update(Text(back))

    def show_problem(self, title: str, message: str) -> None:
        """Show why phones cannot join (no network, port taken)."""
        self.qr_size = None
        self.query_one("#join-title", Static).update(Text(title, style="bold"))
        self.query_one("#qr", Static).update("")
        self.query_one("#join-url", Static).update(Text(message))

    def show_board(self, text: str) -> None:
        """Show where the room's board page is (only while the phone server runs)."""
        self.query_one("#join-board", Static).update(Text(text))
        self.add_class("-board")

    def show_count(self, text: str) -> None:
        self.query_one("#join-count", Static).update(Text(text))

    def set_mode(self, mode: JoinMode) -> None:
        """Lay the panel out for where it stands: beside the board, instead of it, or without the code."""
        self.set_class(mode != "side", "-beside")
        self.set_class(mode == "small", "-small")
