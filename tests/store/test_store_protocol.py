"""The SessionStore Protocol, checked the same way against MemoryStore and TinyDBSessionStore."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hypo import scaled
from workshop.core.model import Change
from workshop.core.ports import MemoryStore, SessionStore
from workshop.store.tinydb_store import open_store

from .support import card


def test_starts_empty(store: SessionStore) -> None:
    assert store.read() == {}


def test_put_then_read(store: SessionStore) -> None:
    store.write([Change("contributions", "c1", card(1))])
    assert store.read() == {"contributions": {"c1": card(1)}}


def test_put_replaces_whole_record(store: SessionStore) -> None:
    store.write([Change("contributions", "c1", {"text": "oud", "category": "zorg"})])
    store.write([Change("contributions", "c1", {"text": "nieuw"})])
    assert store.read()["contributions"]["c1"] == {"text": "nieuw"}


def test_delete(store: SessionStore) -> None:
    store.write([Change("votes", "v1", {"item": "c1"}), Change("votes", "v2", {"item": "c2"})])
    store.write([Change("votes", "v1", None)])
    assert store.read() == {"votes": {"v2": {"item": "c2"}}}


def test_delete_of_missing_key_is_harmless(store: SessionStore) -> None:
    store.write([Change("votes", "nope", None)])
    assert store.read() == {"votes": {}}


def test_read_returns_copies(store: SessionStore) -> None:
    store.write([Change("contributions", "c1", card(1))])
    first = store.read()
    first["contributions"]["c1"]["text"] = "veranderd"
    first["contributions"]["c1"]["tags"].append("extra")
    first["contributions"]["c2"] = {}
    first["other"] = {}
    assert store.read() == {"contributions": {"c1": card(1)}}


def test_write_keeps_its_own_copy(store: SessionStore) -> None:
    record = card(1)
    store.write([Change("contributions", "c1", record)])
    record["text"] = "later veranderd"
    record["tags"].append("extra")
    assert store.read()["contributions"]["c1"] == card(1)


def test_many_changes_in_one_write(store: SessionStore) -> None:
    changes = [Change("contributions", f"c{i}", card(i)) for i in range(300)]
    changes += [Change("votes", f"v{i}", {"item": f"c{i}"}) for i in range(50)]
    changes += [Change("contributions", "c5", None), Change("contributions", "c6", {"text": "laatste wint"})]
    changes += [Change("contributions", "c7", None), Change("contributions", "c7", {"text": "terug"})]
    store.write(changes)
    data = store.read()
    assert len(data["contributions"]) == 299
    assert "c5" not in data["contributions"]
    assert data["contributions"]["c6"] == {"text": "laatste wint"}
    assert data["contributions"]["c7"] == {"text": "terug"}
    assert data["votes"]["v49"] == {"item": "c49"}


def test_empty_write_changes_nothing(store: SessionStore) -> None:
    store.write([Change("t", "k", {"a": 1})])
    store.write([])
    assert store.read() == {"t": {"k": {"a": 1}}}


def test_keys_are_any_string(store: SessionStore) -> None:
    keys = ["", "1", "stap:2:p7", "ü ñ 🟢", "_key", "00"]
    store.write([Change("ratings", k, {"value": k}) for k in keys])
    assert store.read() == {"ratings": {k: {"value": k} for k in keys}}


# --- model-based: any sequence of writes gives the same result as MemoryStore, also after reopening ----

_keys = st.sampled_from(["a", "b", "c", "d", "ë"])
_tables = st.sampled_from(["contributions", "votes", "meta"])
_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
_records = st.none() | st.dictionaries(st.sampled_from(["text", "x", "y", "ëë"]), _values, max_size=3)
_changes = st.builds(Change, _tables, _keys, _records)


@settings(max_examples=scaled(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_changes, max_size=6), max_size=6))
def test_behaves_like_memory_store(writes: list[list[Change]]) -> None:
    model = MemoryStore()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sessie.json"
        with open_store(path, create=True) as real:
            for changes in writes:
                model.write(changes)
                real.write(changes)
                assert real.read() == model.read()
        with open_store(path) as reopened:
            assert reopened.read() == model.read()
