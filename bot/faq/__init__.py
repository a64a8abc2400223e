"""FAQ domain: content model, loading from `faq/`, rendering, search. No Telegram imports."""
