"""Resolve what an article names (countries, and the like) to the ids reference tables use."""
