"""The click-everything driver itself: its preset walk covers every ordered pair exactly once."""

import itertools

import pytest

from tests.pages.click_everything import _pair_walk


@pytest.mark.parametrize("n", [0, 1, 2, 3, 5])
def test_the_preset_walk_passes_through_every_ordered_pair_once(n):
    names = [f"p{i}" for i in range(n)]
    walk = _pair_walk(names)
    pairs = list(itertools.pairwise(walk))
    assert sorted(pairs) == sorted(itertools.permutations(names, 2))
    assert set(walk) == set(names)
