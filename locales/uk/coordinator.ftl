# Чат координаторів і команди координаторів (мовою COORDINATOR_LANGUAGE).

# Variables:
#   $name (String) - the person's Telegram display name
#   $language (String) - the person's language
#   $service (String) - what was booked
#   $when (String) - date and time
#   $topic (String) - FAQ topic chosen, or —
#   $note (String) - the person's note, or —
#   $booking (Number) - the booking number
co-booked =
    📅 <b>Новий запис #{ $booking }</b>
    { $service }, { $when }
    👤 { $name } ({ $language })
    Тема: { $topic }
    Примітка: { $note }
co-cancelled =
    ✖ <b>Скасовано #{ $booking }</b>
    { $service }, { $when }
    👤 { $name } ({ $language })
# Variables: as co-booked, and
#   $old (String) - date and time before the move, or —
co-moved =
    ↔ <b>Перенесено #{ $booking }</b>
    { $service }: { $old } → <b>{ $when }</b>
    👤 { $name } ({ $language })
    Тема: { $topic }
    Примітка: { $note }
co-confirm = ✅ Підтвердити
co-decline = ❌ Відхилити
co-reason-unavailable = Ніхто не може прийняти
co-reason-other-service = Краще інша послуга
co-reason-need-documents = Спершу потрібні документи
co-reason-duplicate = Повторний запис
co-status-pending = чекає на підтвердження
co-status-confirmed = підтверджено
co-status-declined = відхилено
co-status-cancelled = скасовано
co-status-offered = запропоновано зі списку очікування
co-status-expired = строк пропозиції минув
# Variables:
#   $day (String) - the day
#   $count (Number) - meetings that day
co-agenda-title =
    🗓 <b>{ $day }</b> — { $count ->
        [0] записів немає
        [one] { $count } зустріч
        [few] { $count } зустрічі
        [many] { $count } зустрічей
       *[other] { $count } зустрічі
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
    { $time } · { $name } ({ $language }) · { $service } · слот #{ $slot } · { $status } · { $mark }
        Тема: { $topic } · Примітка: { $note }
co-attendance-open = не позначено
co-attendance-present = ✅ прийшов(-ла)
co-attendance-no-show = 🚫 не прийшов(-ла)
co-marked = Збережено.
co-gone = Цього запису більше немає, або його скасовано.
co-agenda-usage = Використання: /agenda, /agenda завтра або /agenda 2026-12-01
co-addslot-usage = Використання: /addslot consultation 2026-12-01 16:00
co-addslot-unknown-service = Невідома послуга, або це курс (курси плануються у файлі послуг).
co-addslot-in-past = Цей час уже минув.
co-addslot-exists = Такий слот уже є.
# Variables:
#   $slot (Number) - the new slot's number
#   $service (String) - service id
#   $when (String) - date and time
co-addslot-ok = Додано слот #{ $slot }: { $service }, { $when }.
co-cancelslot-usage = Використання: /cancelslot <номер слота>
# Variables:
#   $count (Number) - people told
co-cancelslot-ok =
    Слот скасовано. { $count ->
        [0] Записаних не було.
        [one] Повідомлено { $count } особу.
        [few] Повідомлено { $count } особи.
        [many] Повідомлено { $count } осіб.
       *[other] Повідомлено { $count } особи.
    }
# After a slot is cancelled, when people waited for a place on it (they are told too).
# Variables:
#   $count (Number) - people on the waiting list who were told
co-cancelslot-waiting-told = Про скасування також повідомлено тих, хто був у черзі очікування: { $count }.
# Variables:
#   $name (String) - display name
#   $language (String) - the person's language
#   $text (String) - their question
co-question =
    ❓ <b>Питання</b> — { $name } ({ $language }):

    { $text }

    <i>Відповідайте на це повідомлення через «Відповісти» (Reply), і бот передасть відповідь.</i>
co-question-followup =
    ↩️ <b>{ $name }</b> ({ $language }) пише у відповідь:

    { $text }
co-relay-failed = Не вдалося доставити відповідь: можливо, людина заблокувала бота.

# A date typed by a coordinator is too far in the past or future.
# Variables: $first, $last (dates, formatted)
co-date-out-of-range = Виберіть дату між { $first } і { $last }.
