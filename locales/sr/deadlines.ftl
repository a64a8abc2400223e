# Deadlines: a date the person wants to be reminded of (/deadlines), and the reminders.
command-deadlines = Моји рокови: дозвола и друго
deadline-kind-permit = 🪪 Истиче дозвола за боравак
deadline-kind-protection = 🛡 Истиче привремена заштита
deadline-kind-employment = 💼 Завршава се запослење
deadline-kind-appointment = 🏛 Термин у управној јединици
deadline-kind-other = 📝 Нешто друго
deadline-list-title = <b>Ваши рокови</b> (подсетићемо Вас пре сваког):
deadline-list-empty = Још немате ниједан рок. Додајте га и подсетићемо Вас на време, заједно са корацима које треба да урадите.
# Variables: $name (the kind or the person's label), $date, $days (days left)
deadline-list-item = • { $name }: { $date } ({ $days ->
        [0] данас
        [1] сутра
        [one] за { $days } дан
        [few] за { $days } дана
       *[other] за { $days } дана
    })
# Variables: $name, $date, $days
deadline-open-button = { $name }: { $date }
deadline-add-button = ➕ Додај рок
deadline-list-button = ⏰ Моји рокови
deadline-remind-button = ⏰ Подсетник на рок
deadline-back-button = ⬅️ Назад
deadline-pick-kind = На шта да Вас подсетимо?
# Variables: $limit (characters)
deadline-ask-label = Напишите кратак назив (највише { $limit } знакова), на пример „Нови пасош“.
# Variables: $limit (characters)
deadline-label-bad = Назив је празан или предугачак. Напишите највише { $limit } знакова.
# Variables: $name, $example (a date written the way to type it)
deadline-pick-year = <b>{ $name }</b>: изаберите годину или напишите датум, на пример { $example }.
# Variables: $name, $year
deadline-pick-month = <b>{ $name }</b>: изаберите месец ({ $year }).
# Variables: $name, $month (month and year)
deadline-pick-day = <b>{ $name }</b>: изаберите дан ({ $month }).
# Variables: $example
deadline-date-unreadable = Нисмо разумели тај датум. Напишите га, на пример { $example }, или га изаберите дугмадима.
# Variables: $example
deadline-date-past = Тај датум је већ прошао. Напишите будући датум, на пример { $example }. Ако Вам је дозвола већ истекла, одмах се обратите управној јединици или центру.
# Variables: $example
deadline-date-far = Тај датум је више од 5 година унапред. Проверите га и напишите поново, на пример { $example }.
deadline-missing = Тог рока више нема. Своје рокове видите командом /deadlines.
# Variables: $date
deadline-saved = ✅ Сачувано: { $date }.
# Variables: $dates (the days reminders will come, at 10:00)
deadline-saved-reminders = Подсетићемо Вас { $dates }, пре подне.
deadline-saved-no-more = До тог датума више нема подсетника: поступите одмах ако још нисте.
# Variables: $name, $date, $days
deadline-card = <b>{ $name }</b>: { $date }
    { $days ->
        [0] То је данас.
        [1] То је сутра.
        [one] Остао је још { $days } дан.
        [few] Остала су још { $days } дана.
       *[other] Остало је још { $days } дана.
    }
deadline-reminder-title = ⏰ <b>Подсетник</b>
deadline-steps-title = Шта да урадите (притисните број да означите корак):
# Variables: $number, $done (yes or no)
deadline-step-button = { $done ->
        [yes] ✓ { $number }
       *[no] { $number }
    }
deadline-book-button = 📅 Закажи саветовање
deadline-edit-button = ✏️ Промени датум
deadline-delete-button = 🗑 Обриши
deadline-delete-question = Да обришем овај рок и његове подсетнике?
deadline-delete-yes = Да, обриши
deadline-delete-no = Не, задржи
deadline-deleted = Обрисано. За њега више нећете добијати подсетнике.
