"""Near-duplicate releases, the pure comparison: words, band keys, same release or not."""

from __future__ import annotations

from aggregator.normalize.similarity import band_keys, compare, profile, same_release, words_of
from tests.support.items import CROSS_POST, OTHER_CASE, RELEASE


def test_words_are_folded_and_short_texts_get_no_band_keys() -> None:
    assert words_of("Fiscalía ANTICORRUPCIÓN, São Paulo") == [
        "fiscalia",
        "anticorrupcion",
        "sao",
        "paulo",
    ]
    assert band_keys("Statement by the European Chief Prosecutor") == ()
    assert len(band_keys(RELEASE)) == 20


def test_the_same_lead_shares_band_keys_and_an_unrelated_text_does_not() -> None:
    lead_only = " ".join(RELEASE.split()[:45])
    assert set(band_keys(RELEASE)) & set(band_keys(lead_only))
    assert set(band_keys(RELEASE)) & set(band_keys(CROSS_POST))
    unrelated = (
        "A former teacher who sexually abused three pupils at a school in Kent over a period "
        "of six years has been jailed for 14 years. The victims came forward as adults."
    )
    assert not set(band_keys(RELEASE)) & set(band_keys(unrelated))


def test_cross_post_is_one_release_and_a_template_case_is_not() -> None:
    release, cross, other = profile(RELEASE), profile(CROSS_POST), profile(OTHER_CASE)
    score = same_release(release, cross, threshold=0.65, min_words=25)
    assert score is not None and score > 0.8
    # The template case shares most phrases but not its figures.
    assert compare(release, other).similarity > 0.65
    assert not compare(release, other).numbers_agree
    assert same_release(release, other, threshold=0.65, min_words=25) is None
    # A lead-only copy is contained in the whole release.
    lead = profile(" ".join(RELEASE.split()[:45]))
    assert same_release(release, lead, threshold=0.65, min_words=25) == 1.0
    # Short texts never merge on text alone, however alike.
    notice = profile("A new Red Notice has been published for a fugitive wanted for fraud.")
    assert same_release(notice, notice, threshold=0.65, min_words=25) is None
    assert same_release(release, cross, threshold=0.95, min_words=25) is None
