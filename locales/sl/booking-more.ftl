# Booking: every date of a course, the price, the interpreter (issue #12).

# Variables:
#   $service (String) - the course's name
#   $count (Number) - how many sessions
#   $sessions (String) - one line per session date and time
#   $place (String) - address, may be a link
booking-details-course =
    <b>{ $service }</b>
    🕒 { $count ->
        [one] { $count } srečanje:
        [two] { $count } srečanji:
        [few] { $count } srečanja:
       *[other] { $count } srečanj:
    }
    { $sessions }
    📍 { $place }
# Variables:
#   $count (Number) - how many sessions
#   $sessions (String) - one line per session date and time
booking-course-sessions =
    { $count ->
        [one] { $count } srečanje:
        [two] { $count } srečanji:
        [few] { $count } srečanja:
       *[other] { $count } srečanj:
    }
    { $sessions }
# Variables:
#   $details (String) - what, when and where
#   $cutoff (Number) - hours before the start after which cancelling needs a call to the centre
booking-done-cancel-only =
    ✅ Rezervirano:

    { $details }

    Center vam bo rezervacijo potrdil tukaj. Pred začetkom boste prejeli opomnike. Če jo želite odpovedati, uporabite »Moje rezervacije« (/mybookings) najpozneje { $cutoff ->
        [one] { $cutoff } uro
        [two] { $cutoff } uri
        [few] { $cutoff } ure
       *[other] { $cutoff } ur
    } pred začetkom. Datoteka koledarja spodaj jo doda v koledar na vašem telefonu.
booking-limit-cancel-only = Za to že imate prihodnjo rezervacijo. Odpoveste jo lahko v »Moje rezervacije«, novo pa rezervirate po njej.

## Price

# Variables:
#   $price (String) - "free", an amount, or "ask the centre"
booking-price-line = 💶 Cena: { $price }
booking-price-free = brezplačno
booking-price-ask = vprašajte v centru

## Interpreter

booking-interpreter-question = Ali na svetovanju potrebujete tolmača? Če da, za kateri jezik?
booking-interpreter-no = Tolmača ne potrebujem
booking-interpreter-other = Drug jezik …
# Variables:
#   $limit (Number) - characters the language name may have
booking-interpreter-type = Napišite jezik, za katerega potrebujete tolmača (največ { $limit } znakov).
# Variables:
#   $language (String) - the language of the interpreter
booking-interpreter-line = 🗣 Tolmač: { $language }
