"""The name rules' shortcut (names.name_free): it may skip the rules only where they would find no name.

`scan_names` skips every rule for a text that `name_free` calls free (most cards: "Meer tijd voor overleg"). A
wrong True would let a name through the guard, so this checks the claim against the rules themselves
(`all_names`) on the whole annotated corpus, its lower-case and sentence-case variants, and on texts made of
the words the rules react to: names, titles, kinship and role words, interfixes, verbs, capitals.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.hypo import scaled
from workshop.core.privacy import flags
from workshop.core.privacy.lexicon import Lexicon, get
from workshop.core.privacy.names import all_names, name_free, scan_names
from workshop.core.privacy.vocabulary import (
    INTERFIXES,
    PERSON_NEXT,
    POSSESSIVES,
    ROLE_TRIGGERS,
    SUBJECT_BEFORE,
    TITLES,
    TRIGGERS,
)

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return get()


def corpus() -> list[str]:
    """Every sentence of the annotated corpus, as written, in lower case, and in sentence case."""
    out: list[str] = []
    for path in sorted(FIXTURES.glob("privacy_corpus_*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            text = line.split("||")[0].strip()
            lower = text.lower()
            out += [text, lower, lower[:1].upper() + lower[1:]]
    return out


def test_never_free_where_the_rules_find_a_name(lexicon: Lexicon) -> None:
    texts = corpus()
    assert len(texts) > 3_000
    wrong = [t for t in texts if name_free(t, lexicon) and all_names(t, lexicon)]
    assert wrong == []
    # The shortcut is taken often enough to matter, and scan_names answers as the rules do.
    free = [t for t in texts if name_free(t, lexicon)]
    assert len(free) > len(texts) // 10
    assert all(scan_names(t, lexicon) == all_names(t, lexicon) for t in texts)


@pytest.mark.parametrize(
    "text",
    [
        "Meer tijd voor overleg in het team",
        "Ik wil meer scholing over dementie",
        "We moeten vaker samen de overdracht doen, nu mist informatie",
        "De mantelzorgers weten niet wie ze moeten bellen in het weekend",
        "idee 12: meer tijd voor overleg",
    ],
)
def test_ordinary_cards_are_free(lexicon: Lexicon, text: str) -> None:
    assert name_free(text, lexicon)
    assert flags(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "Petra was er niet bij",  # a listed first name, capitalised
        "toen zei bas dat het goed was",  # a lower-case first name where a person stands
        "petra smit had dienst",  # all lower case, first name and surname
        "Shanaya zei dat het te druk was",  # a word no list knows, then a verb
        "bij mevrouw de bakker ging het mis",  # a title
        "collega sandra was ziek",  # a kinship or role word
        "Jansen heeft niet gegeten",  # a surname with a verb after it
        "Jansens dochter belde",  # a surname's genitive
        "het ging mis bij Kees",  # a capital inside the sentence
        "De heer heeft gebeld",  # "de heer"
        "A. de vries belde",  # an initial
    ],
)
def test_texts_with_a_name_candidate_are_not_free(lexicon: Lexicon, text: str) -> None:
    assert not name_free(text, lexicon)


def _words(lexicon: Lexicon) -> st.SearchStrategy[str]:
    common = "de het een en van in op voor met aan bij naar zei belde kwam was is heeft toen ook niet meer tijd team"
    pools = [
        common.split(),
        sorted(lexicon.first_names)[::40],
        sorted(lexicon.surnames)[::40],
        sorted(lexicon.name_words)[::5],
        sorted(TITLES | TRIGGERS | ROLE_TRIGGERS | {"heer"}),
        sorted(INTERFIXES | POSSESSIVES | SUBJECT_BEFORE),
        sorted(PERSON_NEXT),
        ["kamer", "k", "12", "1950", "'t", "A.", "J.", "II", "Yılmaz", "şule", "Henkie", "Pietersen", "Zijlstra"],
    ]
    word = st.sampled_from(pools).flatmap(st.sampled_from)
    cased = st.tuples(word, st.sampled_from(["as is", "lower", "title"])).map(
        lambda wc: wc[0] if wc[1] == "as is" else wc[0].lower() if wc[1] == "lower" else wc[0][:1].upper() + wc[0][1:]
    )
    return st.builds(
        lambda first, rest, sep, end: sep.join([first[:1].upper() + first[1:], *rest]) + end,
        cased,
        st.lists(word.map(str.lower), max_size=9),
        st.sampled_from([" ", " ", " ", ", ", ". ", " - "]),
        st.sampled_from(["", ".", "!", " zei ze", " (1932)"]),
    )


@settings(max_examples=scaled(600), deadline=None)
@given(data=st.data())
def test_generated_texts(lexicon: Lexicon, data: st.DataObject) -> None:
    text = data.draw(_words(lexicon))
    if name_free(text, lexicon):
        assert all_names(text, lexicon) == [], text
