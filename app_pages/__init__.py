"""The Streamlit pages (run by app.py through st.navigation) and what they share (common.py)."""
