"""`workshop export` and `workshop new` on the plan edits a user trial found misread without a word: each is now
read as meant or named with its file:line; a retrospective does not start on a plan it cannot read."""

from __future__ import annotations

import re
from pathlib import Path

from tests.cli.runner import workshop
from tests.cli.test_cli_followup import make_session
from workshop.core.plan import plan_rows
from workshop.core.plan_document import MEMORY_MARK
from workshop.workspace import Workspace

RETRO = "kwaliteitsbeeld-retrospectief"
TEAM = "Team De Linde"


def exported_plan(tmp_path: Path) -> tuple[str, Path]:
    session_id = make_session(tmp_path)
    assert workshop("export", session_id, cwd=tmp_path).returncode == 0
    return session_id, tmp_path / "exports" / "pdca-team-de-linde.md"


def edit(plan: Path, old: str, new: str, count: int = 1) -> int:
    """Replace `old` in the plan (the first `count` times); returns the 1-based line of the first change."""
    text = plan.read_text(encoding="utf-8")
    assert old in text
    plan.write_text(text.replace(old, new, count), encoding="utf-8")
    return next(n for n, line in enumerate(plan.read_text("utf-8").split("\n"), 1) if new.split("\n")[0] in line)


def test_a_doubtful_klaar_stays_open_and_export_and_new_say_so_by_line(tmp_path):
    session_id, plan = exported_plan(tmp_path)
    line = edit(plan, "| P | gepland |", "| P | klaar 50% |")
    said = f"{plan}:{line}: let op: status 'klaar 50%' niet zeker gelezen als klaar — de actie blijft open"
    result = workshop("export", session_id, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert said in result.stderr
    new = workshop("new", RETRO, "--team", TEAM, cwd=tmp_path)
    assert new.returncode == 0, new.stderr
    assert (
        "Klaar voor de terugblik: de acties uit" in new.stdout
        and "die open zijn of klaar zonder besluit (1)." in new.stdout
        and said in new.stderr
    )


def test_a_do_table_without_a_status_column_is_named_with_its_line(tmp_path):
    session_id, plan = exported_plan(tmp_path)
    edit(plan, "| P | gepland |", "| P | klaar |")
    line = edit(plan, "| Fase | Status |", "| Fase | Statuss |")
    result = workshop("export", session_id, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"{plan}:{line}: let op: de tabel in 'Do' heeft geen kolom die ik als status lees" in result.stderr
    assert "alle acties erin blijven open" in result.stderr
    edit(plan, "| Fase | Statuss |", "| Fase | Status / voortgang |")
    result = workshop("export", session_id, cwd=tmp_path)
    assert "status" not in result.stderr
    assert [r.status_key for r in plan_rows(plan.read_text("utf-8"))] == ["klaar"]


def test_a_plan_without_its_memory_comment_keeps_its_ids_and_says_so_once(tmp_path):
    session_id, plan = exported_plan(tmp_path)
    text = plan.read_text(encoding="utf-8")
    plan.write_text(re.sub(rf"<!-- {MEMORY_MARK}.*?-->\n?", "", text, flags=re.S), encoding="utf-8")
    result = workshop("export", session_id, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Niet opnieuw in het plan gezet" not in result.stdout
    rebuilt = (
        "het geheugen-commentaar onderaan ontbrak, of kende deze sessie niet (na Word?); opnieuw opgebouwd uit de "
        "acties in het plan"
    )
    assert f"{plan}: let op: {rebuilt} — een rij die al weg was, herken ik misschien niet meer" in result.stderr
    ids = {r.id for r in plan_rows(plan.read_text("utf-8"))}
    assert ids == {"DL-2611-a1"}
    summary = (tmp_path / "exports" / f"{session_id}.md").read_text(encoding="utf-8")
    assert set(re.findall(r"DL-2611\w*-a\d+", summary)) <= ids and "DL-2611-a1" in summary
    again = workshop("export", session_id, cwd=tmp_path)
    assert rebuilt not in again.stderr and "PDCA-plan al bij" in again.stdout


def test_ids_in_another_case_match_and_a_row_of_no_action_is_no_ghost_in_the_terugkoppeling(tmp_path):
    session_id, plan = exported_plan(tmp_path)
    edit(plan, "| DL-2611-a1 | Plan vaste", "| DL-2611-A1 | Plan vaste")
    act = "| DL-2611-a1 |  |  |  |  | 0 |"
    line = edit(plan, act, "| dl-2611-a1 | borgen |  |  |  | 0 |\n| DL-2611-a7 | borgen |  |  |  | 0 |")
    before = plan.read_text("utf-8")
    result = workshop("export", session_id, "--terugkoppeling", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"{plan}:{line + 1}: let op: rij 'DL-2611-a7' in 'Act' hoort bij geen actie" in result.stderr
    assert "Niet opnieuw" not in result.stdout
    # Nothing added again; only the Fase moves on to A, as the decision (borgen) says.
    do_row = next(x for x in before.split("\n") if x.startswith("| DL-2611-A1 | Plan vaste"))
    assert plan.read_text("utf-8") == before.replace(do_row, do_row.replace("| P | gepland |", "| A | gepland |"))
    [row] = plan_rows(plan.read_text("utf-8"))
    assert (row.id, row.act_decision, row.phase) == ("DL-2611-A1", "borgen", "A")
    overview = (tmp_path / "exports" / f"{session_id}-terugkoppeling.md").read_text(encoding="utf-8")
    table = [x for x in overview.split("\n") if x.startswith("| ") and "---" not in x][1:]
    assert len(table) == 1 and "Plan vaste leertijd" in table[0]


def test_new_refuses_a_retrospective_on_an_unreadable_plan_unless_asked_and_resuming_loads_the_repaired_plan(
    tmp_path,
):
    session_id, plan = exported_plan(tmp_path)
    good = plan.read_text(encoding="utf-8")
    line = edit(plan, "| DL-2611-a1 | Plan vaste", "| DL-2611-a1 | Plan\nvaste", 1)  # Enter pressed in a cell
    broken = plan.read_text(encoding="utf-8")
    refused = workshop("new", RETRO, "--team", TEAM, cwd=tmp_path)
    assert refused.returncode == 1
    assert f"{plan}:{line}: deze rij in 'Do' lijkt in tweeën gebroken" in refused.stderr
    assert "--zonder-terugblik" in refused.stderr
    assert "Sessie gestart" not in refused.stdout
    assert not list((tmp_path / "sessions").glob(f"*{RETRO}*.json"))
    assert plan.read_text(encoding="utf-8") == broken
    started = workshop("new", RETRO, "--team", TEAM, "--zonder-terugblik", cwd=tmp_path)
    assert started.returncode == 0 and "Sessie gestart" in started.stdout
    assert "let op: de open acties zijn niet geladen" in started.stderr
    (path,) = (tmp_path / "sessions").glob(f"*{RETRO}*.json")
    # The plan is repaired; the session is resumed and its review step loads the open actions.
    plan.write_text(good, encoding="utf-8")
    service = Workspace(tmp_path).open_session(path.stem)
    try:
        assert service.state.reviews == ()
        review = next(s for s in service.state.script.steps if s.kind == "review" and (s.of or "acties") == "acties")
        service.go_to(review.id)
        assert [r.plan_id for r in service.state.reviews] == ["DL-2611-a1"]
    finally:
        service.release()
    assert [r.plan_id for r in Workspace(tmp_path).read_session(path.stem).reviews] == ["DL-2611-a1"]


def test_the_summary_points_to_answers_only_when_the_review_gave_some(tmp_path):
    exported_plan(tmp_path)
    assert workshop("new", RETRO, "--team", TEAM, cwd=tmp_path).returncode == 0
    (path,) = (tmp_path / "sessions").glob(f"*{RETRO}*.json")
    pointer = "De antwoorden per actie staan bovenaan"
    assert workshop("export", path.stem, cwd=tmp_path).returncode == 0
    summary = tmp_path / "exports" / f"{path.stem}.md"
    assert Workspace(tmp_path).read_session(path.stem).reviews  # loaded, but nobody answered
    assert pointer not in summary.read_text(encoding="utf-8")
    service = Workspace(tmp_path).open_session(path.stem)
    try:
        service.review_action("DL-2611-a1", status="bezig")
    finally:
        service.release()
    assert workshop("export", path.stem, cwd=tmp_path).returncode == 0
    assert pointer in summary.read_text(encoding="utf-8")
