# The coordinators' shared working view (/pending), who handled what, declining with a reason,
# closing and cancelling slots, attendance buttons, and /help for coordinators.
# Posted to the coordinator chat in COORDINATOR_LANGUAGE; in a coordinator's private chat in
# that coordinator's own language.

## /pending: bookings waiting for a decision

# Variables:
#   $count (Number) - bookings waiting for confirmation
co-pending-title =
    ⏳ <b>Waiting for confirmation:</b> { $count ->
        [0] nothing, every booking is decided.
        [one] one booking.
       *[other] { $count } bookings.
    }
# Variables:
#   $booking (Number) - the booking number
#   $when (String) - date and time of the meeting
#   $service (String) - the service
#   $slot (Number) - the slot number (/cancelslot takes it)
#   $name (String) - the person's Telegram display name
#   $language (String) - the person's language
#   $topic (String) - FAQ topic chosen, or —
#   $note (String) - the person's note, or —
co-pending-line =
    <b>#{ $booking }</b> · { $when } · { $service } · slot #{ $slot }
    👤 { $name } ({ $language }) · Topic: { $topic } · Note: { $note }
# Variables:
#   $more (Number) - bookings waiting that are not listed
co-pending-more = … and { $more } more, later ones. Decide these first, then send /pending again.
# Variables:
#   $booking (Number) - the booking number
co-pending-confirm = ✅ Confirm #{ $booking }
# Variables:
#   $booking (Number) - the booking number
co-pending-decline = ❌ Decline #{ $booking }
co-pending-refresh = 🔄 Refresh
# Variables:
#   $booking (Number) - the booking number
co-pending-choose-reason = Declining #{ $booking }: choose the reason.

## Who decided

# Variables:
#   $name (String) - the first name of the coordinator who confirmed
co-signed-confirmed = ✅ <b>Confirmed</b> by { $name }
# Variables:
#   $name (String) - the first name of the coordinator who declined
#   $reason (String) - the reason given
co-signed-declined = ❌ <b>Declined</b> by { $name }: { $reason }
# A second coordinator pressed after the first one had decided.
# Variables:
#   $name (String) - the first name of the coordinator who decided first
co-already-confirmed = Already confirmed by { $name }: nothing was changed.
# Variables:
#   $name (String) - the first name of the coordinator who decided first
co-already-declined = Already declined by { $name }: nothing was changed.
# Variables:
#   $status (String) - what the booking is now (cancelled, …)
co-already-changed = This booking is { $status } now: nothing was changed.
# A Confirm pressed on a notice whose booking was moved after it (a newer notice shows the new time).
# Variables:
#   $when (String) - the booking's new date and time
co-notice-moved = This booking has moved to { $when } since this notice: nothing was changed. Confirm it on its newer notice.

## Declining

co-reason-other = ✏️ Other reason (type it)
co-reasons-back = ← Back
# Variables:
#   $booking (Number) - the booking number
#   $language (String) - the language the person reads
#   $limit (Number) - the most characters the reason may have
co-reason-prompt =
    Type the reason for declining #{ $booking } in one message (at most { $limit } characters).
    The person gets it as you write it, so write it in a language they read ({ $language }).
# Variables:
#   $length (Number) - characters typed
#   $limit (Number) - the most characters the reason may have
co-reason-too-long = That is { $length } characters; at most { $limit }, please. Type it again, shorter.
# What the person reads as the reason when a coordinator typed it.
# Variables:
#   $text (String) - the reason as the coordinator typed it
booking-reason-other = the centre wrote: “{ $text }”
# A decline that offers no other time (a course or event happens only then).
# Variables:
#   $details (String) - what, when and where
#   $reason (String) - why, in a few words
booking-declined-final =
    Sorry, the centre cannot take this booking:

    { $details }

    Reason: { $reason }

## Closing and cancelling slots

# After a decline because nobody is available.
# Variables:
#   $slot (Number) - the slot number
#   $when (String) - date and time
#   $count (Number) - other people booked on the slot, who would be told
co-close-slot-ask =
    Nobody is available at { $when }. Close slot #{ $slot }, so that nobody else books it? { $count ->
        [0] Nobody else is booked on it.
        [one] One more person booked on it will be told.
       *[other] { $count } more people booked on it will be told.
    }
# Variables:
#   $slot (Number) - the slot number
co-close-slot-yes = Yes, close slot #{ $slot }
co-close-slot-no = No, keep it open
# Variables:
#   $slot (Number) - the slot number
#   $service (String) - the service
#   $when (String) - date and time
#   $count (Number) - people booked on the slot, who will be told
co-cancelslot-ask =
    Cancel slot #{ $slot }: { $service }, { $when }? { $count ->
        [0] Nobody is booked on it.
        [one] One person booked on it will be told.
       *[other] { $count } people booked on it will be told.
    }
# Variables:
#   $slot (Number) - the slot number
co-cancelslot-yes = Yes, cancel slot #{ $slot }
co-cancelslot-no = No
# Variables:
#   $slot (Number) - the slot number
co-slot-kept = Nothing was changed: slot #{ $slot } stays open.
# Variables:
#   $slot (Number) - the slot number typed or pressed
co-slot-gone = There is no open slot #{ $slot }: it does not exist or is already cancelled. /agenda shows the slot numbers.

## Attendance on the agenda

# Variables:
#   $time (String) - start time
#   $name (String) - the person's display name
co-mark-present = ✓ Present · { $time } { $name }
# Variables:
#   $time (String) - start time
co-mark-no-show = ✗ No-show · { $time }
co-marks-later = Present / No-show buttons appear here once a meeting has started.
co-not-started = This meeting has not started yet: attendance can be marked once it has.

## Questions relayed from people

# Posted under a question when a coordinator has answered it.
# Variables:
#   $name (String) - the first name of the coordinator who answered
co-question-answered = ✔ Answered by { $name }; the answer is on its way to the person.

## /help for coordinators

co-help =
    <b>For coordinators</b>
    /pending: bookings waiting for confirmation, with Confirm / Decline
    /agenda, /agenda tomorrow, /agenda 2026-12-01: the day's meetings with slot numbers; Present / No-show once a meeting has started
    /addslot consultation 2026-12-01 16:00: add a consultation time
    /cancelslot N: cancel slot N (asks first; everyone booked on it is told)
    /report: the funder's indicators for a period
    /gaps: questions people typed that found no answer
    /faqstatus: missing and outdated translations of the FAQ
    To answer a person's question, reply to it in the coordinator chat.
