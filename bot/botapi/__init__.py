"""The in-process Bot API stand-in and simulated users (tests and `arrival-desk chat`)."""
