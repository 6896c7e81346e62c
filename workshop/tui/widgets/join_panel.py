"""How phones join: the QR code in pure black and white, the address and short code to type, how many joined,
and the board's address."""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Static

JoinMode = Literal["side", "full", "small"]
SIDE_TEXT_WIDTH = 41  # the texts under the QR code in the side panel are as wide as the code


def _unwrapped(text: str, style: str = "") -> Text:
    """A link as one line that is never wrapped: an address split over two lines cannot be typed off the screen."""
    return Text(text, style=style, no_wrap=True, overflow="ignore", end="")


class JoinPanel(Widget):
    """The QR code with the texts beside it ("full": the panel has the screen's width) or under it ("side");
    when the code does not fit ("small"), the texts with where the printable code is. The board's address is a line
    of its own under them all, as wide as the panel (in "side" the panel is as wide as that address)."""

    DEFAULT_CSS = """
    JoinPanel { width: auto; height: auto; padding: 0 1; layout: vertical; }
    JoinPanel.-beside { width: 1fr; height: 1fr; }
    JoinPanel #join-top { width: auto; height: auto; layout: vertical; }
    JoinPanel.-beside #join-top { width: 1fr; layout: horizontal; }
    JoinPanel #qr { width: auto; height: auto; }
    JoinPanel #join-texts { width: 41; height: auto; }
    JoinPanel.-beside #join-texts { width: 1fr; padding: 0 0 0 2; }
    JoinPanel #join-how { margin-top: 1; }
    JoinPanel #join-url { width: auto; text-style: bold; }
    JoinPanel #join-code { margin-bottom: 1; }
    JoinPanel #join-small { display: none; color: $warning; }
    JoinPanel #join-board { display: none; width: auto; height: auto; layout: vertical; color: $text-muted; }
    JoinPanel.-beside #join-board { layout: horizontal; }
    JoinPanel.-board #join-board { display: block; }
    JoinPanel.-board.-no-board-room #join-board { display: none; }
    JoinPanel #join-board-label, JoinPanel #join-board-url { width: auto; }
    JoinPanel #join-back { display: none; color: $text-muted; margin-top: 1; }
    JoinPanel.-beside #join-back { display: block; }
    JoinPanel.-small #join-small { display: block; }
    JoinPanel.-small #qr { display: none; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.qr_size: tuple[int, int] | None = None  # columns and lines of the QR code, once there is one
        self.board_url = ""

    def compose(self) -> ComposeResult:
        with Horizontal(id="join-top"):
            yield Static(id="qr")
            with Vertical(id="join-texts"):
                yield Static(id="join-title")
                yield Static(id="join-small")
                yield Static(id="join-how")
                yield Static(id="join-url")
                yield Static(id="join-code")
                yield Static(id="join-count")
                yield Static(id="join-back")
        with Horizontal(id="join-board"):
            yield Static(id="join-board-label")
            yield Static(id="join-board-url")

    def show_url(
        self,
        title: str,
        url: str,
        *,
        scan: str = "",
        how: str = "",
        address: str = "",
        code: str = "",
        too_small: str = "",
        back: str = "",
    ) -> None:
        """Show the QR code for `url`, a line on how to `scan` it, and `how` to join by typing instead: the `address`
        on a line of its own, then the `code` line; `too_small` is what to say when the window cannot hold the
        code, `back` how to get back to the board."""
        from ...web.qr import qr_text

        qr = qr_text(url)
        lines = qr.split("\n")
        self.qr_size = (max(len(line) for line in lines), len(lines))
        heading = Text.assemble((title, "bold"), "\n", (scan, "dim") if scan else "")
        self.query_one("#join-title", Static).update(heading)
        # Pure black on white whatever the theme: a camera needs the contrast, and dark-on-light.
        # no_wrap: wrapping would strip the leading quiet zone of every line and skew the code.
        self.query_one("#qr", Static).update(Text(qr, style="black on white", no_wrap=True))
        self.query_one("#join-how", Static).update(Text(how))
        self.query_one("#join-url", Static).update(_unwrapped(address or url))
        self.query_one("#join-code", Static).update(Text(code))
        self.query_one("#join-small", Static).update(Text(too_small))
        self.query_one("#join-back", Static).update(Text(back))

    def show_problem(self, title: str, message: str) -> None:
        """Show why phones cannot join (no network, port taken)."""
        self.qr_size = None
        self.query_one("#join-title", Static).update(Text(title, style="bold"))
        self.query_one("#qr", Static).update("")
        self.query_one("#join-how", Static).update(Text(message))  # wrapped, unlike the address it stands for
        self.query_one("#join-url", Static).update("")

    def show_board(self, label: str, url: str) -> None:
        """Show where the room's board page is (only while the phone server runs): `label`, its `url` on one line."""
        self.board_url = url
        self.query_one("#join-board-label", Static).update(Text(label + " ", end=""))
        self.query_one("#join-board-url", Static).update(_unwrapped(url))
        self.add_class("-board")

    def side_width(self) -> int:
        """The columns the panel's content needs beside the board ("side"): the QR code, its texts and the board's
        address on a line of its own, whichever is widest."""
        qr_width = self.qr_size[0] if self.qr_size else SIDE_TEXT_WIDTH
        return max(qr_width, SIDE_TEXT_WIDTH, len(self.board_url))

    def show_count(self, text: str) -> None:
        self.query_one("#join-count", Static).update(Text(text))

    def set_mode(self, mode: JoinMode, board_room: bool = True) -> None:
        """Lay the panel out for where it stands: beside the board, instead of it, or without the code;
        `board_room`: there is a line left for the board's address."""
        self.set_class(mode != "side", "-beside")
        self.set_class(mode == "small", "-small")
        self.set_class(not board_room, "-no-board-room")
