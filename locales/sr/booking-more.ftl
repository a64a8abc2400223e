# Booking: every date of a course, the price, the interpreter (issue #12).

# Variables:
#   $service (String) - the course's name
#   $count (Number) - how many sessions
#   $sessions (String) - one line per session date and time
#   $place (String) - address, may be a link
booking-details-course =
    <b>{ $service }</b>
    🕒 { $count ->
        [one] { $count } час:
        [few] { $count } часа:
       *[other] { $count } часова:
    }
    { $sessions }
    📍 { $place }
# Variables:
#   $count (Number) - how many sessions
#   $sessions (String) - one line per session date and time
booking-course-sessions =
    { $count ->
        [one] { $count } час:
        [few] { $count } часа:
       *[other] { $count } часова:
    }
    { $sessions }
# Variables:
#   $details (String) - what, when and where
#   $cutoff (Number) - hours before the start after which cancelling needs a call to the centre
booking-done-cancel-only =
    ✅ Заказано:

    { $details }

    Центар ће Вам овде потврдити резервацију. Пре почетка добићете подсетнике. Да бисте је отказали, користите „Моје резервације“ (/mybookings) најкасније { $cutoff ->
        [one] { $cutoff } сат
        [few] { $cutoff } сата
       *[other] { $cutoff } сати
    } пре почетка. Фајл календара испод додаје је у календар на Вашем телефону.
booking-limit-cancel-only = За ово већ имате предстојећу резервацију. Можете је отказати у „Моје резервације“, а поново се пријавити после ње.

## Price

# Variables:
#   $price (String) - "free", an amount, or "ask the centre"
booking-price-line = 💶 Цена: { $price }
booking-price-free = бесплатно
booking-price-ask = питајте у центру

## Interpreter

booking-interpreter-question = Да ли Вам је на консултацији потребан преводилац? Ако јесте, за који језик?
booking-interpreter-no = Није ми потребан преводилац
booking-interpreter-other = Други језик…
# Variables:
#   $limit (Number) - characters the language name may have
booking-interpreter-type = Напишите језик за који Вам је потребан преводилац (највише { $limit } знакова).
# Variables:
#   $language (String) - the language of the interpreter
booking-interpreter-line = 🗣 Преводилац: { $language }
