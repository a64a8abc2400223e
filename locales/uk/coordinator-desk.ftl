# Спільний робочий огляд координаторів (/pending), хто що зробив, відхилення з причиною,
# закриття і скасування слотів, кнопки відвідування та /help для координаторів.
# У чаті координаторів — мовою COORDINATOR_LANGUAGE, в особистому чаті — мовою координатора.

## /pending: записи, що чекають на рішення

# Variables:
#   $count (Number) - bookings waiting for confirmation
co-pending-title =
    ⏳ <b>Чекають на підтвердження:</b> { $count ->
        [0] нічого, про всі записи вже вирішено.
        [one] { $count } запис.
        [few] { $count } записи.
        [many] { $count } записів.
       *[other] { $count } запису.
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
    <b>#{ $booking }</b> · { $when } · { $service } · слот #{ $slot }
    👤 { $name } ({ $language }) · Тема: { $topic } · Примітка: { $note }
# Variables:
#   $more (Number) - bookings waiting that are not listed
co-pending-more = … і ще { $more } пізніших. Спершу вирішіть щодо цих, потім знову надішліть /pending.
# Variables:
#   $booking (Number) - the booking number
co-pending-confirm = ✅ Підтвердити #{ $booking }
# Variables:
#   $booking (Number) - the booking number
co-pending-decline = ❌ Відхилити #{ $booking }
co-pending-refresh = 🔄 Оновити
# Variables:
#   $booking (Number) - the booking number
co-pending-choose-reason = Відхилення #{ $booking }: виберіть причину.

## Хто вирішив

# Variables:
#   $name (String) - the first name of the coordinator who confirmed
co-signed-confirmed = ✅ <b>Підтверджено</b> ({ $name })
# Variables:
#   $name (String) - the first name of the coordinator who declined
#   $reason (String) - the reason given
co-signed-declined = ❌ <b>Відхилено</b> ({ $name }): { $reason }
# Variables:
#   $name (String) - the first name of the coordinator who decided first
co-already-confirmed = Запис уже підтверджено ({ $name }). Нічого не змінено.
# Variables:
#   $name (String) - the first name of the coordinator who decided first
co-already-declined = Запис уже відхилено ({ $name }). Нічого не змінено.
# Variables:
#   $status (String) - what the booking is now (cancelled, …)
co-already-changed = Стан запису тепер: { $status }. Нічого не змінено.
# A Confirm pressed on a notice whose booking was moved after it (a newer notice shows the new time).
# Variables:
#   $when (String) - the booking's new date and time
co-notice-moved = Після цього повідомлення запис перенесено на { $when }. Нічого не змінено: підтвердіть його в новішому повідомленні.

## Відхилення

co-reason-other = ✏️ Інша причина (напишіть її)
co-reasons-back = ← Назад
# Variables:
#   $booking (Number) - the booking number
#   $language (String) - the language the person reads
#   $limit (Number) - the most characters the reason may have
co-reason-prompt =
    Напишіть одним повідомленням причину відхилення #{ $booking } (не більше { $limit } символів).
    Людина отримає її так, як Ви напишете, тож пишіть мовою, яку вона розуміє ({ $language }).
# Variables:
#   $length (Number) - characters typed
#   $limit (Number) - the most characters the reason may have
co-reason-too-long = У тексті { $length } символів, а можна не більше { $limit }. Напишіть, будь ласка, коротше.
# Variables:
#   $text (String) - the reason as the coordinator typed it
booking-reason-other = центр написав: «{ $text }»
# Variables:
#   $details (String) - what, when and where
#   $reason (String) - why, in a few words
booking-declined-final =
    На жаль, центр не може прийняти цей запис:

    { $details }

    Причина: { $reason }

## Закриття і скасування слотів

# Variables:
#   $slot (Number) - the slot number
#   $when (String) - date and time
#   $count (Number) - other people booked on the slot, who would be told
co-close-slot-ask =
    На { $when } ніхто не може прийняти. Закрити слот #{ $slot }, щоб його більше ніхто не бронював? { $count ->
        [0] Інших записів на цей слот немає.
        [one] Ще { $count } записану на нього особу буде повідомлено.
        [few] Ще { $count } записані на нього особи буде повідомлено.
        [many] Ще { $count } записаних на нього осіб буде повідомлено.
       *[other] Ще { $count } записаної на нього особи буде повідомлено.
    }
# Variables:
#   $slot (Number) - the slot number
co-close-slot-yes = Так, закрити слот #{ $slot }
co-close-slot-no = Ні, залишити відкритим
# Variables:
#   $slot (Number) - the slot number
#   $service (String) - the service
#   $when (String) - date and time
#   $count (Number) - people booked on the slot, who will be told
co-cancelslot-ask =
    Скасувати слот #{ $slot }: { $service }, { $when }? { $count ->
        [0] На нього ніхто не записаний.
        [one] Буде повідомлено { $count } записану на нього особу.
        [few] Буде повідомлено { $count } записані на нього особи.
        [many] Буде повідомлено { $count } записаних на нього осіб.
       *[other] Буде повідомлено { $count } записаної на нього особи.
    }
# Variables:
#   $slot (Number) - the slot number
co-cancelslot-yes = Так, скасувати слот #{ $slot }
co-cancelslot-no = Ні
# Variables:
#   $slot (Number) - the slot number
co-slot-kept = Нічого не змінено: слот #{ $slot } залишається відкритим.
# Variables:
#   $slot (Number) - the slot number typed or pressed
co-slot-gone = Відкритого слота #{ $slot } немає: його не існує або його вже скасовано. Номери слотів показує /agenda.

## Відвідування в розкладі дня

# Variables:
#   $time (String) - start time
#   $name (String) - the person's display name
co-mark-present = ✓ Прийшов/-ла · { $time } { $name }
# Variables:
#   $time (String) - start time
co-mark-no-show = ✗ Не прийшов/-ла · { $time }
co-marks-later = Кнопки відвідування з’являться тут, коли зустріч почнеться.
co-not-started = Зустріч ще не почалася: відвідування можна позначити, коли вона почнеться.

## Питання, передані від людей

# Variables:
#   $name (String) - the first name of the coordinator who answered
co-question-answered = ✔ Відповідь дано ({ $name }); її вже надсилають людині.

## /help для координаторів

co-help =
    <b>Для координаторів</b>
    /pending: записи, що чекають на підтвердження, з кнопками «Підтвердити» / «Відхилити»
    /agenda, /agenda завтра, /agenda 2026-12-01: зустрічі дня з номерами слотів; відвідування — коли зустріч почалася
    /addslot consultation 2026-12-01 16:00: додати час для консультації
    /cancelslot N: скасувати слот N (спершу перепитує; усіх записаних буде повідомлено)
    /report: показники для донора за період
    /gaps: запитання, на які люди не знайшли відповіді
    /faqstatus: відсутні й застарілі переклади відповідей
    Щоб відповісти на запитання людини, відповідайте на нього (Reply) в чаті координаторів.
