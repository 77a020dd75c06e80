"""Authorship: a character-level RNN trained live, attributing the disputed Federalist papers (fig. 5.35)."""

import streamlit as st

from core.authorship import PRESETS, AuthorshipConfig
from core.authorship.uploads import UploadError
from visualizer.app import authorship_state as runs
from visualizer.app import controls, url_state
from visualizer.app.shell import json_download, start_page, upload_limit

PAGE = "authorship"
SPECS = {
    "corpus": url_state.ChoiceParam("federalist", ("federalist", "textbook", "bronte")),
    "window": url_state.IntParam(100, 10, 200),
    "readout": url_state.ChoiceParam("mean", ("mean", "last")),
    "H": url_state.IntParam(64, 4, 128),
    "steps": url_state.IntParam(600, 10, 3000, widget="number"),
    "balance": url_state.ChoiceParam("sampling", ("sampling", "weights", "none")),
    "leaky": url_state.BoolParam(False),
    "seed": url_state.IntParam(0, 0, 9999, widget="number"),
}
UI_PRESETS = {
    name: {
        "window": p["window"],
        "readout": p["readout"],
        "H": p["n_hidden"],
        "steps": p["steps"],
        "leaky": False,
    }
    for name, p in PRESETS.items()
}

# A preset sets the model; the corpus (and seed) a student picked stay.
MODEL_SPECS = {name: spec for name, spec in SPECS.items() if name not in ("corpus", "seed")}

t, projected, hidden = start_page(PAGE, SPECS)
if not projected:
    controls.presets(PAGE, UI_PRESETS, t, MODEL_SPECS)
runs.draw_controls(PAGE, SPECS, t, hidden)
value = {name: st.session_state[f"{PAGE}_{name}"] for name in SPECS}

heading = st.empty()  # the title names the corpus, known only once uploads and a loaded model are read
if not projected:
    st.markdown(t("authorship.what"))
    st.latex(r"\hat a(d) = \arg\max_a \Big(\tfrac{1}{N_d}\sum_{w \in d} \log p(a \mid w) + \delta_a\Big)")

files = st.file_uploader(
    t("authorship.upload"), type=["txt", "zip"], accept_multiple_files=True, key=f"{PAGE}_files"
)
upload_limit(t)  # the uploader's own texts are Streamlit's English; the limit, in the page's language
corpus_name, corpus = value["corpus"], None
if files:
    try:
        corpus_name, corpus = runs.uploaded_corpus(files, int(value["window"]))
        counts = runs.counts_text(corpus.counts(), t)
        st.info(t("authorship.using_upload", counts=counts, unknown=len(corpus.unknown)))
    except UploadError as err:
        st.error(runs.explain(err, "authorship.upload", t))
corpus = corpus or runs.builtin_corpus(value["corpus"])
corpus_name = corpus_name if corpus.name == "upload" else value["corpus"]

if not projected:
    runs.show_cleaning(corpus, value["balance"], t)
split_note = st.empty()  # what the split is, once the corpus shown is known

window = int(value["window"])
config = AuthorshipConfig(
    corpus=corpus_name, window=window, stride=max(window // 2, 1), readout=value["readout"],
    n_hidden=int(value["H"]), steps=int(value["steps"]), balance=value["balance"],
    split="random_window" if value["leaky"] else "document", seed=int(value["seed"]),
)  # fmt: skip

saved = runs.saved_models()
with st.sidebar.expander(t("authorship.models")):
    if saved:
        names = {m["path"]: m["name"] for m in saved}
        st.selectbox(t("authorship.models"), list(names), key=f"{PAGE}_saved", format_func=names.get)
        st.button(t("authorship.load"), key=f"{PAGE}_load", on_click=runs.choose_saved, args=(PAGE,))
    else:
        st.caption(t("authorship.no_models"))

left, right = st.columns(2)
# Callbacks run before the next script run, so a click survives the URL rerun that follows it.
left.button(
    t("authorship.train"), key=f"{PAGE}_train", type="primary", on_click=runs.start, args=(config, corpus)
)
right.button(t("authorship.stop"), key=f"{PAGE}_stop", on_click=runs.stop, args=(config,))


@st.fragment(run_every=1.0)
def progress() -> None:
    job = runs.find(config)
    if not job.running:
        st.rerun()  # the whole page, now with the trained model
    curve = job.items()
    step, loss = (curve[-1][0], curve[-1][1]) if curve else (0, float("nan"))
    st.progress(step / config.steps, text=t("authorship.training", step=step, steps=config.steps, loss=loss))
    st.caption(t("authorship.shared"))


model, corpus = runs.show_loaded(PAGE, corpus, t)  # a saved model picked in the sidebar, if any
loaded_path = st.session_state.get(f"{PAGE}__loaded")
kind = runs.corpus_kind(corpus)
heading.title(t("authorship.title" if kind == "federalist" else f"authorship.title.{kind}"))
split_note.caption(t(f"authorship.split.{kind}"))
# An upload cannot travel in a link: the link leaves the corpus out rather than claim the built-in one.
link_specs = {n: s for n, s in SPECS.items() if n != "corpus"} if files and corpus.name == "upload" else SPECS
if model is None and (job := runs.find(config)) is not None:
    if job.error:
        st.error(runs.say(t, "authorship.failed", error=job.error))
    model = None if job.running else job.result
    if job.running:
        progress()
if model is None:
    st.info(t("authorship.not_trained"))
    runs.finish(PAGE, link_specs, t)
    st.stop()

runs.show_metrics(model, t, PAGE)
rows = runs.show_predictions(model, corpus.unknown, t, PAGE)
if not rows:  # an upload without an unknown/ folder: nothing to attribute, nothing to trace
    st.info(t("authorship.no_unknown"))
    runs.finish(PAGE, link_specs, t)
    st.stop()
st.subheader(t("authorship.flow"))
if not projected:
    st.caption(t("authorship.flow_what") + " " + t(f"authorship.flow_note.{model.config.readout}"))
runs.show_flow(model, corpus.unknown, rows, t, PAGE)
json_download(
    t("authorship.download"), {"documents": rows, "heldout": model.metrics["heldout"]}, "authorship.json"
)
if not loaded_path:  # a model trained here can be kept for the next lesson
    st.button(t("authorship.save"), key=f"{PAGE}_save", on_click=runs.save_trained, args=(PAGE, model))
    runs.show_save_note(PAGE, t)
runs.finish(PAGE, link_specs, t)
