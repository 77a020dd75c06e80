"""The authorship page against hostile names and foreign model files (issue 11, items 7, 9 and 10).

User text (uploaded author folders and file names, document titles, model file names) must never
reach Markdown unescaped: every Markdown body on the page is searched for the hostile strings
unescaped. Saved models trained on another corpus, with lying headers, or linked from outside
models/ get a translated message and leave the page working. AppTest cannot drive
st.file_uploader, so (as in tests/pages/test_bad_input.py) the widget is replaced by one that
returns the given files; tests/browser/test_browser_authorship.py sends names through the real one.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import jax
import numpy as np
import pytest
import streamlit
from streamlit.testing.v1 import AppTest

from core.authorship import corpus as corpora
from core.authorship import io as authorship_io
from core.authorship.config import AuthorshipConfig
from core.authorship.model import TrainedModel, init_model
from core.authorship.windows import Vocabulary
from tests.core.test_corpus import zipped
from tests.pages.test_authorship_page import model_metrics
from tests.pages.test_bad_input import Uploaded, authorship, load, no_traceback, steady_server  # noqa: F401
from visualizer.views.authorship import files as authorship_files

# Markdown that would make a link or an image (outside requests), an autolink, or HTML. "/" cannot be
# part of a file or folder name, so the links use "https:evil.example" (still a link to Markdown).
HOSTILE = [
    "[Log in](https:evil.example)",
    "![](https:evil.example%2Fp.png)",
    "www.evil.example",
    "<img src=x>",
]
PROSE = b"It was the best of times, it was the worst of times, it was the age of wisdom. " * 8
OTHER = b"Call me Ishmael. Some years ago, never mind how long precisely, I went to sea. " * 8
MARKDOWN = ("markdown", "caption", "info", "error", "warning", "success", "title", "subheader", "header")


def shown(markdown: str) -> str:
    """What a Markdown body shows: CommonMark's backslash escapes (and safe_text's joiners) undone."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u2060", "")  # and the word joiners


def bodies(at: AppTest) -> list[str]:
    """Every Markdown body on the page (main area and sidebar): the texts Streamlit renders as Markdown."""
    return [str(e.value) for kind in MARKDOWN for e in at.get(kind)]


def assert_no_live_markdown(at: AppTest) -> None:
    """No hostile construct survives unescaped: no link, image, autolink or tag can start.

    Escaped marks ("\\[", "\\.") are blanked first, so only live Markdown is searched.
    """
    for body in (re.sub(r"\\.", "\0", b) for b in bodies(at)):
        for bad in ("](", "![", "www.evil", "evil.example", "<img", "<a "):
            assert bad not in body, (bad, body)
        assert "{'" not in body, body  # no raw Python dict (issue 11, item 7)


@pytest.fixture()
def uploader(monkeypatch: pytest.MonkeyPatch) -> list[Uploaded]:
    files: list[Uploaded] = []
    monkeypatch.setattr(streamlit, "file_uploader", lambda *args, **kwargs: list(files))
    return files


def hostile_upload() -> list[Uploaded]:
    """Two hostile authors, a hostile unknown title: author__title.txt files."""
    return [
        Uploaded(f"{HOSTILE[0]}__{HOSTILE[2]}.txt", PROSE),
        Uploaded(f"{HOSTILE[3]}__{HOSTILE[1]}.txt", OTHER),
        Uploaded(f"unknown__{HOSTILE[0]}.txt", PROSE + OTHER),
    ]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hostile_author_and_file_names_of_an_upload_are_escaped(uploader, lang):
    at = authorship({"lang": lang, "window": "20"})
    uploader[:] = hostile_upload()
    at.run()
    no_traceback(at)
    assert not at.error, [e.value for e in at.error]
    note = next(shown(i.value) for i in at.info if HOSTILE[0] in shown(i.value))
    assert HOSTILE[3] in note and ("(1)" in note or "（1 篇）" in note)  # readable counts, not a dict
    assert_no_live_markdown(at)
    # The title and the link follow the upload: no Federalist question, no corpus=federalist.
    assert at.title[0].value == (
        "你上传的未知文档是谁写的？" if lang == "zh" else "Who wrote your unknown documents?"
    )
    assert "corpus" not in at.query_params
    assert any("链接" in c.value or "link" in c.value for c in at.sidebar.caption)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hostile_names_in_upload_errors_are_escaped(uploader, lang):
    at = authorship({"lang": lang})
    uploader[:] = [Uploaded(f"{HOSTILE[0]}__{HOSTILE[1]}.txt", b"\x00\x01" * 100)]  # binary
    at.run()
    no_traceback(at)
    assert len(at.error) == 1 and HOSTILE[1] in shown(at.error[0].value)
    assert_no_live_markdown(at)
    folders = {f"{HOSTILE[2]}/a.txt": PROSE, f"{HOSTILE[3]}/b.txt": b"Hi there."}  # too little text
    uploader[:] = [Uploaded("corpus.zip", zipped(folders))]
    at.run()
    no_traceback(at)
    assert len(at.error) == 1 and f"{HOSTILE[3]}/b" in shown(at.error[0].value)
    assert_no_live_markdown(at)


def test_two_authors_may_each_upload_a_chapter1(uploader):
    at = authorship({"window": "20"})
    uploader[:] = [Uploaded("ann__chapter1.txt", PROSE), Uploaded("bob__chapter1.txt", OTHER),
                   Uploaded("unknown__chapter1.txt", PROSE)]  # fmt: skip
    at.run()
    no_traceback(at)
    assert not at.error and any("ann (1), bob (1)" in i.value for i in at.info), [i.value for i in at.info]


# ---------------------------------------------------------------- saved models


def random_model(corpus: corpora.Corpus, name: str, authors: tuple[str, ...] | None = None) -> TrainedModel:
    """Random weights of a small model of `corpus` saved as trained on `name` (nothing is about accuracy)."""
    vocab = Vocabulary.from_texts(d.text for d in corpus.known)
    authors = authors or corpus.authors
    config = AuthorshipConfig(corpus=name, window=20, stride=10, n_hidden=4, steps=2, seed=3)
    params = init_model(jax.random.PRNGKey(3), vocab.size, config.n_embed, 4, len(authors))
    metrics = {"heldout": {"balanced_accuracy": 0.5, "uncalibrated_balanced_accuracy": 0.5},
               "window_accuracy": 0.5, "loss": [0.7], "heldout_curve": []}  # fmt: skip
    params = jax.tree_util.tree_map(np.asarray, params)
    return TrainedModel(config, vocab, authors, params, np.zeros(len(authors)), metrics)


def huge_header(path: Path) -> None:
    """Replace the embedding's .npy header with one claiming 10^12 rows (a few bytes, nothing allocated)."""
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        header, {"descr": "<f4", "fortran_order": False, "shape": (10**12, 16)}
    )
    with zipfile.ZipFile(path) as archive:
        members = {i.filename: archive.read(i) for i in archive.infolist()}
    members["embed.npy"] = header.getvalue() + b"\0" * 16
    with zipfile.ZipFile(path, "w") as archive:
        for member, body in members.items():
            archive.writestr(member, body)


@pytest.fixture(scope="module")
def model_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """models/ with models of three corpora, a hostile name, a huge header and a link leaving the folder."""
    folder = tmp_path_factory.mktemp("models")
    textbook, bronte = corpora.load("textbook"), corpora.load("bronte")
    authorship_io.save(random_model(bronte, "bronte"), folder / "bronte.npz")
    authorship_io.save(random_model(textbook, "upload:1234"), folder / "uploaded.npz")
    # Valid on disk, but its authors are not those of the corpus it names: the tester's KeyError case.
    authorship_io.save(random_model(textbook, "federalist"), folder / "mislabelled.npz")
    authorship_io.save(random_model(textbook, "textbook"), folder / f"{HOSTILE[0]}.npz")
    authorship_io.save(random_model(textbook, "textbook"), folder / "huge.npz")
    huge_header(folder / "huge.npz")
    outside = authorship_io.save(random_model(textbook, "textbook"), folder.parent / "outside" / "x.npz")
    (folder / f"{HOSTILE[3]}.npz").symlink_to(outside)
    return folder


@pytest.fixture()
def models(model_files: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(authorship_files, "MODELS", model_files)
    return model_files


LOAD = {  # model file -> (en, zh) words of the one error
    "uploaded": ("was trained on an uploaded corpus (authors A, B); upload the same files", "上传同样的文件"),
    "mislabelled": (
        "was trained on federalist with the authors A, B, but that corpus has Hamilton, Madison",
        "该语料的作者是 Hamilton, Madison",
    ),
    "huge": ("claims shape (1000000000000, 16) (64,000,000,000,000 bytes)", "声称形状为 (1000000000000, 16)"),
    HOSTILE[3]: ("is a link that leads outside models/; it is not read", "是指向 models/ 之外的链接"),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", list(LOAD))
def test_a_foreign_huge_or_outside_model_is_explained_and_not_loaded(models, name, lang):
    at = authorship({"lang": lang})
    load(at, str(models / f"{name}.npz"))
    no_traceback(at)
    errors = [shown(e.value) for e in at.error]
    assert len(errors) == 1 and LOAD[name][lang == "zh"] in errors[0], errors
    assert not at.dataframe and not model_metrics(at)  # nothing was loaded
    assert_no_live_markdown(at)


def test_a_model_is_shown_with_its_own_corpus_and_a_hostile_name_is_escaped(models):
    at = authorship()  # the page shows the Federalist papers
    load(at, str(models / "bronte.npz"))
    no_traceback(at)
    assert not at.error, [e.value for e in at.error]
    assert at.title[0].value == "Which Brontë sister wrote these chapters?"
    frame = at.dataframe[0].value
    assert set(frame.iloc[:, 0]) == {d.id for d in corpora.load("bronte").unknown}
    assert any("not whole novels" in c.value for c in at.caption)  # the split's limit, said plainly
    load(at, str(models / f"{HOSTILE[0]}.npz"))
    no_traceback(at)
    assert any(f"{HOSTILE[0]}.npz" in shown(i.value) for i in at.info), [i.value for i in at.info]
    assert_no_live_markdown(at)
    assert list(at.dataframe[0].value.iloc[:, 0]) == [d.id for d in corpora.load("textbook").unknown]


def test_a_preset_keeps_the_corpus_the_student_picked():
    at = authorship({"corpus": "bronte", "seed": "5"})
    at.sidebar.button(key="authorship_preset_chapter").click().run()
    no_traceback(at)
    assert at.session_state["authorship_corpus"] == "bronte" and at.session_state["authorship_seed"] == 5
    assert (at.session_state["authorship_window"], at.session_state["authorship_readout"]) == (30, "last")


def test_the_uncalibrated_accuracy_reads_as_a_sentence_not_a_gain(models):
    at = authorship()
    load(at, str(models / "bronte.npz"))
    assert not any(m.proto.delta for m in model_metrics(at))  # no ↑ beside the calibrated number
    assert any(c.value.startswith("Without calibration (raw 0.5 rule)") for c in at.caption)
    at = authorship({"lang": "zh"})
    load(at, str(models / "bronte.npz"))
    assert any(c.value.startswith("不做校准") for c in at.caption)


def test_a_model_of_another_corpus_then_a_new_one_keeps_the_flow_controls_valid(models):
    at = authorship()
    load(at, str(models / f"{HOSTILE[0]}.npz"))
    at.selectbox(key="authorship_flow_doc").set_value("federalist_30").run()
    load(at, str(models / "bronte.npz"))  # federalist_30 is no Brontë chapter
    no_traceback(at)
    assert at.selectbox(key="authorship_flow_doc").value in {d.id for d in corpora.load("bronte").unknown}


def test_an_upload_without_unknown_documents_says_so(uploader, models):
    authorship_io.save(random_model(corpora.load("textbook"), "upload:ab"), models / "ab.npz")
    try:
        at = authorship({"window": "20"})
        uploader[:] = [Uploaded("A__x.txt", PROSE), Uploaded("B__y.txt", OTHER)]
        at.run()
        load(at, str(models / "ab.npz"))  # the upload has the model's authors A and B
        no_traceback(at)
        assert any(i.value.startswith("This corpus has no unknown documents") for i in at.info)
    finally:
        (models / "ab.npz").unlink()
        (models / "ab.json").unlink()
