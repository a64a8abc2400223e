"""The one import path for the tables (defined by area in `storage/tables/`) and the enums of
their statuses and event kinds. Times are stored in UTC; the centre's time zone is applied only
for display. Importing this module registers every table on `SQLModel.metadata`."""

from __future__ import annotations

from enum import StrEnum

from storage.tables.booking import Attendance, Booking, CourseSession, Slot, Waiting
from storage.tables.columns import UTCDateTime, utc_column, utcnow
from storage.tables.delivery import (
    Announcement,
    AnnouncementRecipient,
    DailySend,
    HandledUpdate,
    Outbox,
)
from storage.tables.people import (
    Deadline,
    Event,
    Relay,
    SearchGap,
    Subscription,
    SurveyAnswer,
    User,
)


class BookingStatus(StrEnum):
    PENDING = "pending"  # made, waiting for the centre to confirm
    CONFIRMED = "confirmed"
    OFFERED = "offered"  # a waiting-list place held for the person for a limited time
    DECLINED = "declined"  # by the centre
    CANCELLED = "cancelled"  # by the person, or with its slot by the centre
    EXPIRED = "expired"  # a held place not taken in time, or declined


class SlotStatus(StrEnum):
    OPEN = "open"
    CANCELLED = "cancelled"  # by a coordinator (the people booked are told)
    WITHDRAWN = "withdrawn"  # free, and no longer in the services file


class WaitingStatus(StrEnum):
    WAITING = "waiting"
    OFFERED = "offered"
    DONE = "done"  # took the offered place
    LEFT = "left"  # let it go, or was not reachable
    CANCELLED = "cancelled"  # the centre cancelled the slot (the person was told)


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    NO_SHOW = "no_show"


class Region(StrEnum):
    """Regions of origin as the pilot reports count them (self-reported, optional)."""

    ASIA = "asia"
    AFRICA = "africa"
    BALKANS = "balkans"
    OTHER_EUROPE = "other_europe"
    SOUTH_AMERICA = "south_america"
    OTHER = "other"


class EventKind(StrEnum):
    """What the events table records (documented with their fields in docs/events.md)."""

    START = "start"
    GREETING = "greeting"
    HELP = "help"
    OTHER = "other"
    LANGUAGE_SET = "language_set"
    FAQ_VIEW = "faq_view"
    SEARCH = "search"
    SEARCH_MISS = "search_miss"
    CONSULTATION_CONTACT = "consultation_contact"
    BOOKED = "booked"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    MOVED = "moved"
    WAITLIST_JOINED = "waitlist_joined"
    WAITLIST_OFFERED = "waitlist_offered"
    OFFER_DECLINED = "offer_declined"
    OFFER_EXPIRED = "offer_expired"
    ATTENDED = "attended"
    NO_SHOW = "no_show"
    REMINDER_SENT = "reminder_sent"
    SURVEY_SENT = "survey_sent"
    SURVEY_ANSWERED = "survey_answered"
    CONSENT_GIVEN = "consent_given"
    CONSENT_REFUSED = "consent_refused"
    FORGOTTEN = "forgotten"
    DEADLINE_ADDED = "deadline_added"
    DEADLINE_REMINDER_SENT = "deadline_reminder_sent"
    DEADLINE_DELETED = "deadline_deleted"
    NUDGE_SENT = "nudge_sent"  # course follow-up after two absences in a row
    NUDGE_COME = "nudge_come"
    NUDGE_STOP = "nudge_stop"
    ANNOUNCEMENT_DELIVERED = "announcement_delivered"
    ANNOUNCEMENT_REGISTERED = "announcement_registered"
    UNSUBSCRIBED = "unsubscribed"


ACTIVE_BOOKING = (BookingStatus.PENDING, BookingStatus.CONFIRMED, BookingStatus.OFFERED)
HOLDING_BOOKING = (BookingStatus.PENDING, BookingStatus.CONFIRMED)  # not a mere offer

__all__ = [
    "ACTIVE_BOOKING",
    "HOLDING_BOOKING",
    "Announcement",
    "AnnouncementRecipient",
    "Attendance",
    "AttendanceStatus",
    "Booking",
    "BookingStatus",
    "CourseSession",
    "DailySend",
    "Deadline",
    "Event",
    "EventKind",
    "HandledUpdate",
    "Outbox",
    "Region",
    "Relay",
    "SearchGap",
    "Slot",
    "SlotStatus",
    "Subscription",
    "SurveyAnswer",
    "UTCDateTime",
    "User",
    "Waiting",
    "WaitingStatus",
    "utc_column",
    "utcnow",
]
