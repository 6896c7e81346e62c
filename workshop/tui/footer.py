"""The key footer, rebuilt only when the keys it shows change (Textual's rebuilds on every focus change)."""

from __future__ import annotations

from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's Footer rebuilds all its key widgets after every focus change and every refresh_bindings, ~10-30 ms
    each: during a session that is after most keys and cards. This one compares what it would show (keys, labels,
    which are enabled) with what it shows, and rebuilds only when they differ."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._shown: tuple[object, ...] | None = None

    def _keys(self) -> tuple[object, ...]:
        """What the footer would show now, in order."""
        shown: list[object] = [self.compact, self.show_command_palette]
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if binding.show or binding.action == "command_palette":
                shown.append(
                    (key, binding.action, self.app.get_key_display(binding), binding.description, active.enabled)
                )
        return tuple(shown)

    async def recompose(self) -> None:
        if not self.is_attached:
            return
        keys = self._keys()
        if keys == self._shown:
            return
        self._shown = keys
        await super().recompose()
