"""The regime map page: its colour says what the numbers say, its σ axis spans both sides of 1/γ."""

import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from core.spectra import regime_map
from tests.pages.click_everything import sweep
from tests.pages.test_pages import plotly_array, start

PAGE = "pages/regime.py"
SMALL = {"maxT": "60", "H": "8"}


def regime_spec(at: AppTest) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_colour_is_diverging_around_one_clipped_at_ten_decades_and_translated(lang):
    at = start({"lang": lang, **SMALL}, page=PAGE)
    colour, cells = regime_spec(at)["data"]
    assert (colour["zmin"], colour["zmid"], colour["zmax"]) == (-10, 0, 10)
    assert colour["colorbar"]["title"]["text"] == ("比值" if lang == "zh" else "ratio")
    ticks = colour["colorbar"]["ticktext"]
    assert ticks[0].startswith("≤") and ticks[-1].startswith("≥")
    assert any("10^±10" in c.value for c in at.caption)  # the page says the colour is clipped
    # Hover shows the true value: the cell at σ = 3, T = 60 against core.spectra directly.
    x, y = plotly_array(cells["x"]), plotly_array(cells["y"])
    i = int(np.flatnonzero((x == 3.0) & (y == 60))[0])
    truth = regime_map([3.0], [60], n_hidden=8, activation="tanh", seed=0)[0, 0]
    assert cells["customdata"][i] == f"10^{truth:.1f}"


def test_explosion_and_saturation_no_longer_share_a_colour():
    at = start({"act": "tanh", "H": "16", "maxT": "200"}, page=PAGE)
    colour = regime_spec(at)["data"][0]
    z = plotly_array(colour["z"])
    gains, lengths = plotly_array(colour["x"]), plotly_array(colour["y"])
    col = lambda g: int(np.argmin(np.abs(gains - g)))  # noqa: E731
    # Where each cell sits on the colour scale, 0 (deep blue) to 1 (deep red), 0.5 white.
    lo, hi = colour["zmin"], colour["zmax"]
    place = lambda v: (np.clip(v, lo, hi) - lo) / (hi - lo)  # noqa: E731
    exploding, saturated = z[-1, col(2.95)], z[-1, col(1.35)]
    assert exploding > 5 and saturated < -10 and lengths[-1] == 200
    assert place(exploding) > 0.75 and place(saturated) == 0.0


def test_the_sigmoid_map_reaches_past_its_one_over_gamma():
    at = start({"act": "sigmoid", **SMALL}, page=PAGE)
    colour, _ = regime_spec(at)["data"]
    gains = plotly_array(colour["x"])
    assert gains.max() == 6.0 and (gains > 4).sum() >= 10  # the right of 1/γ = 4 is on the map
    assert np.isfinite(plotly_array(colour["z"])).all()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_control_of_the_regime_page_works_on_its_own(lang):
    result = sweep(PAGE, lang, query=SMALL)
    result.assert_clean()
    assert result.interactions >= 1 + 4 + 2 + 2 + 2 + 2, result.interactions  # act, H, maxT, seed, language
