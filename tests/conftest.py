"""Shared test setup: the project root on sys.path, so `core` and `visualizer` import.

Property tests draw the same examples on every run (derandomised), so CI cannot fail
on a draw no local run has seen; `HYPOTHESIS_PROFILE=explore` draws fresh ones, which
is worth a few runs after changing the core.

Plotly's layout checks are switched on (the app runs without them, for speed).
The app's start-up warm-up is switched off: tests (and the servers they start)
compute exactly what they ask for, and nothing runs beside them in the background.
"""

import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("LAB_WARMUP", "0")
# Every figure the tests build (and the browser tests' servers draw) has its layout checked by
# Plotly; the app skips those checks (visualizer.figures.style.figure).
os.environ.setdefault("LAB_PLOTLY_VALIDATE", "1")

settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


# The click-everything tally: how many interactions the sweeps made, per page. Under
# pytest-xdist the sweeps run in the workers, which hand their counts to the controller
# (`workeroutput`), and the controller prints the sum.
WORKER_TALLIES: list[tuple[str, int]] = []


def sweep_counts() -> list[tuple[str, int]]:
    from tests.pages.click_everything import TALLY

    return [(sweep.page, sweep.interactions) for sweep in TALLY]


def pytest_sessionfinish(session: pytest.Session) -> None:
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # an xdist worker
        workeroutput["click_tally"] = sweep_counts()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: object, error: object) -> None:
    WORKER_TALLIES.extend(tuple(pair) for pair in node.workeroutput.get("click_tally", []))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    counts = WORKER_TALLIES or sweep_counts()
    if not counts:
        return
    per_page: dict[str, int] = {}
    for page, interactions in counts:
        per_page[page] = per_page.get(page, 0) + interactions
    terminalreporter.write_sep("-", "click everything")
    for page, count in sorted(per_page.items()):
        terminalreporter.write_line(f"{page}: {count} interactions")
    terminalreporter.write_line(f"all pages, both languages: {sum(per_page.values())} interactions")
