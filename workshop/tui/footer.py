"""The key footer: a screen's most important keys first, as many as fit whole, and `?` for all of them; rebuilt only
when what it shows changes (Textual's rebuilds on every focus change)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple, Protocol, runtime_checkable

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class FooterItem(NamedTuple):
    """One key as the footer shows it: the key pressed when it is clicked, how it reads, its label."""

    key: str
    display: str
    label: str
    action: str


@runtime_checkable
class PlansFooter(Protocol):
    """A screen that says which keys its footer shows, in order of importance, and which key lists them all."""

    def footer_keys(self) -> Sequence[FooterItem]: ...

    def footer_all_keys(self) -> FooterItem | None: ...


def fitting(items: Sequence[FooterItem], width: int) -> list[FooterItem]:
    """Return the `items` that fit whole in `width` cells (compact footer), the first ones first; one that does not
    fit is left out (never cut off halfway) and a shorter one after it may still take the room."""
    shown = []
    for item in items:
        needed = item_width(item)
        if needed <= width:
            shown.append(item)
            width -= needed
    return shown


def item_width(item: FooterItem) -> int:
    """The cells one key takes in a compact footer: key, space, label, and the space after it."""
    return cell_len(item.display) + 1 + cell_len(item.label) + 1


class KeyFooter(Footer):
    """Textual's Footer rebuilds all its key widgets after every focus change and every refresh_bindings, ~10-30 ms
    each: during a session that is after most keys and cards. This one compares what it would show (keys, labels,
    which are enabled) with what it shows, and rebuilds only when they differ.

    On a screen that plans its footer (PlansFooter) it shows that screen's keys in its order, only those that fit
    whole (a trial at 80 columns cut the footer off in the middle of a word, and keys such as `s` were only found
    under `?`), with the key for all keys always at the right.
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._shown: tuple[object, ...] | None = None

    def _plan(self) -> tuple[list[FooterItem], FooterItem | None] | None:
        screen = self.screen
        if not isinstance(screen, PlansFooter):
            return None
        return list(screen.footer_keys()), screen.footer_all_keys()

    def _width(self) -> int:
        return self.size.width or self.app.size.width

    def _keys(self) -> tuple[object, ...]:
        """What the footer would show now, in order."""
        plan = self._plan()
        if plan is not None:
            return (self._width(), tuple(plan[0]), plan[1])
        shown: list[object] = [self.compact, self.show_command_palette]
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if binding.show or binding.action == "command_palette":
                shown.append(
                    (key, binding.action, self.app.get_key_display(binding), binding.description, active.enabled)
                )
        return tuple(shown)

    def compose(self) -> ComposeResult:
        plan = self._plan() if self._bindings_ready else None
        if plan is None:
            yield from super().compose()
            return
        items, all_keys = plan
        width = self._width() - (item_width(all_keys) + 2 if all_keys else 0)  # + its bar and its padding
        for item in fitting(items, width):
            yield FooterKey(item.key, item.display, item.label, item.action).data_bind(compact=Footer.compact)
        if all_keys is not None:
            yield FooterKey(
                all_keys.key, all_keys.display, all_keys.label, all_keys.action, classes="-all-keys"
            ).data_bind(compact=Footer.compact)

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.recompose)

    async def recompose(self) -> None:
        if not self.is_attached:
            return
        keys = self._keys()
        if keys == self._shown:
            return
        self._shown = keys
        await super().recompose()
