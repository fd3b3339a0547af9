"""factcheck in the browser: the pages and their order (layout only; the pages live in app_pages/)."""

import streamlit as st

from app_pages.common import engine, store_summary
from factcheck.errors import FactcheckError

st.set_page_config(page_title="factcheck", page_icon="✓", layout="wide")

try:
    engine()
except FactcheckError as err:  # no store, a typo in FACTCHECK_DB, a server that is down
    st.error(f"The reference store cannot be opened: {err}", icon=":material/database:")
    st.stop()

st.session_state.setdefault("checker", "")
with st.sidebar:
    st.text_input("Your name", key="checker", help="Written beside every check and review you save.")
    st.caption(store_summary())

page = st.navigation(
    [
        st.Page("app_pages/check.py", title="Check", icon=":material/fact_check:", default=True),
        st.Page("app_pages/reference.py", title="Reference", icon=":material/menu_book:", url_path="reference"),
        st.Page("app_pages/checks.py", title="Checks", icon=":material/history:", url_path="checks"),
    ]
)
page.run()
