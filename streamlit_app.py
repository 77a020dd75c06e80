"""RNN Gradient Flow Lab: the entry point. `./lab run` starts it."""

import streamlit as st

from visualizer.app import warmup
from visualizer.app.shell import language_picker, translator
from visualizer.views import catalog

warmup.enable_compile_cache()  # before anything compiles
st.set_page_config(page_title="RNN Gradient Flow Lab", layout="wide")
warmup.start(
    catalog.warm_tasks
)  # once per server: the common views are computed before the first student asks
language_picker()
tr = translator()
home, *others = catalog.PAGES
# The default page is served at "/" (Streamlit gives it the url_path ""), so /home would be "Page
# not found". The same file under url_path "home", hidden from the menu, makes /home?lang=zh open it.
pages = [
    st.Page(home.path, title=tr(home.title_key), url_path="", default=True),
    *[st.Page(info.path, title=tr(info.title_key), url_path=info.name) for info in others],
    st.Page(home.path, title=tr(home.title_key), url_path=home.name, visibility="hidden"),
]
st.navigation(pages).run()
