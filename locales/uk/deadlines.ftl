# Deadlines: a date the person wants to be reminded of (/deadlines), and the reminders.
command-deadlines = Мої терміни: дозвіл та інше
deadline-kind-permit = 🪪 Закінчується дозвіл на проживання
deadline-kind-protection = 🛡 Закінчується тимчасовий захист
deadline-kind-employment = 💼 Закінчується робота за договором
deadline-kind-appointment = 🏛 Прийом в адміністративній одиниці
deadline-kind-other = 📝 Інше
deadline-list-title = <b>Ваші терміни</b> (ми нагадаємо перед кожним):
deadline-list-empty = У Вас ще немає термінів. Додайте термін, і ми вчасно нагадаємо про нього разом із кроками, які треба зробити.
# Variables: $name (the kind or the person's label), $date, $days (days left)
deadline-list-item = • { $name }: { $date } ({ $days ->
        [0] сьогодні
        [1] завтра
        [one] через { $days } день
        [few] через { $days } дні
       *[other] через { $days } днів
    })
# Variables: $name, $date, $days
deadline-open-button = { $name }: { $date }
deadline-add-button = ➕ Додати термін
deadline-list-button = ⏰ Мої терміни
deadline-remind-button = ⏰ Нагадування про термін
deadline-back-button = ⬅️ Назад
deadline-pick-kind = Про що Вам нагадати?
# Variables: $limit (characters)
deadline-ask-label = Напишіть коротку назву (не більше { $limit } символів), наприклад «Заміна паспорта».
# Variables: $limit (characters)
deadline-label-bad = Назва порожня або задовга. Напишіть не більше { $limit } символів.
# Variables: $name, $example (a date written the way to type it)
deadline-pick-year = <b>{ $name }</b>: виберіть рік або напишіть дату, наприклад { $example }.
# Variables: $name, $year
deadline-pick-month = <b>{ $name }</b>: виберіть місяць ({ $year }).
# Variables: $name, $month (month and year)
deadline-pick-day = <b>{ $name }</b>: виберіть день ({ $month }).
# Variables: $example
deadline-date-unreadable = Ми не зрозуміли цю дату. Напишіть її, наприклад { $example }, або виберіть кнопками.
# Variables: $example
deadline-date-past = Ця дата вже минула. Напишіть майбутню дату, наприклад { $example }. Якщо Ваш дозвіл уже закінчився, негайно зверніться до адміністративної одиниці або до центру.
# Variables: $example
deadline-date-far = Ця дата більш ніж на 5 років уперед. Перевірте її і напишіть ще раз, наприклад { $example }.
deadline-missing = Цього терміну вже немає. Ваші терміни: /deadlines.
# Variables: $date
deadline-saved = ✅ Збережено: { $date }.
# Variables: $dates (the days reminders will come, at 10:00)
deadline-saved-reminders = Ми нагадаємо Вам { $dates }, зранку.
deadline-saved-no-more = До цієї дати нагадувань більше не буде: дійте зараз, якщо ще не почали.
# Variables: $name, $date, $days
deadline-card = <b>{ $name }</b>: { $date }
    { $days ->
        [0] Це сьогодні.
        [1] Це завтра.
        [one] Залишився { $days } день.
        [few] Залишилося { $days } дні.
       *[other] Залишилося { $days } днів.
    }
deadline-reminder-title = ⏰ <b>Нагадування</b>
deadline-steps-title = Що зробити (натисніть номер, щоб позначити крок):
# Variables: $number, $done (yes or no)
deadline-step-button = { $done ->
        [yes] ✓ { $number }
       *[no] { $number }
    }
deadline-book-button = 📅 Записатися на консультацію
deadline-edit-button = ✏️ Змінити дату
deadline-delete-button = 🗑 Видалити
deadline-delete-question = Видалити цей термін і його нагадування?
deadline-delete-yes = Так, видалити
deadline-delete-no = Ні, залишити
deadline-deleted = Видалено. Нагадувань про нього більше не буде.
