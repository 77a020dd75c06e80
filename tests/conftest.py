"""Shared test setup: the project root on sys.path, so `core` and `visualizer` import.

Property tests draw the same examples on every run (derandomised), so CI cannot fail
on a draw no local run has seen; `HYPOTHESIS_PROFILE=explore` draws fresh ones, which
is worth a few runs after changing the core.

The app's start-up warm-up is switched off: tests (and the servers they start)
compute exactly what they ask for, and nothing runs beside them in the background.
"""

import os
import sys
from pathlib import Path

from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("LAB_WARMUP", "0")

settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))
