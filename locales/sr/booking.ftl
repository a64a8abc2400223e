# Заказивање консултација, курсева и догађаја; подсетници; листа чекања.
# Време и датум стижу већ форматирани за читаоца ($when, $day).

booking-book-button = 📅 Закажите
booking-my-button = 🗓 Моје резервације
booking-none-offered = Тренутно нема ничега што може да се закаже. Уместо тога можете да питате некога из центра.
booking-choose-service = Шта желите да закажете?
# Variables:
#   $service (String) - the service's name
booking-choose-day = <b>{ $service }</b>
    Изаберите дан:
# Variables:
#   $service (String) - the service's name
booking-no-days = <b>{ $service }</b>: у наредним недељама нема слободних термина. Питајте некога из центра и заједно ћемо наћи термин.
# Variables:
#   $day (String) - the chosen day
booking-choose-time = { $day }: изаберите време.
booking-later-times = Касније ›
booking-earlier-times = ‹ Раније
booking-choose-topic = О чему је реч? Изаберите тему или напишите кратку напомену (није обавезно).
booking-skip-topic = Прескочите
# Variables:
#   $service (String) - the course or event
#   $sessions (String) - one line per date
#   $free (Number) - places left
booking-group =
    <b>{ $service }</b>
    { $sessions }

    { $free ->
        [0] Нема слободних места. Можете да се упишете на листу чекања: када се место ослободи, нудимо га првој особи која чека.
        [one] Остало је још { $free } слободно место.
        [few] Остала су још { $free } слободна места.
       *[other] Остало је још { $free } слободних места.
    }
booking-enrol = ✅ Пријавите се
booking-join-waitlist = 🕒 Упишите се на листу чекања
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
    Проверите своју резервацију:

    { $details }
booking-confirm = ✅ Потврдите резервацију
# Variables:
#   $note (String) - the person's own note
booking-note-line = Ваша напомена: { $note }
# Variables:
#   $details (String) - what, when and where
#   $cutoff (Number) - hours before the start after which cancelling needs a call to the centre
booking-done =
    ✅ Заказано:

    { $details }

    Центар ће Вам овде потврдити резервацију. Пре почетка добићете подсетнике. Да бисте је отказали или променили, користите „Моје резервације“ (/mybookings) најкасније { $cutoff ->
        [one] { $cutoff } сат
        [few] { $cutoff } сата
       *[other] { $cutoff } сати
    } пре почетка. Фајл календара испод додаје је у календар на Вашем телефону.
booking-calendar = 📎 Додајте ово у свој календар.
booking-calendar-cancelled = 📎 Овим се термин уклања из Вашег календара.
booking-calendar-description = Заказано преко Arrival Desk. Молимо Вас да понесете дозволу за боравак или пасош.
booking-slot-taken = Извините, тај термин је управо заузео неко други.
booking-alternatives = Ови термини су још слободни:
booking-gone = Ова резервација или термин више нису доступни. Ништа није промењено.
booking-already = Ово сте већ заказали.
booking-already-waiting = Већ сте на листи чекања.
# Variables:
#   $cutoff (Number) - hours before the start
booking-too-late = До почетка је остало мање од { $cutoff ->
        [one] { $cutoff } сата
        [few] { $cutoff } сата
       *[other] { $cutoff } сати
    }, па ово више не може да се промени овде. Молимо Вас да пишете центру.
# Variables:
#   $service (String) - the course or event
booking-waitlist-joined = На листи чекања сте: <b>{ $service }</b>. Када се место ослободи, јавићемо Вам овде.
booking-my-none = Немате предстојећих резервација.
# Variables:
#   $count (Number) - upcoming bookings
booking-my-title =
    { $count ->
        [one] Имате { $count } предстојећу резервацију:
        [few] Имате { $count } предстојеће резервације:
       *[other] Имате { $count } предстојећих резервација:
    }
booking-status-pending = чека потврду центра
booking-status-confirmed = потврђено
booking-status-offered = место Вам је понуђено
booking-cancel = ✖ Откажите
booking-move = ↔ Промените време
# Variables:
#   $details (String) - what, when and where
booking-cancel-question =
    Да ли желите да откажете ову резервацију?

    { $details }
booking-cancel-yes = Да, откажите је
booking-keep = Не, задржите је
booking-cancelled = Ваша резервација је отказана. Хвала што сте нам јавили — термин је сада слободан за неког другог.
# Variables:
#   $details (String) - what, when and where (the new time)
booking-moved =
    ↔ Промењено. Ваше ново време:

    { $details }

    Центар ће Вам га овде потврдити.
# Variables:
#   $details (String) - what, when and where
booking-confirmed-by-centre =
    ✅ Центар је потврдио Вашу резервацију:

    { $details }
# Variables:
#   $details (String) - what, when and where
#   $reason (String) - why, in a few words
booking-declined =
    Извините, центар не може да прихвати ову резервацију:

    { $details }

    Разлог: { $reason }
    Молимо Вас да изаберете други термин:
booking-reason-unavailable = тада нико из центра није слободан
booking-reason-other-service = за Ваше питање боље одговара друга услуга
booking-reason-need-documents = прво донесите своја документа; објаснићемо Вам шта Вам треба
booking-reason-duplicate = за ово већ имате резервацију
# Variables:
#   $details (String) - what, when and where
booking-slot-cancelled-by-centre =
    Извините, центар је морао да откаже овај термин:

    { $details }

    Молимо Вас да изаберете други термин.
# Variables:
#   $details (String) - what, when and where
booking-reminder =
    ⏰ Подсетник:

    { $details }
# Variables:
#   $details (String) - what, when and where
#   $until (String) - date and time the offer ends
booking-offer =
    🎉 Ослободило се место за Вас:

    { $details }

    Чувамо га за Вас. Рок за одговор: { $until }. Да ли желите ово место?
booking-offer-accept = ✅ Да, узимам
booking-offer-decline = Не, хвала
booking-offer-declined = У реду. Место иде следећој особи на листи чекања.

## Питајте особу

ask-write = Напишите своје питање у једној поруци, на свом језику. Неко из центра ће Вам одговорити овде.
ask-sent = ✅ Послато. Неко из центра ће Вам одговорити овде, обично у року од једног радног дана.
ask-unavailable = Извините, центар тренутно не може овде да прима питања. Молимо Вас да користите контакт податке у менију.
# Variables:
#   $text (String) - the coordinator's answer
ask-answer =
    💬 Одговор из центра:

    { $text }
ask-write-back = ✍️ Одговорите

# Lines a reminder may carry.
booking-reminder-unconfirmed = Центар још није потврдио овај термин; када га потврди, добићете поруку.
# Variables: $cutoff (hours before the start after which the person cannot change the booking)
booking-reminder-too-late = Овде га више није могуће отказати или променити ({ $cutoff ->
        [one] мање од { $cutoff } сат пре почетка
        [few] мање од { $cutoff } сата пре почетка
       *[other] мање од { $cutoff } сати пре почетка
    }). Ако не можете да дођете, пишите центру.
booking-write-centre = ✉️ Пишите центру
# Variables: $limit (characters a note may have)
booking-note-shortened = (Напомена може имати највише { $limit } знакова: сачували смо почетак. Остало можете рећи на састанку.)
# A place on a waiting list in /mybookings. Variables: $position (1 = next in line)
booking-status-waiting = на листи чекања, { $position }. место
booking-leave-waitlist = Напусти листу
booking-left-waitlist = Напустили сте листу чекања.
booking-limit = За ово већ имате предстојећи термин. Време можете променити или термин отказати у „Моје резервације“, а поново се пријавити после њега.
# Variables:
#   $details (String) - what, when and where
booking-waitlist-slot-cancelled =
    Извините, центар је морао да откаже овај курс или догађај, па је листа чекања затворена:

    { $details }

    Не морате ништа да радите. Можете резервисати други термин или писати центру.
# Variables:
#   $details (String) - what, when and where
booking-offer-slot-cancelled =
    Извините, центар је морао да откаже овај курс или догађај, па место које смо Вам понудили више није доступно:

    { $details }

    Не морате ништа да радите. Можете резервисати други термин или писати центру.
