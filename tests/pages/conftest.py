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
