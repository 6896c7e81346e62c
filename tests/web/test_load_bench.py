"""The load benchmark runs end to end on a tiny room (figures are not asserted: this machine varies)."""

from __future__ import annotations

import asyncio

import pytest

from workshop.bench.load import main, run_case

pytestmark = pytest.mark.slow  # real load runs, ~12 s together


def test_a_tiny_run_acknowledges_and_keeps_everything() -> None:
    case = asyncio.run(asyncio.wait_for(run_case(120, 6, window=0.2, cards=2, seed=1, herd_requests=24), 120))
    assert [(r.phase, r.mode) for r in case.phases] == [
        ("join (herd)", "durable"),
        ("cards, spread", "durable"),
        ("cards, herd", "durable"),
        ("dots, spread", "durable"),
        ("dots, herd", "durable"),
        ("cards, herd", "noop"),
        ("dots, herd", "noop"),
    ]
    assert all(r.errors == 0 and r.acked == r.sent > 0 for r in case.phases)
    assert case.cards_acked == 6 * 2 + 6 * 4 and case.dots_acked >= 6 * 3
    assert case.lost_in_file == 0 and case.lost_in_export == 0
    assert case.ratio > 0 and case.cpu_ratio > 0


def test_the_command_line_prints_the_tables(capsys) -> None:
    assert main(["--records", "0", "--phones", "3", "--window", "0.1", "--herd", "9"]) == 0
    out = capsys.readouterr().out
    assert "durable/no-op throughput" in out and "lost in file: 0" in out and "== summary" in out


def test_a_join_rush_over_the_real_limit_gets_everyone_in(capsys) -> None:
    # 400 phones within 0.2 s: ~310 are in straight away, the rest wait on the page and retry by themselves.
    # How many wait depends on how fast this machine sends them (a loaded machine sends them slower, so
    # the limit refills in between): that the limit was hit at all, and everyone got in, is the point.
    assert main(["--join-rush", "400"]) == 0
    row = capsys.readouterr().out.splitlines()[-1].split()
    phones, all_in, waits, errors = row[0], float(row[1]), int(row[4].replace(",", "")), int(row[5])
    assert phones == "400" and errors == 0
    assert waits > 0 and all_in < 60


def test_a_tiny_room_with_streams_hears_the_step_change_and_survives_a_restart() -> None:
    from workshop.bench.room import run_room

    result = asyncio.run(asyncio.wait_for(run_room(40, 12, workers=2, window=0.2, cards=2, herd=24, seed=1), 180))
    assert result.joined == 12 and result.streams == 12
    assert [(p.phase, p.mode) for p in result.phases] == [
        ("cards, spread", "durable"),
        ("cards, spread", "noop"),
        ("cards, spread", "durable"),
        ("cards, spread", "noop"),
        ("cards, herd", "durable"),
        ("cards, herd", "noop"),
        ("cards, herd", "durable"),
        ("cards, herd", "noop"),
    ]
    assert all(p.errors == 0 and p.acked == p.sent > 0 for p in result.phases)
    # Every phone heard the step change on its stream and fetched the new step's page.
    assert result.step_event.reached == result.step_page.reached == 12
    # After the restart every phone reconnected, and not one missed the move made while it was away.
    assert result.reconnect.reached == 12 and result.missed_step == 0
    assert result.cards_acked == 2 * 12 * 2 + 2 * 12 * 2 and result.lost_in_file == 0 and result.lost_in_export == 0
    assert result.ratio > 0 and result.p99_ratio > 0
    assert 0 < result.disk_p50_ms <= result.disk_p99_ms  # the disk's own floor, measured in the same run


def test_the_room_command_line_prints_its_table(capsys) -> None:
    from workshop.bench.room import main as room_main

    argv = ["--room", "--phones", "4", "--records", "0", "--workers", "2", "--window", "0.1", "--herd", "8"]
    assert room_main(argv) == 0
    out = capsys.readouterr().out
    assert "step change: event on the stream" in out and "phones not on the new step after the restart: 0" in out
    assert "the disk alone at the spread rate" in out


def test_the_disk_floor_fsyncs_every_line_and_leaves_no_file(tmp_path) -> None:
    from workshop.bench.disk import disk_floor

    p50, p99 = disk_floor(tmp_path, rate=500.0, count=200)
    assert 0 < p50 <= p99
    assert list(tmp_path.iterdir()) == []
