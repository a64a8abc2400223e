"""Arrival Desk: a multilingual Telegram front desk for migrant workers."""

import sys

# httpx (python-telegram-bot's HTTP client) imports its own command-line client whenever click,
# pygments and rich are installed, and rich is (the report tables): ~60 ms of every start and
# ~6 MB kept for good, never used. A None entry makes that one import fail, and httpx then
# defines its stub `main` instead (its own fallback for a missing extra); rich stays usable.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
