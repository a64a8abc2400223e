"""The booking desk: every booking operation as one unit of work (one transaction, one commit).

It takes `now` from the application clock and returns what happened; the Telegram layer decides
what to send. The database enforces capacity (see `storage.repos.slots.took`) and a
booking changes under a row lock (see `DeskBase._locked`). Split by job:
- `slots.py`: the schedule, free times, coordinators' slots;
- `migrant.py`: book, cancel, move;
- `waitlist.py`: waiting lists and held places;
- `staff.py`: confirm / decline, attendance, the agenda;
- `rules.py`: the pure rules (cutoff, reminder times, offer expiry).
"""

from __future__ import annotations

from bot.booking.migrant import MigrantDesk
from bot.booking.outcome import AgendaItem, Outcome, Status
from bot.booking.rules import DeskRules
from bot.booking.staff import StaffDesk

__all__ = ["AgendaItem", "BookingDesk", "DeskRules", "Outcome", "Status"]


class BookingDesk(MigrantDesk, StaffDesk):
    """All booking operations behind one object (what `Services.desk` holds)."""
