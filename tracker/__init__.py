"""tracker: follow claims in the news from rumor to confirmation."""

__version__ = "0.1.0"
