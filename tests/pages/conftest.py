"""Page tests run as a server runs after its first request: Streamlit's old pages/ mode stays off.

AppTest forgets before every run that st.navigation has run, so each run would execute the
page file alone first, and shell.run_through_entrypoint would then rerun it: twice the time
per run, and an in-script `if st.button(...)` click lost in the rerun. A server does this
once, after a start. Keeping the mode off makes a pressed button really pressed, so the
click-everything tests test what a student's click does.
"""

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import app_test as app_test_module


class SteadyPagesManager(PagesManager):
    """A PagesManager that leaves Streamlit's old pages/ mode off, as a server does after its first run."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


@pytest.fixture(autouse=True)
def steady_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_test_module, "PagesManager", SteadyPagesManager)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How many interactions the click-everything sweeps made, per page and in all."""
    from tests.pages.click_everything import TALLY

    if not TALLY:
        return
    per_page: dict[str, int] = {}
    for sweep in TALLY:
        per_page[sweep.page] = per_page.get(sweep.page, 0) + sweep.interactions
    terminalreporter.write_sep("-", "click everything")
    for page, count in sorted(per_page.items()):
        terminalreporter.write_line(f"{page}: {count} interactions")
    terminalreporter.write_line(f"all pages, both languages: {sum(per_page.values())} interactions")
