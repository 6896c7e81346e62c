"""The command line speaks Dutch when a facilitator types it wrong: what is missing, what it does not know, and
where to read more; `--lang en` keeps argparse's English. Run in-process through `workshop.cli.main`."""

from __future__ import annotations

import pytest

from workshop.cli import main
from workshop.cli_words import dutch_message


def _fails(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as stopped:
        main(list(argv))
    assert stopped.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    return err


def test_a_missing_team_is_named_in_dutch_with_where_to_read_more(capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    err = _fails(capsys, "new", "mantelzorg-drempelcheck")
    assert "workshop new: fout: dit ontbreekt nog: --team" in err
    assert "Meer uitleg: workshop new --help" in err
    assert err.startswith("gebruik: workshop new")
    assert "error" not in err and "required" not in err


def test_a_mistyped_command_gets_the_choices_and_a_suggestion(capsys) -> None:
    err = _fails(capsys, "exprt", "abc")
    assert "fout: 'exprt' ken ik niet; kies uit: check, new, sessions, export," in err
    assert "Bedoel je export?" in err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (("--port", "abc"), "fout: --port: 'abc' is geen geheel getal"),
        (("sessions", "--onbekend"), "fout: dit ken ik niet: --onbekend"),
        (("export",), "fout: dit ontbreekt nog: SESSIE"),
        (("--max-participants", "0"), "fout: --max-participants: '0': 1 - 10000"),
        (("--workspace",), "fout: --workspace: zet er een waarde achter"),
    ],
)
def test_other_mistakes_in_dutch(capsys, argv, said) -> None:
    assert said in _fails(capsys, *argv)


def test_help_has_dutch_headings_and_own_options(capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--help"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("gebruik: workshop")
    assert "opties:" in out and "toon deze uitleg en stop" in out and "toon het versienummer en stop" in out
    for english in ("usage:", "options:", "show this help", "positional arguments"):
        assert english not in out


def test_english_stays_english(capsys) -> None:
    err = _fails(capsys, "--lang", "en", "new", "x")
    assert "error: the following arguments are required: --team" in err


def test_an_unknown_form_keeps_its_words() -> None:
    assert dutch_message("something argparse says one day") == "something argparse says one day"
