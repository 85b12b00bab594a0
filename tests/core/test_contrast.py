"""Text colours on rating fills must stay readable: the contrast ratio and the bundled bands."""

from __future__ import annotations

import pytest

from selfassess.presentation import MIN_TEXT_CONTRAST, contrast_ratio


def test_contrast_ratio_matches_known_pairs():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("#FFFFFF", "#D5281B") == contrast_ratio("#D5281B", "#FFFFFF")


def test_white_on_nhs_amber_fails_and_dark_text_passes():
    assert contrast_ratio("#FFFFFF", "#FFB81C") < MIN_TEXT_CONTRAST
    assert contrast_ratio("#212B32", "#FFB81C") >= MIN_TEXT_CONTRAST


def test_every_bundled_band_is_readable(bundled):
    for band in bundled.bands:
        assert contrast_ratio(band.text_colour, band.colour) >= MIN_TEXT_CONTRAST, band.id
