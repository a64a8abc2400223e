# Booking: every date of a course, the price, the interpreter (issue #12).

# Variables:
#   $service (String) - the course's name
#   $count (Number) - how many sessions
#   $sessions (String) - one line per session date and time
#   $place (String) - address, may be a link
booking-details-course =
    <b>{ $service }</b>
    🕒 { $count ->
        [one] { $count } заняття:
        [few] { $count } заняття:
        [many] { $count } занять:
       *[other] { $count } заняття:
    }
    { $sessions }
    📍 { $place }
# Variables:
#   $count (Number) - how many sessions
#   $sessions (String) - one line per session date and time
booking-course-sessions =
    { $count ->
        [one] { $count } заняття:
        [few] { $count } заняття:
        [many] { $count } занять:
       *[other] { $count } заняття:
    }
    { $sessions }
# Variables:
#   $details (String) - what, when and where
#   $cutoff (Number) - hours before the start after which cancelling needs a call to the centre
booking-done-cancel-only =
    ✅ Ви записані:

    { $details }

    Центр підтвердить запис тут. Перед початком Ви отримаєте нагадування. Скасувати запис можна в розділі «Мої записи» (/mybookings) не пізніше ніж за { $cutoff ->
        [one] { $cutoff } годину
        [few] { $cutoff } години
        [many] { $cutoff } годин
       *[other] { $cutoff } години
    } до початку. Файл календаря нижче додасть запис у календар Вашого телефону.
booking-limit-cancel-only = У Вас уже є майбутній запис на це. Скасувати його можна в «Мої записи», а записатися знову — після нього.

## Price

# Variables:
#   $price (String) - "free", an amount, or "ask the centre"
booking-price-line = 💶 Ціна: { $price }
booking-price-free = безкоштовно
booking-price-ask = запитайте в центрі

## Interpreter

booking-interpreter-question = Чи потрібен Вам перекладач на консультації? Якщо так, то з якої мови?
booking-interpreter-no = Перекладач не потрібен
booking-interpreter-other = Інша мова…
# Variables:
#   $limit (Number) - characters the language name may have
booking-interpreter-type = Напишіть, будь ласка, мову, для якої Вам потрібен перекладач (до { $limit } символів).
# Variables:
#   $language (String) - the language of the interpreter
booking-interpreter-line = 🗣 Перекладач: { $language }
