"""The authorship page under AppTest: renders, trains a tiny preset live, shows figure 5.35, bad uploads."""

import json
import re
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.authorship.uploads import UploadError
from visualizer.locales.authorship_eval import TEXTS as EVAL_TEXTS
from visualizer.views.authorship import corpora, tables
from visualizer.views.authorship import files as authorship_files

APP = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")
TIMEOUT = 180  # JAX compiles the train step, the scorer and bptt on first use
TINY = {"corpus": "textbook", "window": "20", "H": "4", "steps": "12", "seed": "7"}


def start(query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    return at.switch_page("pages/authorship.py").run()


def train_until_done(at: AppTest, limit: float = TIMEOUT) -> AppTest:
    at.button(key="authorship_train").click().run()
    deadline = time.time() + limit
    while time.time() < deadline:
        if at.dataframe or at.exception:
            return at
        time.sleep(0.5)
        at.run()
    pytest.fail("the tiny preset did not finish training")


# What the page's evidence sections draw whatever the model: kept apart from the model's own numbers.
EVIDENCE_LABELS = {
    text
    for key, texts in EVAL_TEXTS.items()
    if key.startswith("authorship.eval.model.") or key == "authorship.eval.raw"
    for text in texts.values()
}


def model_metrics(at: AppTest) -> list:
    """The metrics of the trained or loaded model (not the stored evaluation's)."""
    return [m for m in at.metric if m.label not in EVIDENCE_LABELS]


def model_charts(at: AppTest) -> list:
    """The model's charts: every Plotly chart but the readouts' reach and the evaluations' error bars."""
    return [c for c in at.get("plotly_chart") if c.key != "authorship_reach" and "eval_chart" not in c.key]


def shown(markdown: str) -> str:
    """What a Markdown body shows: CommonMark's backslash escapes undone (user text is escaped)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u2060", "")  # and the word joiners


def stopped_note(at: AppTest) -> bool:
    return any(w.value.startswith("Stopped at step") for w in at.warning)


def test_stop_ends_the_shared_run_early_and_train_starts_it_afresh():
    at = start({**TINY, "steps": "3000", "seed": "8"})  # far too long to finish during the test
    at.button(key="authorship_train").click().run()
    at.button(key="authorship_stop").click().run()  # the only watcher leaves: the run stops
    deadline = time.time() + TIMEOUT
    while not stopped_note(at) and time.time() < deadline:
        time.sleep(0.5)
        at.run()
    assert stopped_note(at) and not at.exception
    assert at.dataframe  # the weights reached so far still attribute the unknown papers
    at.button(key="authorship_train").click().run()
    assert not stopped_note(at) and not at.dataframe  # a fresh run, not the stopped one again
    at.button(key="authorship_stop").click().run()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_renders_in_both_languages_before_training(lang):
    at = start({"lang": lang})
    assert not at.exception and not at.error
    assert at.title[0].value == ("有争议的《联邦党人文集》是谁写的？" if lang == "zh" else
                                 "Who wrote the disputed Federalist papers?")  # fmt: skip
    assert at.session_state["authorship_window"] == 100 and at.session_state["authorship_readout"] == "mean"


def test_a_preset_sets_window_and_readout():
    at = start()
    at.sidebar.button(key="authorship_preset_chapter").click().run()
    assert (at.session_state["authorship_window"], at.session_state["authorship_readout"]) == (30, "last")
    assert at.query_params["window"] == "30"


def test_training_a_tiny_preset_shows_predictions_for_the_unknown_papers(tmp_path, monkeypatch):
    monkeypatch.setattr(authorship_files, "MODELS", tmp_path)
    at = train_until_done(start(TINY))
    assert not at.exception, at.exception
    frame = at.dataframe[0].value
    assert list(frame.iloc[:, 0]) == [
        "federalist_43",
        "federalist_38",
        "federalist_60",
        "federalist_17",
        "federalist_30",
    ]
    p_a, p_b = frame["P(A)"].to_numpy(), frame["P(B)"].to_numpy()
    assert ((p_a + p_b - 1).__abs__() < 1e-2).all()  # the probabilities of each paper add up to 1
    assert set(frame["predicted"]) <= {"A", "B"}
    charts = model_charts(at)
    assert len(charts) == 5  # curves, probability bars, characters, Ws map, Wx map
    chars = json.loads(charts[2].proto.spec)["data"][0]
    assert len([c for row in chars["text"] for c in row if c]) == 20  # one cell per character of the window
    assert model_metrics(at) and "%" in model_metrics(at)[0].value

    # A models/ folder that cannot be written: a message, nothing half-written, the page goes on.
    (tmp_path / "blocked").write_text("a file where the folder should be")
    monkeypatch.setattr(authorship_files, "MODELS", tmp_path / "blocked" / "models")
    at.button(key="authorship_save").click().run()
    assert any(e.value.startswith("The model was not saved: ") for e in at.error), at.error
    assert not at.exception and at.dataframe[0].value.equals(frame)

    # Saved from the page, then loaded back from the sidebar: the same table.
    monkeypatch.setattr(authorship_files, "MODELS", tmp_path)
    at.button(key="authorship_save").click().run()
    saved = list(tmp_path.glob("*.npz"))
    assert len(saved) == 1 and saved[0].name.startswith("textbook-mean-w20-s7-")
    assert any(saved[0].name in shown(s.value) for s in at.success)
    at.sidebar.selectbox(key="authorship_saved").set_value(str(saved[0]))
    at.sidebar.button(key="authorship_load").click().run()
    assert any("Showing the saved model" in i.value for i in at.info)
    assert "authorship_save" not in [b.key for b in at.button]  # a loaded model is already on disk
    assert at.dataframe[0].value.equals(frame)


@pytest.mark.parametrize(
    ("files", "words"),
    [
        ([("a__x.txt", b"")], "empty"),
        ([("a__x.txt", b"\x00\x01\x02" * 50)], "binary"),
        ([("a__x.txt", "caf\u00e9 ".encode("latin-1") * 40), ("b__y.txt", b"hello there " * 40)], "UTF-8"),
        ([("a__x.txt", b"hello there " * 40), ("a__y.txt", b"general kenobi " * 40)], "two or more"),
    ],
)
def test_a_bad_upload_is_a_clear_message_not_a_traceback(files, words, monkeypatch):
    class Uploaded:
        def __init__(self, name, data):
            self.name, self._data = name, data

        def getvalue(self):
            return self._data

    at = start()
    monkeypatch.setattr(corpora, "_uploaded", corpora._uploaded.__wrapped__)
    # AppTest cannot drive st.file_uploader, so the page's parsing step is called as the page calls it.
    with pytest.raises(UploadError) as info:
        corpora.uploaded_corpus([Uploaded(n, d) for n, d in files], 100)
    message = tables.explain(info.value, "authorship.upload", lambda key, **v: key + ": " + str(v))
    assert info.value.key in message
    assert words in str(info.value)
    assert not at.exception


def test_both_languages_have_the_same_authorship_keys():
    from visualizer.locales.authorship import STRINGS

    assert set(STRINGS["en"]) == set(STRINGS["zh"])
    assert all(key.startswith("authorship.") for key in STRINGS["en"])
