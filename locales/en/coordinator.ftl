# The coordinator chat and coordinator commands (in COORDINATOR_LANGUAGE).

# Variables:
#   $name (String) - the person's Telegram display name
#   $language (String) - the person's language
#   $service (String) - what was booked
#   $when (String) - date and time
#   $topic (String) - FAQ topic chosen, or —
#   $note (String) - the person's note, or —
#   $booking (Number) - the booking number
co-booked =
    📅 <b>New booking #{ $booking }</b>
    { $service }, { $when }
    👤 { $name } ({ $language })
    Topic: { $topic }
    Note: { $note }
co-cancelled =
    ✖ <b>Cancelled #{ $booking }</b>
    { $service }, { $when }
    👤 { $name } ({ $language })
# Variables: as co-booked, and
#   $old (String) - date and time before the move, or —
co-moved =
    ↔ <b>Moved #{ $booking }</b>
    { $service }: { $old } → <b>{ $when }</b>
    👤 { $name } ({ $language })
    Topic: { $topic }
    Note: { $note }
co-confirm = ✅ Confirm
co-decline = ❌ Decline
co-reason-unavailable = Nobody available
co-reason-other-service = Another service fits
co-reason-need-documents = Documents needed first
co-reason-duplicate = Duplicate booking
co-status-pending = waiting for confirmation
co-status-confirmed = confirmed
co-status-declined = declined
co-status-cancelled = cancelled
co-status-offered = offered from the waiting list
co-status-expired = offer expired
# Variables:
#   $day (String) - the day
#   $count (Number) - meetings that day
co-agenda-title =
    🗓 <b>{ $day }</b> — { $count ->
        [0] nothing booked
        [one] one meeting
       *[other] { $count } meetings
    }
# Variables:
#   $time (String) - start time
#   $name (String) - display name
#   $language (String) - the person's language
#   $service (String) - service id
#   $status (String) - booking status
#   $mark (String) - attendance mark
#   $slot (Number) - the slot number (/cancelslot takes it)
#   $topic (String) - FAQ topic chosen, or —
#   $note (String) - the person's note, or —
co-agenda-line =
    { $time } · { $name } ({ $language }) · { $service } · slot #{ $slot } · { $status } · { $mark }
        Topic: { $topic } · Note: { $note }
co-attendance-open = not marked
co-attendance-present = ✅ present
co-attendance-no-show = 🚫 no-show
co-marked = Saved.
co-gone = This booking no longer exists or is cancelled.
co-agenda-usage = Usage: /agenda, /agenda tomorrow or /agenda 2026-12-01
co-addslot-usage = Usage: /addslot consultation 2026-12-01 16:00
co-addslot-unknown-service = Unknown service, or a course (courses are planned in the services file).
co-addslot-in-past = That time is in the past.
co-addslot-exists = That slot already exists.
# Variables:
#   $slot (Number) - the new slot's number
#   $service (String) - service id
#   $when (String) - date and time
co-addslot-ok = Added slot #{ $slot }: { $service }, { $when }.
co-cancelslot-usage = Usage: /cancelslot <slot number>
# Variables:
#   $count (Number) - people told
co-cancelslot-ok =
    Slot cancelled. { $count ->
        [0] Nobody was booked.
        [one] One person was told.
       *[other] { $count } people were told.
    }
# After a slot is cancelled, when people waited for a place on it (they are told too).
# Variables:
#   $count (Number) - people on the waiting list who were told
co-cancelslot-waiting-told = Also told that it is closed: { $count } on its waiting list.
# Variables:
#   $name (String) - display name
#   $language (String) - the person's language
#   $text (String) - their question
co-question =
    ❓ <b>Question</b> from { $name } ({ $language }):

    { $text }

    <i>Reply to this message to answer; the bot passes your answer on.</i>
co-question-followup =
    ↩️ <b>{ $name }</b> ({ $language }) writes back:

    { $text }
co-relay-failed = Could not deliver the answer: the person may have blocked the bot.

# A date typed by a coordinator is too far in the past or future.
# Variables: $first, $last (dates, formatted)
co-date-out-of-range = Choose a date between { $first } and { $last }.
