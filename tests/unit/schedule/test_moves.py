"""When a permanent redirect is trusted (schedule/moves.py): after three rounds and a day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from aggregator.schedule.moves import watch_move

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def test_a_permanent_move_is_trusted_after_three_rounds_and_a_day() -> None:
    grace = {"grace_rounds": 3, "grace": timedelta(days=1)}
    first = watch_move(None, None, 0, "https://new/", NOW, **grace)
    assert (first.rounds, first.since, first.migrate) == (1, NOW, False)
    second = watch_move("https://new/", NOW, 1, "https://new/", NOW + timedelta(hours=1), **grace)
    third = watch_move("https://new/", NOW, 2, "https://new/", NOW + timedelta(hours=2), **grace)
    assert (second.rounds, third.rounds, third.migrate) == (2, 3, False)
    later = watch_move("https://new/", NOW, 3, "https://new/", NOW + timedelta(days=1), **grace)
    assert later.migrate and later.moved_to == "https://new/"
    elsewhere = watch_move(
        "https://new/", NOW, 3, "https://other/", NOW + timedelta(days=1), **grace
    )
    assert (elsewhere.rounds, elsewhere.migrate) == (1, False)
    assert watch_move("https://new/", NOW, 3, None, NOW, **grace).moved_to is None
