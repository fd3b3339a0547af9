"""factcheck: extract the figures in a news article and check them against sourced references."""
