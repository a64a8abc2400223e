# Booking: every date of a course, the price, the interpreter (issue #12).

# Variables:
#   $service (String) - the course's name
#   $count (Number) - how many sessions
#   $sessions (String) - one line per session date and time
#   $place (String) - address, may be a link
booking-details-course =
    <b>{ $service }</b>
    🕒 { $count ->
        [one] One session:
       *[other] { $count } sessions:
    }
    { $sessions }
    📍 { $place }
# Variables:
#   $count (Number) - how many sessions
#   $sessions (String) - one line per session date and time
booking-course-sessions =
    { $count ->
        [one] One session:
       *[other] { $count } sessions:
    }
    { $sessions }
# Variables:
#   $details (String) - what, when and where
#   $cutoff (Number) - hours before the start after which cancelling needs a call to the centre
booking-done-cancel-only =
    ✅ Booked:

    { $details }

    The centre will confirm it here. You will get reminders before it. To cancel it, use “My bookings” (/mybookings) up to { $cutoff ->
        [one] one hour
       *[other] { $cutoff } hours
    } before the start. The calendar file below adds it to your phone's calendar.
booking-limit-cancel-only = You already have an upcoming booking for this. You can cancel it in “My bookings” and book again after it.

## Price

# Variables:
#   $price (String) - "free", an amount, or "ask the centre"
booking-price-line = 💶 Price: { $price }
booking-price-free = free
booking-price-ask = please ask the centre

## Interpreter

booking-interpreter-question = Do you need an interpreter at the consultation? If yes, for which language?
booking-interpreter-no = No interpreter needed
booking-interpreter-other = Another language…
# Variables:
#   $limit (Number) - characters the language name may have
booking-interpreter-type = Please write the language you need an interpreter for (up to { $limit } characters).
# Variables:
#   $language (String) - the language of the interpreter
booking-interpreter-line = 🗣 Interpreter: { $language }
