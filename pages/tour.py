"""The chapter tour: the learning goals as a lesson path, each step opening a page on the right preset."""

import streamlit as st

from visualizer.app.shell import language, start_text_page
from visualizer.app.tour import STEPS, label

t = start_text_page()
st.title(t("tour.title"))
st.markdown(t("tour.goals"))
for number, (key, figures, page, query) in enumerate(STEPS, start=1):
    with st.container(border=True):
        st.markdown(f"**{number}. {t(f'tour.{key}.title')}** · {label(key, figures, t)}")
        st.markdown(t(f"tour.{key}.text"))
        st.page_link(page, label=t("tour.open"), icon="▶", query_params={**query, "lang": language()})
