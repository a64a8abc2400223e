# Booking consultations, courses and events; reminders; the waiting list.
# Times and dates arrive already formatted for the reader ($when, $day).

booking-book-button = 📅 Book
booking-my-button = 🗓 My bookings
booking-none-offered = There is nothing to book at the moment. You can ask a person at the centre instead.
booking-choose-service = What would you like to book?
# Variables:
#   $service (String) - the service's name
booking-choose-day = <b>{ $service }</b>
    Choose a day:
# Variables:
#   $service (String) - the service's name
booking-no-days = There are no free times for <b>{ $service }</b> in the coming weeks. Ask a person at the centre and we will find a time with you.
# Variables:
#   $day (String) - the chosen day
booking-choose-time = { $day }: choose a time.
booking-later-times = Later ›
booking-earlier-times = ‹ Earlier
booking-choose-topic = What is it about? Choose a topic, or type a short note (optional).
booking-skip-topic = Skip
# Variables:
#   $service (String) - the course or event
#   $sessions (String) - one line per date
#   $free (Number) - places left
booking-group =
    <b>{ $service }</b>
    { $sessions }

    { $free ->
        [0] The course is full. You can join the waiting list: when a place is freed, we offer it to the first person waiting.
        [one] One place left.
       *[other] { $free } places left.
    }
booking-enrol = ✅ Enrol
booking-join-waitlist = 🕒 Join the waiting list
# Variables:
#   $service (String) - the service's name
#   $when (String) - date and time
#   $place (String) - address, may be a link
booking-details =
    <b>{ $service }</b>
    🕒 { $when }
    📍 { $place }
# Variables:
#   $details (String) - what, when and where
booking-confirm-question =
    Please check your booking:

    { $details }
booking-confirm = ✅ Confirm booking
# Variables:
#   $note (String) - the person's own note
booking-note-line = Your note: { $note }
# Variables:
#   $details (String) - what, when and where
#   $cutoff (Number) - hours before the start after which cancelling needs a call to the centre
booking-done =
    ✅ Booked:

    { $details }

    The centre will confirm it here. You will get reminders before it. To cancel or change it, use “My bookings” (/mybookings) up to { $cutoff ->
        [one] one hour
       *[other] { $cutoff } hours
    } before the start. The calendar file below adds it to your phone's calendar.
booking-calendar = 📎 Add this to your calendar.
booking-calendar-cancelled = 📎 This removes the appointment from your calendar.
booking-calendar-description = Booked through Arrival Desk. Please bring your residence card or passport.
booking-slot-taken = Sorry, that time was just taken by someone else.
booking-alternatives = These times are still free:
booking-gone = This booking or time is no longer available. Nothing was changed.
booking-already = You have already booked this.
booking-already-waiting = You are already on the waiting list.
# Variables:
#   $cutoff (Number) - hours before the start
booking-too-late = It is less than { $cutoff ->
        [one] one hour
       *[other] { $cutoff } hours
    } before the start, so this can no longer be changed here. Please write to the centre.
# Variables:
#   $service (String) - the course or event
booking-waitlist-joined = You are on the waiting list for <b>{ $service }</b>. When a place is freed, we will write to you here.
booking-my-none = You have no upcoming bookings.
# Variables:
#   $count (Number) - upcoming bookings
booking-my-title =
    { $count ->
        [one] Your upcoming booking:
       *[other] Your { $count } upcoming bookings:
    }
booking-status-pending = waiting for the centre's confirmation
booking-status-confirmed = confirmed
booking-status-offered = place offered to you
booking-cancel = ✖ Cancel
booking-move = ↔ Change time
# Variables:
#   $details (String) - what, when and where
booking-cancel-question =
    Cancel this booking?

    { $details }
booking-cancel-yes = Yes, cancel it
booking-keep = No, keep it
booking-cancelled = Your booking is cancelled. Thank you for letting us know — the time is free for someone else now.
# Variables:
#   $details (String) - what, when and where (the new time)
booking-moved =
    ↔ Changed. Your new time:

    { $details }

    The centre will confirm it here.
# Variables:
#   $details (String) - what, when and where
booking-confirmed-by-centre =
    ✅ The centre confirmed your booking:

    { $details }
# Variables:
#   $details (String) - what, when and where
#   $reason (String) - why, in a few words
booking-declined =
    Sorry, the centre cannot take this booking:

    { $details }

    Reason: { $reason }
    Please choose another time:
booking-reason-unavailable = nobody from the centre is available then
booking-reason-other-service = another service fits your question better
booking-reason-need-documents = please bring your documents first; we will explain what you need
booking-reason-duplicate = you already have a booking for this
# Variables:
#   $details (String) - what, when and where
booking-slot-cancelled-by-centre =
    Sorry, the centre had to cancel this appointment:

    { $details }

    Please choose another time.
# Variables:
#   $details (String) - what, when and where
booking-reminder =
    ⏰ Reminder:

    { $details }
# Variables:
#   $details (String) - what, when and where
#   $until (String) - date and time the offer ends
booking-offer =
    🎉 A place is free for you:

    { $details }

    It is kept for you until { $until }. Do you want it?
booking-offer-accept = ✅ Yes, I take it
booking-offer-decline = No, thanks
booking-offer-declined = All right. The place goes to the next person waiting.

## Ask a person

ask-write = Write your question in one message, in your own language. A person at the centre will answer you here.
ask-sent = ✅ Sent. A person at the centre will answer you here, usually within a working day.
ask-unavailable = Sorry, the centre cannot receive questions here right now. Please use the contact details in the menu.
# Variables:
#   $text (String) - the coordinator's answer
ask-answer =
    💬 Answer from the centre:

    { $text }
ask-write-back = ✍️ Write back

# Lines a reminder may carry.
booking-reminder-unconfirmed = The centre has not confirmed this booking yet; you will get a message when it does.
# Variables: $cutoff (hours before the start after which the person cannot change the booking)
booking-reminder-too-late = It is now too late to cancel or change it here ({ $cutoff ->
        [one] less than { $cutoff } hour before the start
       *[other] less than { $cutoff } hours before the start
    }). If you cannot come, please write to the centre.
booking-write-centre = ✉️ Write to the centre
# Variables: $limit (characters a note may have)
booking-note-shortened = (A note can have up to { $limit } characters: we kept the beginning. You can tell the rest at the meeting.)
# A place on a waiting list in /mybookings. Variables: $position (1 = next in line)
booking-status-waiting = on the waiting list, place { $position }
booking-leave-waitlist = Leave the list
booking-left-waitlist = You have left the waiting list.
booking-limit = You already have an upcoming booking for this. You can change its time or cancel it in “My bookings”, and book again after it.
# Variables:
#   $details (String) - what, when and where
booking-waitlist-slot-cancelled =
    Sorry, the centre had to cancel this course or event, so its waiting list is closed:

    { $details }

    You do not need to do anything. You can book another date or write to the centre.
# Variables:
#   $details (String) - what, when and where
booking-offer-slot-cancelled =
    Sorry, the centre had to cancel this course or event, so the place we offered you is no longer available:

    { $details }

    You do not need to do anything. You can book another date or write to the centre.
