"""The kinds of outbox rows: who a row goes to, what `ref_id` points at, what it says.

Each kind has one renderer, registered by the feature that owns it (see `docs/design.md`).
"""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    REMINDER = "reminder"  # to a person; ref: booking. Before the appointment.
    OFFER_EXPIRY = "offer_expiry"  # sends nothing; ref: booking. A held place lapses.
    OFFER = "offer"  # to a person; ref: the booking holding a place for them.
    BOOKING_NOTICE = "booking_notice"  # to the coordinator chat; ref: booking; payload: event.
    DECISION = "decision"  # to a person; ref: booking. Confirmed or declined by the centre.
    SLOT_CANCELLED = "slot_cancelled"  # to a person; ref: booking on a slot the centre cancelled.
    WAITLIST_CANCELLED = "waitlist_cancelled"  # to a person; ref: waiting-list row of such a slot.
    AGENDA = "agenda"  # to the coordinator chat; payload: the day. The morning agenda.
    QUESTION = "question"  # to the coordinator chat; from user_id; payload: the question, thread.
    ANSWER = "answer"  # to a person; ref: relay; payload: the centre's answer.
    SURVEY = "survey"  # to a person; ref: booking. How satisfied were they (once per booking).
    CONTENT_ALERT = "content_alert"  # to the coordinator chat; payload: the checker's findings.
    REVIEW_LIST = "review_list"  # to the coordinator chat: FAQ topics overdue for review.
    REPORT = "report"  # to the coordinator chat; payload: the period. The monthly report.
    DEADLINE = "deadline"  # to a person; ref: deadline; payload: offsets. A deadline reminder.
    COURSE_NUDGE = "course_nudge"  # to a person; ref: course booking. Two absences in a row.
    ANNOUNCEMENT = "announcement"  # to a person; ref: announcement. Once per person.
    ANNOUNCEMENT_SUMMARY = "announcement_summary"  # to the coordinator; ref: announcement.
