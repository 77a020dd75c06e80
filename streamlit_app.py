"""RNN Gradient Flow Lab: the entry point. `./lab run` starts it."""

import streamlit as st

from visualizer.app import warmup
from visualizer.app.shell import language_picker, translator

warmup.enable_compile_cache()  # before anything compiles
st.set_page_config(page_title="RNN Gradient Flow Lab", layout="wide")
warmup.start()  # once per server: the common views are computed before the first student asks
language_picker()
t = translator()
# The default page is served at "/" (Streamlit gives it the url_path ""), so /home would be "Page
# not found". The same file under url_path "home", hidden from the menu, makes /home?lang=zh open it.
pages = [
    st.Page("pages/home.py", title=t("home.nav"), url_path="", default=True),
    st.Page("pages/tour.py", title=t("tour.nav"), url_path="tour"),
    st.Page("pages/unrolled.py", title=t("unrolled.nav"), url_path="unrolled"),
    st.Page("pages/heatmap.py", title=t("heatmap.nav"), url_path="heatmap"),
    st.Page("pages/regime.py", title=t("regime.nav"), url_path="regime"),
    st.Page("pages/clipping.py", title=t("clipping.nav"), url_path="clipping"),
    st.Page("pages/layers.py", title=t("layers.nav"), url_path="layers"),
    st.Page("pages/authorship.py", title=t("authorship.nav"), url_path="authorship"),
    st.Page("pages/home.py", title=t("home.nav"), url_path="home", visibility="hidden"),
]
st.navigation(pages).run()
