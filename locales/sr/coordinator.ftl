# Чет координатора и команде за координаторе (на језику COORDINATOR_LANGUAGE).

# Variables:
#   $name (String) - the person's Telegram display name
#   $language (String) - the person's language
#   $service (String) - what was booked
#   $when (String) - date and time
#   $topic (String) - FAQ topic chosen, or —
#   $note (String) - the person's note, or —
#   $booking (Number) - the booking number
co-booked =
    📅 <b>Нова резервација #{ $booking }</b>
    { $service }, { $when }
    👤 { $name } ({ $language })
    Тема: { $topic }
    Напомена: { $note }
co-cancelled =
    ✖ <b>Отказано #{ $booking }</b>
    { $service }, { $when }
    👤 { $name } ({ $language })
# Variables: as co-booked, and
#   $old (String) - date and time before the move, or —
co-moved =
    ↔ <b>Померено #{ $booking }</b>
    { $service }: { $old } → <b>{ $when }</b>
    👤 { $name } ({ $language })
    Тема: { $topic }
    Напомена: { $note }
co-confirm = ✅ Потврдите
co-decline = ❌ Одбијте
co-reason-unavailable = Нико није слободан
co-reason-other-service = Боље одговара друга услуга
co-reason-need-documents = Прво су потребна документа
co-reason-duplicate = Двострука резервација
co-status-pending = чека потврду
co-status-confirmed = потврђено
co-status-declined = одбијено
co-status-cancelled = отказано
co-status-offered = понуђено са листе чекања
co-status-expired = понуда је истекла
# Variables:
#   $day (String) - the day
#   $count (Number) - meetings that day
co-agenda-title =
    🗓 <b>{ $day }</b> — { $count ->
        [0] ништа није заказано
        [one] { $count } састанак
        [few] { $count } састанка
       *[other] { $count } састанака
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
    { $time } · { $name } ({ $language }) · { $service } · термин #{ $slot } · { $status } · { $mark }
        Тема: { $topic } · Напомена: { $note }
co-attendance-open = није означено
co-attendance-present = ✅ дошао/дошла
co-attendance-no-show = 🚫 није дошао/дошла
co-marked = Сачувано.
co-gone = Ова резервација више не постоји или је отказана.
co-agenda-usage = Употреба: /agenda, /agenda tomorrow или /agenda 2026-12-01
co-addslot-usage = Употреба: /addslot consultation 2026-12-01 16:00
co-addslot-unknown-service = Непозната услуга или је то курс (курсеви се планирају у фајлу услуга).
co-addslot-in-past = То време је већ прошло.
co-addslot-exists = Тај термин већ постоји.
# Variables:
#   $slot (Number) - the new slot's number
#   $service (String) - service id
#   $when (String) - date and time
co-addslot-ok = Додат термин #{ $slot }: { $service }, { $when }.
co-cancelslot-usage = Употреба: /cancelslot <број термина>
# Variables:
#   $count (Number) - people told
co-cancelslot-ok =
    Термин је отказан. { $count ->
        [0] Нико није био пријављен.
        [one] Обавештена је { $count } особа.
        [few] Обавештене су { $count } особе.
       *[other] Обавештено је { $count } особа.
    }
# After a slot is cancelled, when people waited for a place on it (they are told too).
# Variables:
#   $count (Number) - people on the waiting list who were told
co-cancelslot-waiting-told = О отказивању су обавештени и они са листе чекања: { $count }.
# Variables:
#   $name (String) - display name
#   $language (String) - the person's language
#   $text (String) - their question
co-question =
    ❓ <b>Питање</b> — { $name } ({ $language }):

    { $text }

    <i>Да бисте одговорили, одговорите на ову поруку (Reply); бот ће проследити Ваш одговор.</i>
co-question-followup =
    ↩️ <b>{ $name }</b> ({ $language }) одговара:

    { $text }
co-relay-failed = Одговор није могао да буде достављен: особа је можда блокирала бота.

# A date typed by a coordinator is too far in the past or future.
# Variables: $first, $last (dates, formatted)
co-date-out-of-range = Изаберите датум између { $first } и { $last }.
