"""records.put skips asdict's deep copy for flat records: it must give exactly what asdict gives, for every record."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from tests.core.realistic import run
from workshop.core import records
from workshop.core.model import Contribution
from workshop.workspace import Workspace


def test_every_record_of_a_realistic_session_is_what_asdict_gives(tmp_path):
    workspace = Workspace(tmp_path)
    session_id = run(workspace, "mantelzorg-drempelcheck")
    state = workspace.read_session(session_id)
    values = [state.meta, *state.participants, *state.contributions, *state.themes, *state.votes]
    values += [*state.ratings, *state.actions, *state.reviews, *state.indicators]
    assert len({type(v) for v in values}) >= 6
    for value in values:
        made = records.record_of(value)
        assert made == asdict(value) and list(made) == list(asdict(value))


@dataclass(frozen=True)
class _Inner:
    name: str


@dataclass(frozen=True)
class _Outer:
    inner: _Inner
    pairs: tuple[tuple[str, int], ...]
    items: list[str]


def test_nested_values_take_the_general_way():
    card = Contribution("c1", "s", "Tekst", "p1", "participant", "2026-01-01T00:00:00+00:00", privacy=("naam",))
    assert records.record_of(card) == asdict(card)
    outer = _Outer(_Inner("a"), (("x", 1),), ["b"])
    made = records.record_of(outer)
    assert made == asdict(outer) == {"inner": {"name": "a"}, "pairs": (("x", 1),), "items": ["b"]}
    assert made["items"] is not outer.items  # copied, as asdict does
