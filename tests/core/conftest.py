"""Core tests compare numbers in float64, unless a test is marked float32."""

import jax
import pytest


@pytest.fixture(autouse=True)
def _float64(request):
    if request.node.get_closest_marker("float32"):
        yield
        return
    with jax.enable_x64(True):
        yield
