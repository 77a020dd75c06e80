"""Every page of the app in menu order, and the warm-up built from their defaults and presets.

The entry point, the home cards, the tour and the warm-up all read this one list.
`python -m visualizer.views.catalog` fills the compilation cache ahead of time (before class,
or in a Docker build) and says what each view cost.
"""

from __future__ import annotations

from collections.abc import Callable

from visualizer.app import warmup
from visualizer.app.registry import PageInfo
from visualizer.views import authorship, clipping, gates, heatmap, home, layers, regime, tour, unrolled

PAGES: tuple[PageInfo, ...] = (
    home.PAGE,
    tour.PAGE,
    unrolled.PAGE,
    heatmap.PAGE,
    regime.PAGE,
    gates.PAGE,
    clipping.PAGE,
    layers.PAGE,
    authorship.PAGE,
)


def warm_tasks() -> list[tuple[str, Callable[[], object]]]:
    """What the warm-up computes, most wanted first: every page's defaults, then the presets it names."""
    tasks = [
        (f"{info.name} default", lambda info=info: info.warm(info.defaults())) for info in PAGES if info.warm
    ]
    for info in PAGES:
        for preset in info.warm_presets:
            tasks.append((f"{info.name} {preset}", lambda info=info, p=preset: info.warm(info.preset(p))))
    return tasks


if __name__ == "__main__":
    warmup.enable_compile_cache()
    for name, seconds in warmup.warm_now(warm_tasks()):
        print(f"{name:40s}{seconds:8.2f} s")
