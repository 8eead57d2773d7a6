"""`check` and the commands on configs that point at the wrong places (issue #24, 1 and 5):
every problem said in one line, nothing created where it should not be, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.commands import cli
from tests.support.feed_server import Document, FeedServer
from tests.support.feeds import rss


def write(folder: Path, text: str) -> Path:
    path = folder / "feeds.yaml"
    path.write_text(text)
    return path


def test_an_empty_config_is_not_ok(tmp_path: Path) -> None:
    done = cli(write(tmp_path, ""), "check")
    assert done.returncode == 2
    assert "no sources: add one with `aggregator add URL`" in done.stderr


@pytest.mark.sqlite_only
def test_check_names_folders_that_are_files_or_missing(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x")
    config = write(
        tmp_path,
        "store: afile/x.sqlite\noutput: {dir: missing/deeper/out}\n"
        "sources:\n  - {id: a, url: 'https://a.example/'}\n",
    )
    done = cli(config, "check")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"feeds.yaml: output.dir: neither {tmp_path}/missing/deeper/out nor its parent folder "
        "exists",
        f"feeds.yaml: store: {tmp_path}/afile is a file, not a folder",
    ]


@pytest.mark.sqlite_only
def test_a_store_in_a_wrong_place_is_one_line_and_creates_nothing(tmp_path: Path) -> None:
    config = write(
        tmp_path,
        "store: nowhere/deeper/x.sqlite\nsources:\n  - {id: a, url: 'https://a.example/'}\n",
    )
    done = cli(config, "status")
    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [
        f"error: the store's folder {tmp_path}/nowhere/deeper does not exist, nor its parent: "
        "create it, or change `store:`"
    ]
    assert not (tmp_path / "nowhere").exists()
    # One missing level is made: a first run with `store: data/x.sqlite` works.
    assert (
        cli(
            write(
                tmp_path, "store: data/x.sqlite\nsources:\n  - {id: a, url: 'https://a.example/'}\n"
            ),
            "status",
        ).returncode
        == 0
    )
    assert (tmp_path / "data" / "x.sqlite").exists()


def test_publishing_into_a_file_is_one_line_after_the_items_are_stored(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.put("f.rss", Document(rss("F", "One").encode()))
    (tmp_path / "afile").write_text("x")
    config = write(
        tmp_path,
        "store: s.sqlite\noutput: {dir: afile}\n"
        f"sources:\n  - {{id: a, url: '{feed_server.url('f.rss')}'}}\n",
    )
    done = cli(config, "fetch", "--all")
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert [line for line in done.stderr.splitlines() if "publish" in line.lower()]
    assert '"items": 1' in cli(config, "status", "--json").stdout
