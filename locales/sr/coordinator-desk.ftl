# Заједнички радни преглед координатора (/pending), ко је шта урадио, одбијање са разлогом,
# затварање и отказивање термина, дугмад за присуство и /help за координаторе.
# У чату координатора на језику COORDINATOR_LANGUAGE, у приватном чату на језику координатора.

## /pending: резервације које чекају одлуку

# Variables:
#   $count (Number) - bookings waiting for confirmation
co-pending-title =
    ⏳ <b>Чека на потврду:</b> { $count ->
        [0] ништа, о свим резервацијама је одлучено.
        [one] { $count } резервација.
        [few] { $count } резервације.
       *[other] { $count } резервација.
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
    <b>#{ $booking }</b> · { $when } · { $service } · термин #{ $slot }
    👤 { $name } ({ $language }) · Тема: { $topic } · Напомена: { $note }
# Variables:
#   $more (Number) - bookings waiting that are not listed
co-pending-more = … и још { $more } каснијих. Прво одлучите о овима, па поново пошаљите /pending.
# Variables:
#   $booking (Number) - the booking number
co-pending-confirm = ✅ Потврдите #{ $booking }
# Variables:
#   $booking (Number) - the booking number
co-pending-decline = ❌ Одбијте #{ $booking }
co-pending-refresh = 🔄 Освежи
# Variables:
#   $booking (Number) - the booking number
co-pending-choose-reason = Одбијање #{ $booking }: изаберите разлог.

## Ко је одлучио

# Variables:
#   $name (String) - the first name of the coordinator who confirmed
co-signed-confirmed = ✅ <b>Потврђено</b> ({ $name })
# Variables:
#   $name (String) - the first name of the coordinator who declined
#   $reason (String) - the reason given
co-signed-declined = ❌ <b>Одбијено</b> ({ $name }): { $reason }
# Variables:
#   $name (String) - the first name of the coordinator who decided first
co-already-confirmed = Резервација је већ потврђена ({ $name }). Ништа није промењено.
# Variables:
#   $name (String) - the first name of the coordinator who decided first
co-already-declined = Резервација је већ одбијена ({ $name }). Ништа није промењено.
# Variables:
#   $status (String) - what the booking is now (cancelled, …)
co-already-changed = Стање резервације је сада: { $status }. Ништа није промењено.
# A Confirm pressed on a notice whose booking was moved after it (a newer notice shows the new time).
# Variables:
#   $when (String) - the booking's new date and time
co-notice-moved = Резервација је после овог обавештења померена на { $when }. Ништа није промењено: потврдите је на новијем обавештењу.

## Одбијање

co-reason-other = ✏️ Други разлог (упишите га)
co-reasons-back = ← Назад
# Variables:
#   $booking (Number) - the booking number
#   $language (String) - the language the person reads
#   $limit (Number) - the most characters the reason may have
co-reason-prompt =
    У једној поруци напишите разлог одбијања #{ $booking } (највише { $limit } знакова).
    Особа ће га добити онако како га напишете, па пишите на језику који разуме ({ $language }).
# Variables:
#   $length (Number) - characters typed
#   $limit (Number) - the most characters the reason may have
co-reason-too-long = Текст има { $length } знакова, а дозвољено је највише { $limit }. Напишите га поново, краће.
# Variables:
#   $text (String) - the reason as the coordinator typed it
booking-reason-other = центар је написао: „{ $text }“
# Variables:
#   $details (String) - what, when and where
#   $reason (String) - why, in a few words
booking-declined-final =
    Нажалост, центар не може да прихвати ову резервацију:

    { $details }

    Разлог: { $reason }

## Затварање и отказивање термина

# Variables:
#   $slot (Number) - the slot number
#   $when (String) - date and time
#   $count (Number) - other people booked on the slot, who would be told
co-close-slot-ask =
    Термин { $when }: нико није слободан. Да ли да затворите термин #{ $slot }, да га нико други не резервише? { $count ->
        [0] На тај термин нема других пријава.
        [one] Биће обавештена још { $count } особа пријављена на њега.
        [few] Биће обавештене још { $count } особе пријављене на њега.
       *[other] Биће обавештено још { $count } особа пријављених на њега.
    }
# Variables:
#   $slot (Number) - the slot number
co-close-slot-yes = Да, затворите термин #{ $slot }
co-close-slot-no = Не, нека остане отворен
# Variables:
#   $slot (Number) - the slot number
#   $service (String) - the service
#   $when (String) - date and time
#   $count (Number) - people booked on the slot, who will be told
co-cancelslot-ask =
    Да ли да откажете термин #{ $slot }: { $service }, { $when }? { $count ->
        [0] На њега нико није пријављен.
        [one] Биће обавештена { $count } особа пријављена на њега.
        [few] Биће обавештене { $count } особе пријављене на њега.
       *[other] Биће обавештено { $count } особа пријављених на њега.
    }
# Variables:
#   $slot (Number) - the slot number
co-cancelslot-yes = Да, откажите термин #{ $slot }
co-cancelslot-no = Не
# Variables:
#   $slot (Number) - the slot number
co-slot-kept = Ништа није промењено: термин #{ $slot } остаје отворен.
# Variables:
#   $slot (Number) - the slot number typed or pressed
co-slot-gone = Отвореног термина #{ $slot } нема: не постоји или је већ отказан. Бројеве термина приказује /agenda.

## Присуство у распореду

# Variables:
#   $time (String) - start time
#   $name (String) - the person's display name
co-mark-present = ✓ Дошао/дошла · { $time } { $name }
# Variables:
#   $time (String) - start time
co-mark-no-show = ✗ Није дошао/дошла · { $time }
co-marks-later = Дугмад за присуство појавиће се овде када састанак почне.
co-not-started = Састанак још није почео: присуство се може означити када почне.

## Питања прослеђена од људи

# Variables:
#   $name (String) - the first name of the coordinator who answered
co-question-answered = ✔ Одговорено ({ $name }); одговор је на путу до особе.

## /help за координаторе

co-help =
    <b>За координаторе</b>
    /pending: резервације које чекају на потврду, са дугмадима „Потврдите“ / „Одбијте“
    /agenda, /agenda сутра, /agenda 2026-12-01: састанци тог дана са бројевима термина; присуство када састанак почне
    /addslot consultation 2026-12-01 16:00: додајте термин за консултацију
    /cancelslot N: откажите термин N (прво пита; сви пријављени ће бити обавештени)
    /report: показатељи за финансијера за одабрани период
    /gaps: питања на која људи нису нашли одговор
    /faqstatus: недостајући и застарели преводи одговора
    Да бисте одговорили на питање особе, одговорите на њега (Reply) у чату координатора.
