"""The bad-input catalogue (docs/ARCHITECTURE.md) through the UI layer (AppTest): every bad input
gets a clear message, never a traceback, and the page goes on working afterwards.

AppTest cannot drive st.file_uploader, so the upload cases replace the widget with one that returns
the given files and let the page do everything else; tests/browser/test_browser_bad_input.py sends
the same files through the real widget.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from pathlib import Path

import jax
import numpy as np
import pytest
import streamlit
from streamlit.testing.v1 import AppTest

from core.authorship import AuthorshipConfig, TrainedModel, init_model
from core.authorship import corpus as corpora
from core.authorship import io as authorship_io
from core.authorship.windows import Vocabulary
from core.experiment import ExperimentConfig
from tests.core.test_corpus import zipped
from tests.pages.conftest import steady_server  # noqa: F401  (re-exported: other modules import it from here)
from tests.pages.test_pages import heatmap_z, plotly_array, start
from tests.pages.test_safe_text import shown
from visualizer.app.downloads import numbers_json
from visualizer.app.i18n import STRINGS
from visualizer.views import clipping as clipping_runs
from visualizer.views.authorship import files as authorship_state
from visualizer.views.heatmap import bptt_maps

URL_NOTE = {"en": "Some link settings were not understood and were reset", "zh": "链接中的部分设置无法识别"}


def no_traceback(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


# ---------------------------------------------------------------- controls: URL parameters


def charts(at: AppTest) -> int:
    return len(at.get("plotly_chart"))


# page -> (out-of-range query, wrong-type query, (widget key, its default), a later good action)
PAGES: dict[str, tuple[dict, dict, tuple[str, object], Callable[[AppTest], object]]] = {
    "heatmap": (
        {"T": "501", "sigma": "6.5", "H": "0"},
        {"T": "1.5", "sigma": "abc", "seed": "[0]"},
        ("heatmap_T", 60),
        lambda at: at.sidebar.selectbox(key="heatmap_loss").set_value("last"),
    ),
    "unrolled": (
        {"T": "13", "k": "0", "layers": "9"},
        {"T": "four", "sigma": "x", "k": "1e3"},
        ("unrolled_T", 4),
        lambda at: at.sidebar.slider(key="unrolled_k").set_value(2),
    ),
    "regime": (
        {"maxT": "10000", "H": "1"},
        {"maxT": "2e2", "H": "sixteen"},
        ("regime_maxT", 200),
        lambda at: at.sidebar.number_input(key="regime_seed").set_value(1),
    ),
    "gates": (
        {"T": "5000", "H": "0", "forget": "9"},
        {"T": "sixty", "scale": "big", "seed": "[1]"},
        ("gates_T", 60),
        lambda at: at.sidebar.slider(key="gates_forget").set_value(2.0),
    ),
    "clipping": (
        {"T": "5000", "sigma": "9", "steps": "-3"},
        {"steps": "many", "sigma": "one", "T": "50.0"},
        ("clipping_T", 40),
        lambda at: at.sidebar.slider(key="clipping_T").set_value(30),
    ),
    "layers": (
        {"units": "0", "T": "100000", "seeds": "99"},
        {"units": "abc", "seq": "maybe", "T": "ten"},
        ("layers_units", 64),
        lambda at: at.sidebar.toggle(key="layers_seq").set_value(True),
    ),
    "authorship": (
        {"window": "5000", "H": "0", "steps": "1000000"},
        {"H": "x", "leaky": "2", "window": "0x10"},
        ("authorship_window", 100),
        lambda at: at.sidebar.selectbox(key="authorship_readout").set_value("last"),
    ),
}


def check_fallback(at: AppTest, query: dict[str, str], key: str, default: object, lang: str = "en") -> None:
    """A note names every bad parameter, the controls hold the defaults, and the URL is clean again."""
    no_traceback(at)
    notes = [w.value for w in at.warning if URL_NOTE[lang] in w.value]
    assert len(notes) == 1, [w.value for w in at.warning]
    assert all(f"{name}=" in notes[0] for name in query)
    if lang == "zh":  # the reasons are translated too, not just the sentence around them
        assert "改用" in notes[0] and not re.search(r"using|outside|not a", notes[0]), notes[0]
    assert at.session_state[key] == default
    name = key.split("_", 1)[1]
    assert at.query_params[name] == str(default)  # a copied link now reopens a good view
    assert at.title, "the page stopped before its title"


def check_still_works(at: AppTest, page: str) -> None:
    """A later control change is taken, with no note left over and no traceback."""
    before = dict(at.query_params)
    PAGES[page][3](at).run()
    no_traceback(at)
    assert not [w.value for w in at.warning if URL_NOTE["en"] in w.value]
    assert dict(at.query_params) != before  # the URL follows the control
    if page in ("heatmap", "unrolled", "regime"):
        assert charts(at) >= 1


@pytest.mark.parametrize("page", list(PAGES))
def test_url_parameters_out_of_range_fall_back_with_a_note(page):
    query, _, (key, default), _ = PAGES[page]
    at = start(query, page=f"pages/{page}.py")
    check_fallback(at, query, key, default)
    check_still_works(at, page)


@pytest.mark.parametrize(("page", "lang"), [(p, "en") for p in PAGES] + [("heatmap", "zh")])
def test_url_parameters_of_the_wrong_type_fall_back_with_a_note(page, lang):
    _, query, (key, default), _ = PAGES[page]
    at = start({**query, "lang": lang}, page=f"pages/{page}.py")
    check_fallback(at, query, key, default, lang)
    if lang == "zh":
        assert at.title[0].value == "梯度能向前传播多远？"
    else:
        check_still_works(at, page)


@pytest.mark.parametrize("query", [{"lang": "fr"}, {"lang": "<script>", "T": "abc", "classroom": "x"}])
def test_the_home_page_ignores_an_unknown_language_and_stray_parameters(query):
    at = start(query, page="pages/home.py")
    no_traceback(at)
    assert at.title[0].value == "RNN Gradient Flow Lab"  # English, the default
    assert len(at.get("page_link")) >= 6  # every card still opens its page
    assert at.session_state["lang"] == "en"


def test_an_unknown_language_in_the_url_is_noted():
    at = start({"lang": "fr"}, page="pages/home.py")  # the first page a session opens shows the note
    assert any("lang='fr'" in w.value for w in at.warning)
    assert at.session_state["lang"] == "en"


# ---------------------------------------------------------------- controls: settings that overflow


def test_heatmap_settings_whose_raw_values_overflow_show_the_exploding_verdict():
    # linear, σ = 3, T = 500: raw terms reach 10^190, far past float32 (JAX's default) and its 10^38.
    query = {"act": "linear", "sigma": "3.0", "T": "500", "H": "16", "scale": "5.0", "loss": "last"}
    at = start(query)
    no_traceback(at)
    assert any(e.value.startswith("Exploding:") for e in at.error)
    z = heatmap_z(at)
    assert z.shape == (250, 250)  # block-max pooled above 250 per side
    finite = z[np.isfinite(z)]
    assert finite.size and finite.max() > 100  # drawn in log10, not clipped, not inf
    config = ExperimentConfig(
        n_steps=500, n_hidden=16, sigma_max=3.0, activation="linear", input_scale=5.0, loss_steps="last"
    )
    download = numbers_json({"settings": query, **bptt_maps(config)})  # the page's JSON download
    json.loads(download, parse_constant=lambda name: pytest.fail(f"{name} in the JSON"))
    at.sidebar.slider(key="heatmap_sigma").set_value(0.5).run()  # back to a calm setting
    no_traceback(at)
    assert any(i.value.startswith("Vanishing") for i in at.info)


def test_unrolled_and_regime_pages_draw_the_largest_exploding_settings():
    at = start({"act": "linear", "sigma": "3.0", "T": "12", "t": "12", "k": "1"}, page="pages/unrolled.py")
    no_traceback(at)
    # The walk's formula (the chapter panel's LaTeX follows it on the page).
    latex = next(e.value for e in at.get("latex") if r"\text{term}" in e.value)
    assert "10^{" in latex and "nan" not in latex and "inf" not in latex
    at = start({"act": "linear", "maxT": "500", "H": "16"}, page="pages/regime.py")
    no_traceback(at)
    z = plotly_array(json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]["z"])
    assert np.nanmax(z) > 200  # σ = 3 over 499 steps: about 499 · log10(3) ≈ 238 decades


def test_clipping_settings_that_diverge_are_reported_and_the_page_goes_on():
    # Adding task, momentum, α = 1, σ = 2: the unclipped run's loss becomes inf within 50 steps.
    query = {"task": "adding", "T": "20", "H": "16", "sigma": "2.0", "opt": "momentum", "lr": "1",
             "theta": "1", "steps": "50", "seed": "1"}  # fmt: skip
    at = start(query, page="pages/clipping.py")
    at.button(key="clipping_train").click().run()
    values = {k: at.session_state[f"clipping_{k}"] for k in ("task", "T", "H", "sigma", "opt", "lr", "theta")}
    config = clipping_runs.config_from({**values, "steps": 50, "seed": 1})
    job = clipping_runs.find(config)
    assert job is not None and job.finished.wait(120), "training did not finish"
    at.run()
    no_traceback(at)
    assert any(e.value.startswith("Diverged at step") for e in at.error), [e.value for e in at.error]
    assert not job.error  # a diverged run is a result, not a crash
    assert charts(at) >= 2  # the training panels and the cliff panel are still drawn


# ---------------------------------------------------------------- uploads


class Uploaded:
    """What st.file_uploader returns: a name and the bytes."""

    def __init__(self, name: str, data: bytes) -> None:
        self.name, self._data = name, data

    def getvalue(self) -> bytes:
        return self._data


PROSE = b"It was the best of times, it was the worst of times, it was the age of wisdom. " * 8
OTHER = b"Call me Ishmael. Some years ago, never mind how long precisely, I went to sea. " * 8
GOOD = [("alice__one.txt", PROSE), ("bob__two.txt", OTHER), ("unknown__three.txt", PROSE + OTHER)]
BOMB = zipped({"alice/a.txt": b"a" * 30_000_000})  # 30 MB of text in about 30 kB
UPLOADS = {
    "empty": ([("alice__one.txt", b"")], "alice__one.txt is empty."),
    "binary": ([("alice__one.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40)], "is not a text file"),
    "non_utf8": (
        [("alice__one.txt", "Café crème, déjà vu. ".encode("latin-1") * 20), GOOD[1]],
        "alice__one.txt is not UTF-8 (byte 3)",
    ),
    "over_the_cap": ([("alice__one.txt", b"word " * 440_000), GOOD[1]], "is too large (2,200,000 bytes"),
    "zip_dotdot": (
        [("corpus.zip", zipped({"../../etc/alice/a.txt": PROSE}))],
        "The zip was refused: it holds an unsafe path",
    ),
    "nested_zip_bomb": (
        [("corpus.zip", zipped({"alice/inner.zip": BOMB, "bob/b.txt": OTHER}))],
        "The zip was refused: it holds another archive, alice/inner.zip;",
    ),
    "zip_bomb": ([("corpus.zip", BOMB)], "is too large"),
    "one_author": ([("alice__one.txt", PROSE), ("alice__two.txt", OTHER)], "attribution needs two or more"),
    "too_little_text": (
        [("alice__one.txt", PROSE), ("bob__two.txt", b"Hi there.")],
        "bob/two has 9 characters after cleaning; one window needs 101",
    ),
}


@pytest.fixture()
def uploader(monkeypatch: pytest.MonkeyPatch) -> list[Uploaded]:
    """The files the page's uploader returns on its next run: change the list between runs."""
    files: list[Uploaded] = []
    monkeypatch.setattr(streamlit, "file_uploader", lambda *args, **kwargs: list(files))
    return files


def authorship(query: dict[str, str] | None = None) -> AppTest:
    return start(query or {}, page="pages/authorship.py")


@pytest.mark.parametrize("case", list(UPLOADS))
def test_a_bad_upload_is_a_clear_message_and_a_good_one_then_works(case, uploader):
    at = authorship()
    files, expected = UPLOADS[case]
    uploader[:] = [Uploaded(name, data) for name, data in files]
    at.run()
    no_traceback(at)
    errors = [shown(e.value) for e in at.error]  # as the reader sees it: escapes resolved
    assert len(errors) == 1 and expected in errors[0], errors
    assert at.button(key="authorship_train")  # the built-in corpus is still there to train on
    uploader[:] = [Uploaded(name, data) for name, data in GOOD]  # the student fixes the upload
    at.run()
    no_traceback(at)
    assert not at.error
    assert any(i.value.startswith("Using the uploaded corpus") for i in at.info)


def test_a_bad_upload_is_explained_in_chinese(uploader):
    at = authorship({"lang": "zh"})
    uploader[:] = [Uploaded("alice__one.txt", b"\x00\x01" * 100)]
    at.run()
    no_traceback(at)
    assert [shown(e.value) for e in at.error] == ["alice__one.txt 不是文本文件（看起来是二进制）。"]


# ---------------------------------------------------------------- load: saved models


def tiny_model() -> TrainedModel:
    """A textbook model of random weights (tiny: nothing here is about accuracy), as fit would save."""
    corpus = corpora.load("textbook")
    vocab = Vocabulary.from_texts(d.text for d in corpus.known)
    config = AuthorshipConfig(corpus="textbook", window=20, stride=10, n_hidden=4, steps=12, seed=7)
    params = init_model(jax.random.PRNGKey(7), vocab.size, config.n_embed, 4, len(corpus.authors))
    params = jax.tree_util.tree_map(np.asarray, params)
    heldout = {"balanced_accuracy": 0.5, "uncalibrated_balanced_accuracy": 0.5}
    metrics = {"heldout": heldout, "window_accuracy": 0.5, "loss": [0.7, 0.69], "heldout_curve": []}
    return TrainedModel(config, vocab, corpus.authors, params, np.zeros(len(corpus.authors)), metrics)


@pytest.fixture()
def models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A models folder with a good model, one truncated on disk and one from another vocabulary."""
    model = tiny_model()
    good = authorship_io.save(model, tmp_path / "good.npz")
    truncated = authorship_io.save(model, tmp_path / "truncated.npz")
    truncated.write_bytes(truncated.read_bytes()[: truncated.stat().st_size // 2])  # the sidecar stays
    # The weights of one vocabulary under another's characters: the embedding no longer fits.
    other = dataclasses.replace(model, vocab=Vocabulary(model.vocab.chars[:-5]))
    vocabulary = authorship_io.save(other, tmp_path / "vocabulary.npz")
    monkeypatch.setattr(authorship_state, "MODELS", tmp_path)
    return {"good": str(good), "truncated": str(truncated), "vocabulary": str(vocabulary)}


def load(at: AppTest, path: str) -> AppTest:
    at.sidebar.selectbox(key="authorship_saved").set_value(path).run()
    return at.sidebar.button(key="authorship_load").click().run()


LOAD_CASES = {
    ("truncated", "en"): "This saved model was not loaded: truncated.npz is corrupt or truncated",
    ("vocabulary", "en"): "the weights come from another vocabulary",
    ("truncated", "zh"): "这个已保存的模型没有加载：truncated.npz 已损坏或被截断；请重新训练模型。",
    ("vocabulary", "zh"): "权重来自另一个词表",
}


def test_every_model_file_error_has_a_message_in_both_languages():
    source = Path(authorship_io.__file__).read_text(encoding="utf-8")
    keys = set(re.findall(r'key="(\w+)"', source))
    assert {"missing", "corrupt", "not_model", "vocabulary", "shape"} <= keys
    for lang in ("en", "zh"):
        assert all(f"authorship.model_error.{key}" in STRINGS[lang] for key in keys), lang


@pytest.mark.parametrize(("bad", "lang"), list(LOAD_CASES))
def test_a_corrupt_or_foreign_model_file_is_reported_and_not_loaded(bad, lang, models):
    at = authorship({"lang": lang})
    assert set(at.sidebar.selectbox(key="authorship_saved").options) >= {"good", "truncated", "vocabulary"}
    metrics_before = [m.label for m in at.metric]  # the evidence section's, shown with no model
    load(at, models[bad])
    no_traceback(at)
    errors = [shown(e.value) for e in at.error]  # as the reader sees it: escapes resolved
    assert len(errors) == 1 and LOAD_CASES[bad, lang] in errors[0], errors
    # nothing was loaded: no metric beyond those the page showed before, and no prediction table
    assert [m.label for m in at.metric] == metrics_before and not at.dataframe
    if lang == "zh":
        return
    assert any(shown(i.value).startswith("Press Train") for i in at.info)
    load(at, models["good"])  # the session goes on: a good model still loads
    no_traceback(at)
    assert not at.error
    assert any(shown(i.value) == "Showing the saved model good.npz." for i in at.info)
    assert at.metric and at.dataframe
