"""A session file's bytes read with orjson (fast) read exactly as Python's json module reads them, and what is
broken is named as before (store/fileformat.py: loads)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.core.errors import CorruptSessionError
from workshop.core.model import Change
from workshop.store import open_store, read_tables
from workshop.store.fileformat import Damaged, loads, parse

from ..hypo import scaled

# Any text a record can hold, lone surrogates included (Python strings can carry them; json.dumps writes them
# as \ud800 escapes, which orjson refuses), and any number json.dumps writes (NaN and infinities included).
texts = st.text(st.characters(codec=None, categories=None))
scalars = st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1) | st.floats() | texts
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4))


def same(a: object, b: object) -> bool:
    """Equal, with NaN equal to NaN and an int never equal to a float of the same value."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)  # type: ignore[index]
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))  # type: ignore[arg-type]
    return a == b


@settings(max_examples=scaled(300))
@given(values, st.booleans())
def test_every_value_json_writes_reads_back_as_json_reads_it(value: object, ascii_only: bool) -> None:
    raw = json.dumps(value, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
    try:
        expected = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        with pytest.raises(Damaged):
            loads(raw)
        return
    assert same(loads(raw), expected)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "het bestand is leeg"),
        (b' \n {"a": [1,', "afgebroken of geen JSON: regel 2, kolom 11"),
        (b'{"a": 1}\n\nx', "afgebroken of geen JSON: regel 3, kolom 1"),
        (b'{"a": "\xff"}', "geen tekst (UTF-8) bij byte 7"),
        (b"[" * 100_000, "geen sessiegegevens: te diep genest"),
    ],
)
def test_what_is_broken_is_named_as_before(raw: bytes, reason: str) -> None:
    with pytest.raises(Damaged) as caught:
        parse(raw)
    assert str(caught.value) == reason


def test_a_session_holding_what_orjson_refuses_opens_and_reads_the_same(tmp_path: Path) -> None:
    """A card with a lone surrogate and a NaN in a record, as an earlier store wrote them: the session still opens."""
    path = tmp_path / "sessie.json"
    odd = {"text": "kapot teken \ud83d hier", "score": float("nan")}
    with open_store(path, create=True) as store:
        store.write([Change("contributions", "c1", odd)])
    assert b"\\ud83d" in path.read_bytes() and b"NaN" in path.read_bytes()
    for tables in (read_tables(path), open_store(path).read()):
        record = tables["contributions"]["c1"]
        assert record["text"] == odd["text"] and math.isnan(record["score"])


def test_a_broken_session_file_is_still_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "sessie.json"
    with open_store(path, create=True) as store:
        store.write([Change("contributions", "c1", {"text": "goed"})])
    path.write_bytes(path.read_bytes()[:-3])
    with pytest.raises(CorruptSessionError) as caught:
        read_tables(path)
    assert "afgebroken of geen JSON: regel 1" in caught.value.params["reason"]
