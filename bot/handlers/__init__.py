"""Telegram glue, one module per feature; each exposes `register(app)`."""
