"""feedparser's own test corpus (issue #21): the documents of feedparser 6.0.11's sdist, with the
expectation each one carries, and the date strings of its date-parser tests.

The sdist is downloaded once with pip (PyPI only) into the test cache, a folder named by
AGGREGATOR_TEST_CACHE (default: <repo>/.cache/test-data), checked against its known sha256,
and only its tests/ folder is extracted, member by member, refusing anything that is not a
plain file or folder inside it. `python -m tests.support.feedparser_corpus` does that ahead of
pytest (scripts/test.sh); when the download fails the tests that need the corpus fail and say
why: they never skip.

Each document is one of the 2,233 files of tests/wellformed, illformed, encoding and entities
(the compression and http folders test feedparser's HTTP client, which the project does not
use). Its leading comment says what feedparser must make of it:

    <!--
    Header:      Content-type: application/atom+xml
    Description: feed title
    Expect:      not bozo and feed['title'] == 'Example feed'
    -->

`Header:` lines are what feedparser's test server sends with the documents it serves (those
whose path contains "http"); the others its tests read from disk, without headers. The date
inputs come from runtests.py's `date_tests`, read with `ast`: runtests.py is never imported.
"""

from __future__ import annotations

import ast
import codecs
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath

FEEDPARSER_VERSION = "6.0.11"
SDIST = f"feedparser-{FEEDPARSER_VERSION}.tar.gz"
SDIST_SHA256 = "c9d0407b64c6f2a065d0ebb292c2b35c01050cc0dc33757461aaabdc4c4184d5"
CATEGORIES = ("wellformed", "illformed", "encoding", "entities")
EXPECTED_DOCUMENTS = 2233
CACHE_VARIABLE = "AGGREGATOR_TEST_CACHE"
REPO = Path(__file__).resolve().parents[2]
# Where feedparser's test server (runtests.py, port 8097) serves tests/ from.
SERVER = "http://127.0.0.1:8097/"
# What that server sends as the media type of a .xml file without a Content-type header line:
# SimpleHTTPRequestHandler.guess_type, application/xml with Debian's /etc/mime.types.
SERVED_XML_TYPE = "application/xml"
# pip's own network timeout and retries, and the whole download's: under pytest-timeout's
# 120 s, so that a download that cannot finish fails with its reason, not a timeout.
_PIP_NETWORK = ("--timeout", "20", "--retries", "2")
_PIP_TIMEOUT = 100.0

_DESCRIPTION = re.compile(rb"Description:\s*(.*?)\s*Expect:\s*(.*)\s*-->")  # runtests.py's
_ONLY_DESCRIPTION = re.compile(rb"Description:\s*(.*?)\s*(?:\n|-->)")
_HEADER = re.compile(rb"^Header:\s+([^:]+):(.+)$", re.MULTILINE)  # runtests.py's
_SKIP_UNLESS = re.compile(rb"SkipUnless:\s*(.*?)\n")  # runtests.py's
_CODEC_LOOKUP = re.compile(r"""^__import__\(['"]codecs['"]\)\.lookup\(['"]([^'"]+)['"]\)$""")


class CorpusUnavailable(RuntimeError):
    """The corpus could not be downloaded or extracted (the message says why)."""


@dataclass(frozen=True, slots=True)
class CorpusDocument:
    """One test document of feedparser's corpus and what its leading comment says."""

    path: Path
    relative: str  # "tests/wellformed/rss/item_title.xml", as the test server serves it
    category: str  # wellformed, illformed, encoding or entities
    description: str | None
    expect: str | None  # the Python expression of its `Expect:` line
    headers: tuple[tuple[str, str], ...]  # its `Header:` lines, in order
    skip_unless: str | None  # its `SkipUnless:` expression: feedparser skips it when false

    @property
    def name(self) -> str:
        """The path below tests/, e.g. wellformed/rss/item_title.xml."""
        return self.relative.removeprefix("tests/")

    @property
    def url(self) -> str:
        return SERVER + self.relative

    @property
    def served_over_http(self) -> bool:
        """runtests.py fetches documents whose path contains "http" from its server; it reads
        the others from disk."""
        return "http" in self.relative

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    @property
    def header_content_type(self) -> str | None:
        """The document's `Header: Content-type:` line, if any."""
        return self.header("Content-type")

    @property
    def content_type(self) -> str | None:
        """The media type feedparser's own test run gives it: the Content-type header line,
        else the server's guess for documents it serves; None for those read from disk."""
        if self.header_content_type is not None:
            return self.header_content_type
        return SERVED_XML_TYPE if self.served_over_http else None

    def body(self) -> bytes:
        return self.path.read_bytes()

    def skipped_by_feedparser(self) -> str | None:
        """Why feedparser's own run skips the document's test here, if it does: its
        `SkipUnless:` names a codec this Python lacks, or a feedparser attribute that is gone.
        `__import__('chardet')` never skips: the project detects encodings itself."""
        condition = (self.skip_unless or "").strip()
        if not condition:
            return None
        lookup = _CODEC_LOOKUP.match(condition)
        if lookup:
            try:
                codecs.lookup(lookup.group(1))
            except LookupError:
                return f"SkipUnless: codec {lookup.group(1)!r} unknown to this Python"
            return None
        if condition.startswith("feedparser."):
            import feedparser

            if not hasattr(feedparser, condition.removeprefix("feedparser.")):
                return f"SkipUnless: {condition} (gone from feedparser)"
        return None


@dataclass(frozen=True, slots=True)
class DateInput:
    """One input of runtests.py's date_tests: the string, the tuple feedparser's `parser`
    should give (None: no date), and that parser's name."""

    text: str
    expected: tuple[int, ...] | None
    parser: str


def cache_dir() -> Path:
    configured = os.environ.get(CACHE_VARIABLE)
    return Path(configured) if configured else REPO / ".cache" / "test-data"


def corpus_root() -> Path:
    """The extracted sdist's folder (holding tests/), downloaded and extracted if needed;
    CorpusUnavailable when that fails."""
    cache = cache_dir()
    root = cache / f"feedparser-{FEEDPARSER_VERSION}"
    if (root / "tests" / "runtests.py").is_file():
        return root
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError as problem:
        raise CorpusUnavailable(f"cannot create the test cache {cache}: {problem}") from problem
    archive = cache / SDIST
    if not archive.is_file() or _sha256(archive) != SDIST_SHA256:
        _download(cache)
    _extract_tests(archive, root)
    return root


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _download(cache: Path) -> None:
    archive = cache / SDIST
    archive.unlink(missing_ok=True)
    command = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--quiet",
        *_PIP_NETWORK,
        "--no-deps",
        "--no-binary",
        ":all:",
        f"feedparser=={FEEDPARSER_VERSION}",
        "-d",
        str(cache),
    ]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=_PIP_TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as problem:
        raise CorpusUnavailable(
            f"could not download feedparser's test corpus ({' '.join(command)}): {problem}"
        ) from problem
    if done.returncode != 0 or not archive.is_file():
        output = (done.stderr or done.stdout).strip().splitlines()[-15:]
        raise CorpusUnavailable(
            f"could not download feedparser's test corpus: `{' '.join(command)}` exited with "
            f"{done.returncode}" + (":\n  " + "\n  ".join(output) if output else "")
        )
    found = _sha256(archive)
    if found != SDIST_SHA256:
        archive.unlink(missing_ok=True)
        raise CorpusUnavailable(f"{SDIST} has sha256 {found}, not the known {SDIST_SHA256}")


def _extract_tests(archive: Path, root: Path) -> None:
    """Extract only <sdist>/tests/ into `root`: plain files and folders, each checked to land
    inside it (no absolute names, no "..", no links or devices). Written to a temporary
    folder first and renamed, so a half-extracted corpus is never used."""
    prefix = PurePosixPath(f"feedparser-{FEEDPARSER_VERSION}", "tests")
    staging = Path(tempfile.mkdtemp(prefix="feedparser-", dir=root.parent))
    staging.chmod(0o755)
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                name = PurePosixPath(member.name)
                if name.is_absolute() or ".." in name.parts or "\\" in member.name:
                    raise CorpusUnavailable(f"{SDIST}: unsafe member name {member.name!r}")
                if name == prefix or prefix not in name.parents:
                    continue
                target = staging.joinpath(*name.relative_to(prefix.parent).parts)
                if not target.resolve().is_relative_to(staging.resolve()):
                    raise CorpusUnavailable(f"{SDIST}: {member.name!r} leaves the folder")
                if member.isdir():
                    target.mkdir(parents=True, exist_ok=True)
                elif member.isfile():
                    source = tar.extractfile(member)
                    if source is None:
                        raise CorpusUnavailable(f"{SDIST}: cannot read {member.name!r}")
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with source, target.open("wb") as out:
                        shutil.copyfileobj(source, out)
                else:
                    raise CorpusUnavailable(f"{SDIST}: {member.name!r} is not a plain file")
        if not (staging / "tests" / "runtests.py").is_file():
            raise CorpusUnavailable(f"{SDIST} has no tests/runtests.py")
        shutil.rmtree(root, ignore_errors=True)
        try:
            staging.rename(root)
        except OSError:
            if not (root / "tests" / "runtests.py").is_file():  # not another process's
                raise
    except (OSError, tarfile.TarError) as problem:
        raise CorpusUnavailable(f"could not extract {archive}: {problem}") from problem
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def to_utf8(data: bytes) -> bytes:
    """runtests.py's convert_to_utf8: the bytes of a UTF-16/32 or EBCDIC document as UTF-8,
    so that its comment can be read (the document itself is parsed as it is)."""
    boms = (
        (b"\x00\x00\xfe\xff", "utf-32be", 0),
        (b"\xff\xfe\x00\x00", "utf-32le", 0),
        (b"\x00\x00\x00\x3c", "utf-32be", 0),
        (b"\x3c\x00\x00\x00", "utf-32le", 0),
        (b"\x00\x3c\x00\x3f", "utf-16be", 0),
        (b"\x3c\x00\x3f\x00", "utf-16le", 0),
    )
    try:
        if data[:4] == b"\x4c\x6f\xa7\x94":
            return data.decode("cp037").encode("utf-8")
        for start, encoding, skip in boms:
            if data[:4] == start:
                return data[skip:].decode(encoding).encode("utf-8")
        if data[:2] == b"\xfe\xff" and data[2:4] != b"\x00\x00":
            return data[2:].decode("utf-16be").encode("utf-8")
        if data[:2] == b"\xff\xfe" and data[2:4] != b"\x00\x00":
            return data[2:].decode("utf-16le").encode("utf-8")
    except UnicodeDecodeError:
        return data
    if data[:3] == b"\xef\xbb\xbf":
        return data[3:]
    return data


def read_document(path: Path, root: Path) -> CorpusDocument:
    relative = path.relative_to(root).as_posix()
    raw = path.read_bytes()
    data = to_utf8(raw)
    found = _DESCRIPTION.search(data)
    description = expect = None
    if found:
        description = found.group(1).strip().decode("utf-8", "replace")
        expect = found.group(2).strip().decode("utf-8", "replace")
    else:
        only = _ONLY_DESCRIPTION.search(data)
        description = only.group(1).strip().decode("utf-8", "replace") if only else None
    skip = _SKIP_UNLESS.search(data)
    return CorpusDocument(
        path=path,
        relative=relative,
        category=relative.split("/")[1],
        description=description,
        expect=expect,
        headers=tuple(
            (key.decode("utf-8", "replace").strip(), value.decode("utf-8", "replace").strip())
            for key, value in _HEADER.findall(raw)
        ),
        skip_unless=skip.group(1).strip().decode("utf-8", "replace") if skip else None,
    )


@cache
def documents() -> tuple[CorpusDocument, ...]:
    """Every document of the four folders, sorted by path."""
    root = corpus_root()
    paths = sorted(
        path
        for category in CATEGORIES
        for path in (root / "tests" / category).rglob("*.xml")
        if path.is_file()
    )
    return tuple(read_document(path, root) for path in paths)


@cache
def date_inputs() -> tuple[DateInput, ...]:
    """runtests.py's date_tests, in its order: {parser function: ((input, tuple | None), ...)}."""
    source = (corpus_root() / "tests" / "runtests.py").read_text("utf-8")
    for node in ast.parse(source).body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "date_tests" for t in node.targets)
            and isinstance(node.value, ast.Dict)
        ):
            found: list[DateInput] = []
            for key, value in zip(node.value.keys, node.value.values, strict=True):
                parser = key.id if isinstance(key, ast.Name) else ast.unparse(key) if key else "?"
                for text, expected in ast.literal_eval(value):
                    found.append(
                        DateInput(str(text), tuple(expected) if expected else None, parser)
                    )
            return tuple(found)
    raise CorpusUnavailable("runtests.py has no `date_tests = {...}`")


def main() -> int:
    try:
        found = documents()
        dates = date_inputs()
    except CorpusUnavailable as problem:
        print(f"feedparser's test corpus is unavailable: {problem}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{sum(1 for d in found if d.category == c)} {c}" for c in CATEGORIES)
    print(
        f"feedparser {FEEDPARSER_VERSION} test corpus in {cache_dir()}: {len(found)} documents "
        f"({counts}), {len(dates)} date inputs"
    )
    if len(found) != EXPECTED_DOCUMENTS:
        print(f"expected {EXPECTED_DOCUMENTS} documents", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
