"""Shared test setup: the project root on sys.path, so `core` and `visualizer` import.

The app's start-up warm-up is switched off: tests (and the servers they start)
compute exactly what they ask for, and nothing runs beside them in the background.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("LAB_WARMUP", "0")
