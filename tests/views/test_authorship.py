"""The authorship view's decisions without Streamlit's runner: settings, presets, links, texts, tables."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from core.authorship.config import PRESETS
from core.authorship.uploads import UploadError
from visualizer.views.authorship import PAGE, corpora, files, runs, scores, settings, tables
from visualizer.views.authorship.settings import AuthorshipSettings


def tr(key: str, **values: object) -> str:
    """A translator that shows the key and its values, in a fixed order."""
    return key + "".join(f"|{k}={v}" for k, v in sorted(values.items()))


def test_the_defaults_are_the_tour_link_and_train_the_federalist_papers():
    defaults = PAGE.defaults()
    assert (defaults.corpus, defaults.window, defaults.readout) == ("federalist", 100, "mean")
    config = defaults.config()
    assert (config.corpus, config.window, config.stride, config.n_hidden, config.steps) == (
        "federalist", 100, 50, 64, 600,
    )  # fmt: skip
    assert (config.split, config.balance, config.seed) == ("document", "sampling", 0)
    assert PAGE.link(corpus="federalist", window=100, readout="mean") == {
        "corpus": "federalist", "window": "100", "readout": "mean",
    }  # fmt: skip


def test_settings_from_values_are_typed_and_map_onto_the_core_config():
    chosen = AuthorshipSettings.from_values({"window": 11.0, "leaky": 1, "H": "8", "seed": 3})
    assert chosen.window == 11 and chosen.leaky is True and chosen.H == 8
    config = chosen.config("upload:abcd")
    assert (config.corpus, config.stride, config.split, config.n_hidden, config.seed) == (
        "upload:abcd", 5, "random_window", 8, 3,
    )  # fmt: skip
    assert AuthorshipSettings.from_values({"window": 10}).config().stride == 5


def test_presets_set_the_model_from_the_core_and_keep_corpus_and_seed():
    assert set(PAGE.presets) == set(PRESETS)
    for name, p in PRESETS.items():
        shown = PAGE.presets[name]
        assert shown == {"window": p["window"], "readout": p["readout"], "H": p["n_hidden"],
                         "steps": p["steps"], "leaky": False}  # fmt: skip
    assert set(settings.MODEL_SPECS) == set(AuthorshipSettings.specs()) - {"corpus", "seed"}
    assert PAGE.warm is None  # the old warm-up did nothing for this page


def test_the_page_keys_keep_their_strings():
    assert (settings.LOADED, settings.SAVE_NOTE, settings.SESSION_ID) == (
        "authorship__loaded", "authorship__save_note", "authorship__sid",
    )  # fmt: skip
    assert (
        settings.key("train") == "authorship_train"
        and AuthorshipSettings.key("window") == "authorship_window"
    )


def test_a_link_leaves_the_corpus_out_only_while_an_upload_is_shown():
    assert settings.left_out_of_link(False) == frozenset()  # every control travels in the link
    assert settings.left_out_of_link(True) == {"corpus"}  # only the corpus stays out


def test_say_escapes_text_but_keeps_numbers():
    assert tables.say(tr, "k", name="[x](y)", n=3) == r"k|n=3|name=\[x\]\(y\)"


def test_explain_falls_back_to_the_english_message_when_the_string_cannot_be_filled():
    err = UploadError("a*b is empty", key="empty", name="a*b")
    assert tables.explain(err, "authorship.upload", tr) == r"authorship.upload.empty|name=a\*b"

    def missing(key: str, **values: object) -> str:
        raise KeyError(key)

    assert tables.explain(err, "authorship.upload", missing) == r"a\*b is empty"


def test_counts_and_titles():
    assert tables.counts_text({"A": 2, "B": 1}, tr) == (
        "authorship.count_sep".join(
            ["authorship.count_item|author=A|n=2", "authorship.count_item|author=B|n=1"]
        )
    )
    assert tables.title_key("federalist") == "authorship.title"
    assert tables.title_key("upload") == "authorship.title.upload"
    assert tables.percent(0.8333) == "83%"


ROWS = [
    {"id": "d1", "true_author": "A", "reference": "", "predicted": "A", "window_vote": 0.61234,
     "confidence": 0.9, "probabilities": {"A": 0.7004, "B": 0.2996}},
    {"id": "d2", "true_author": "", "reference": "", "predicted": "B", "window_vote": 0.2,
     "confidence": 0.55, "probabilities": {"A": 0.4, "B": 0.6}},
]  # fmt: skip


def test_the_table_shows_truth_only_when_known_and_rounds():
    shown = tables.table(ROWS, ("A", "B"), tr)
    assert list(shown[0]) == ["authorship.col.document", "authorship.col.truth", "authorship.col.predicted",
                              "P(A)", "P(B)", "authorship.col.vote", "authorship.col.confidence"]  # fmt: skip
    assert (
        shown[1]["authorship.col.truth"] == "?"
        and shown[0]["P(A)"] == 0.7
        and shown[0]["authorship.col.vote"] == 0.612
    )
    assert tables.agreement(ROWS, "true_author") == (1, 1) and tables.agreement(ROWS, "reference") == (0, 0)
    assert tables.probabilities(ROWS, ("B", "A")) == [[0.2996, 0.7004], [0.6, 0.4]]


def test_heldout_points_skip_steps_without_an_evaluation():
    assert tables.heldout_points({"heldout_curve": [None, 0.5, None, 0.75]}) == ([2, 4], [0.5, 0.75])
    assert tables.heldout_points({}) == ([], [])


def test_model_file_names_say_what_was_trained_and_differ_per_config():
    a = PAGE.defaults().config()
    b = AuthorshipSettings.from_values({"seed": 1}).config("upload:ab/../x")
    assert files.model_file_name(a).startswith("federalist-mean-w100-s0-")
    assert files.model_file_name(b).startswith("upload-ab-x-mean-w100-s1-")
    assert files.model_file_name(a) != files.model_file_name(
        AuthorshipSettings.from_values({"H": 8}).config()
    )


def test_the_twin_is_the_other_split_and_the_last_point_starts_at_zero():
    config = PAGE.defaults().config()
    assert runs.twin(config).split == "random_window" and runs.twin(runs.twin(config)) == config
    step, loss = runs.last_point([])
    assert step == 0 and loss != loss  # nan
    assert runs.last_point([(1, 0.9, 0.5), (2, 0.8, float("nan"))]) == (2, 0.8)


def test_flow_controls_are_kept_only_while_valid():
    assert scores.n_windows(250, 100) == 2 and scores.n_windows(50, 100) == 1
    assert scores.slider_top(1) == 2 and scores.slider_top(7) == 7
    assert not scores.window_out_of_range(2, 1) and scores.window_out_of_range(3, 1)
    assert scores.kept_document("d2", ["d1", "d2"]) == "d2" and scores.kept_document("x", ["d1"]) is None


def uploaded(name: str, data: bytes) -> SimpleNamespace:
    """What st.file_uploader hands back, as far as the page reads it: a name and the bytes."""
    return SimpleNamespace(name=name, getvalue=lambda: data)


TEXTS = (b"The quick brown fox jumps over the lazy dog, again and again. " * 10, b"A b c d e f g. " * 40)


def test_the_chosen_corpus_is_the_upload_when_it_parses_else_the_built_in_one(monkeypatch):
    monkeypatch.setattr(corpora, "builtin_corpus", lambda name: SimpleNamespace(name=name))
    monkeypatch.setattr(corpora, "_uploaded", corpora._uploaded.__wrapped__)
    textbook = AuthorshipSettings.from_values({"corpus": "textbook", "window": 20})
    assert corpora.chosen(None, textbook) == ("textbook", SimpleNamespace(name="textbook"), None)
    good = corpora.chosen([uploaded("a__x.txt", TEXTS[0]), uploaded("b__y.txt", TEXTS[1])], textbook)
    assert good.name.startswith("upload:") and good.corpus.name == "upload" and good.error is None
    assert corpora.corpus_kind(good.corpus) == "upload"
    bad = corpora.chosen([uploaded("a__x.txt", b"")], textbook)
    assert bad.name == "textbook" and isinstance(bad.error, UploadError) and bad.error.key == "empty"


def test_a_loaded_model_is_shown_only_with_its_own_corpus(monkeypatch):
    own = SimpleNamespace(name="textbook", authors=("A", "B"))
    monkeypatch.setattr(corpora, "builtin_corpus", lambda name: own)
    model = SimpleNamespace(config=SimpleNamespace(corpus="textbook"), authors=("A", "B"))
    assert corpora.corpus_for(model, SimpleNamespace(name="federalist"), tr, "m.npz") == (own, None)
    lying = SimpleNamespace(config=SimpleNamespace(corpus="textbook"), authors=("X", "Y"))
    corpus, why = corpora.corpus_for(lying, own, tr, "m.npz")
    assert corpus is None and why.startswith("authorship.model_error.authors")
    upload = SimpleNamespace(name="upload", authors=("X", "Y"))
    other = SimpleNamespace(config=SimpleNamespace(corpus="upload:1"), authors=("X", "Y"))
    assert corpora.corpus_for(other, upload, tr, "m.npz") == (upload, None)
    corpus, why = corpora.corpus_for(other, own, tr, "m.npz")
    assert corpus is None and why.startswith("authorship.model_error.no_corpus")


@pytest.mark.parametrize("name", ["list_saved", "load_model"])
def test_model_files_read_the_folder_when_called(name, tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MODELS", tmp_path)
    if name == "list_saved":
        assert files.list_saved() == []
    else:
        model, why = files.load_model(str(tmp_path / "gone.npz"), tr)
        assert model is None and why


def test_train_trains_what_the_controls_hold_at_the_click(monkeypatch):
    """The button binds only the uploads: a preset's rerun cannot leave it the previous settings."""
    at_click = AuthorshipSettings.from_values({"corpus": "textbook", "window": 30, "readout": "last"})
    started = []
    monkeypatch.setattr(AuthorshipSettings, "from_session", classmethod(lambda cls: at_click))
    monkeypatch.setattr(runs, "chosen", lambda uploads, s: corpora.Chosen(s.corpus, "corpus", None))
    monkeypatch.setattr(runs, "start", lambda config, corpus: started.append((config, corpus)))
    runs.start_as_set(None)
    assert started == [(at_click.config("textbook"), "corpus")]
