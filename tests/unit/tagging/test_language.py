"""Language detection: the streaming model loader against py3langid's own loader."""

from __future__ import annotations

import io
import lzma
import shutil
import zipfile
from pathlib import Path

import numpy as np
import pytest
from py3langid import langid

from aggregator.tagging.language import (
    CANDIDATES,
    confirmed_language,
    item_language,
    primary_subtag,
    spread,
)
from aggregator.tagging.language_cache import cache_root, cached_model
from aggregator.tagging.language_model import ModelLayoutError, build_identifier, load_identifier

MODEL = Path(langid.__file__).parent / langid.MODEL_FILE

TEXTS = [
    "The Department of Justice announced charges against three men for laundering cryptocurrency.",
    "Генеральная прокуратура утвердила обвинительное заключение по делу о мошенничестве.",
    "O Ministério Público Federal denunciou doze pessoas por corrupção e lavagem de dinheiro.",
    "La Fiscalía General del Estado abrió una investigación por tráfico de drogas en Cádiz.",
    "Le parquet national financier a ouvert une information judiciaire pour blanchiment.",
    "Die Staatsanwaltschaft hat Anklage wegen Betrugs erhoben.",
    "Prokuratura Krajowa skierowała akt oskarżenia do sądu.",
    "Eurojust",
    "PG20 2026 — Rio",
    "",
]


def test_the_streamed_model_classifies_exactly_as_py3langid_restricted_to_our_languages() -> None:
    library = langid.LanguageIdentifier.from_model_file(MODEL, norm_probs=True)
    library.set_languages(CANDIDATES)
    streamed = load_identifier(MODEL, CANDIDATES)
    assert streamed.nb_classes == library.nb_classes
    assert np.array_equal(streamed.nb_ptc, library.nb_ptc)
    for text in TEXTS:
        ours, theirs = streamed.rank(text), library.rank(text)
        assert [language for language, _ in ours] == [language for language, _ in theirs], text
        assert np.allclose([p for _, p in ours], [p for _, p in theirs]), text


def test_item_language_detects_and_abstains() -> None:
    assert item_language(None, TEXTS[1]) == "ru"
    assert item_language(None, TEXTS[4]) == "fr"
    assert item_language("pt-BR", TEXTS[4]) == "pt"  # the source's setting wins
    assert item_language(None, "PG20") is None  # too few letters to tell


@pytest.mark.parametrize(
    ("tag", "primary"),
    [
        ("en-US", "en"),
        ("pt_BR", "pt"),
        ("RU", "ru"),
        (" fr ", "fr"),
        ("x-default", None),
        ("", None),
        (None, None),
        ("english", None),
    ],
)
def test_declared_languages_are_read_as_their_primary_subtag(
    tag: str | None, primary: str | None
) -> None:
    assert primary_subtag(tag) == primary


def test_a_declared_language_counts_once_the_items_confirm_it() -> None:
    english, portuguese = (TEXTS[0],), (TEXTS[2],)
    assert confirmed_language("en-US", [english, english]) == "en"
    # Publishing software that says en-US on a Portuguese site: not believed.
    assert confirmed_language("en-US", [english, portuguese]) is None
    assert confirmed_language("en", [portuguese]) is None
    # Nothing confident to go by (short titles): the declaration alone is not enough.
    assert confirmed_language("en", [("Eurojust",), ("PG20 2026 — Rio",)]) is None
    assert confirmed_language(None, [english]) is None
    assert item_language(None, "Eurojust", declared="en") == "en"
    assert item_language("ru", TEXTS[0], declared="en") == "ru"  # the source's setting first


def test_samples_are_spread_over_the_document() -> None:
    assert spread(2) == [0, 1]
    assert spread(50) == [0, 24, 49]
    assert spread(0) == []


def _model_without(tmp_path: Path, member: str) -> Path:
    """A copy of the model file with one npz member left out."""
    with lzma.open(MODEL) as packed, zipfile.ZipFile(io.BytesIO(packed.read())) as original:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as copy:
            for info in original.infolist():
                if info.filename != f"{member}.npy":
                    copy.writestr(info, original.read(info))
    path = tmp_path / "model.npz.xz"
    path.write_bytes(lzma.compress(buffer.getvalue(), preset=0))
    return path


def test_a_model_laid_out_otherwise_is_refused_not_misread(tmp_path: Path) -> None:
    with pytest.raises(ModelLayoutError, match="nextmove"):
        load_identifier(_model_without(tmp_path, "nextmove"), CANDIDATES)
    not_an_archive = tmp_path / "plain.xz"
    not_an_archive.write_bytes(lzma.compress(b"not a zip"))
    with pytest.raises(ModelLayoutError):
        load_identifier(not_an_archive, CANDIDATES)
    with pytest.raises(ValueError, match="xx"):
        load_identifier(MODEL, ["en", "xx"])


def _ranks(identifier: object, text: str) -> list[tuple[str, float]]:
    return identifier.rank(text)  # type: ignore[attr-defined,no-any-return]


def test_the_cached_model_is_mapped_and_classifies_as_the_library(tmp_path: Path) -> None:
    library = langid.LanguageIdentifier.from_model_file(MODEL, norm_probs=True)
    library.set_languages(CANDIDATES)
    built = cached_model(MODEL, CANDIDATES, tmp_path)  # the first run stores it
    [entry] = tmp_path.iterdir()
    assert (entry / "transitions.bin").stat().st_size > 30_000_000
    mapped = cached_model(MODEL, CANDIDATES, tmp_path)  # later runs map it
    assert isinstance(mapped.transitions, memoryview)
    for arrays in (built, mapped):
        identifier = build_identifier(arrays)
        for text in TEXTS:
            ours, theirs = _ranks(identifier, text), library.rank(text)
            assert [lang for lang, _ in ours] == [lang for lang, _ in theirs], text
            assert np.allclose([p for _, p in ours], [p for _, p in theirs]), text
    assert not [p for p in tmp_path.iterdir() if ".building-" in p.name]


def test_entries_of_other_model_files_are_removed(tmp_path: Path) -> None:
    stale = tmp_path / "langid-0123456789abcdef0123"  # a previous py3langid's entry
    stale.mkdir()
    (stale / "transitions.bin").write_bytes(b"old")
    cached_model(MODEL, CANDIDATES, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] != [stale.name]
    assert not stale.exists() and len(list(tmp_path.iterdir())) == 1


def test_installations_of_the_same_model_share_one_entry(tmp_path: Path) -> None:
    """Two virtualenvs (a checkout and its CI clone) used to remove each other's entry."""
    other = tmp_path / "other-venv" / "model.npz.xz"
    other.parent.mkdir()
    shutil.copyfile(MODEL, other)  # another path, another date, the same bytes
    cache = tmp_path / "cache"
    cached_model(MODEL, CANDIDATES, cache)
    [entry] = cache.iterdir()
    built = (entry / "transitions.bin").stat().st_mtime_ns
    arrays = cached_model(other, CANDIDATES, cache)
    assert [p.name for p in cache.iterdir()] == [entry.name]
    assert (entry / "transitions.bin").stat().st_mtime_ns == built  # mapped, not rebuilt
    assert isinstance(arrays.transitions, memoryview)


def test_a_damaged_cache_entry_is_rebuilt(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    cached_model(MODEL, CANDIDATES, tmp_path)
    [entry] = tmp_path.iterdir()
    with open(entry / "transitions.bin", "r+b") as transitions:
        transitions.truncate(1000)  # a disk that filled up, a copy cut short
    arrays = cached_model(MODEL, CANDIDATES, tmp_path)
    assert "unreadable" in caplog.text
    assert build_identifier(arrays).classify(TEXTS[3])[0] == "es"
    assert (entry / "transitions.bin").stat().st_size > 30_000_000  # whole again
    assert isinstance(cached_model(MODEL, CANDIDATES, tmp_path).transitions, memoryview)


def test_without_a_writable_cache_the_model_is_read_as_before(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("a file where the cache folder would go")
    arrays = cached_model(MODEL, CANDIDATES, not_a_folder)
    assert build_identifier(arrays).classify(TEXTS[1])[0] == "ru"
    assert cached_model(MODEL, CANDIDATES, None).classes == arrays.classes


def test_cache_root_follows_systemd_then_xdg(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CACHE_DIRECTORY", "/var/cache/aggregator")
    monkeypatch.setenv("XDG_CACHE_HOME", "/home/u/.cache")
    assert cache_root() == Path("/var/cache/aggregator")
    monkeypatch.delenv("CACHE_DIRECTORY")
    assert cache_root() == Path("/home/u/.cache/aggregator")


def test_another_model_layout_falls_back_to_py3langids_loader(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import aggregator.tagging.language_cache as language_cache
    from aggregator.tagging import language

    def refuse(*_: object) -> object:
        raise ModelLayoutError("the model has no 'nextmove' array")

    monkeypatch.setattr(language_cache, "cached_model", refuse)
    language._identifier.cache_clear()
    try:
        assert language.item_language(None, TEXTS[2]) == "pt"
        identifier = language._identifier()
        assert set(identifier.nb_classes) == set(CANDIDATES)
        assert identifier._full_model is None  # the library's loader, its full table dropped
    finally:
        language._identifier.cache_clear()
