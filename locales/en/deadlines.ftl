# Deadlines: a date the person wants to be reminded of (/deadlines), and the reminders.
command-deadlines = My permit and other deadlines
deadline-kind-permit = 🪪 Residence permit expires
deadline-kind-protection = 🛡 Temporary protection expires
deadline-kind-employment = 💼 Employment ends
deadline-kind-appointment = 🏛 Appointment at the administrative unit
deadline-kind-other = 📝 Something else
deadline-list-title = <b>Your deadlines</b> (we remind you before each one):
deadline-list-empty = You have no deadlines yet. Add one and we will remind you in good time, with the steps to take.
# Variables: $name (the kind or the person's label), $date, $days (days left)
deadline-list-item = • { $name }: { $date } ({ $days ->
        [0] today
        [1] tomorrow
       *[other] in { $days } days
    })
# Variables: $name, $date, $days
deadline-open-button = { $name }: { $date }
deadline-add-button = ➕ Add a deadline
deadline-list-button = ⏰ My deadlines
deadline-remind-button = ⏰ Deadline reminder
deadline-back-button = ⬅️ Back
deadline-pick-kind = What should we remind you of?
# Variables: $limit (characters)
deadline-ask-label = Type a short name for it (at most { $limit } characters), for example "Passport renewal".
# Variables: $limit (characters)
deadline-label-bad = That name is empty or too long. Type at most { $limit } characters.
# Variables: $name, $example (a date written the way to type it)
deadline-pick-year = <b>{ $name }</b>: pick the year, or type the date like { $example }.
# Variables: $name, $year
deadline-pick-month = <b>{ $name }</b>: pick the month ({ $year }).
# Variables: $name, $month (month and year)
deadline-pick-day = <b>{ $name }</b>: pick the day ({ $month }).
# Variables: $example
deadline-date-unreadable = We could not read that date. Type it like { $example }, or pick it with the buttons.
# Variables: $example
deadline-date-past = That date has already passed. Type a future date like { $example }. If your permit has already expired, contact the administrative unit or the centre straight away.
# Variables: $example
deadline-date-far = That date is more than 5 years ahead. Please check it and type it again, like { $example }.
deadline-missing = This deadline is no longer here. Open /deadlines to see yours.
# Variables: $date
deadline-saved = ✅ Saved: { $date }.
# Variables: $dates (the days reminders will come, at 10:00)
deadline-saved-reminders = We will remind you on { $dates }, in the morning.
deadline-saved-no-more = There are no more reminders before that date: act now if you have not yet.
# Variables: $name, $date, $days
deadline-card = <b>{ $name }</b>: { $date }
    { $days ->
        [0] That is today.
        [1] That is tomorrow.
       *[other] { $days } days left.
    }
deadline-reminder-title = ⏰ <b>Reminder</b>
deadline-steps-title = What to do (tap a number to tick it off):
# Variables: $number, $done (yes or no)
deadline-step-button = { $done ->
        [yes] ✓ { $number }
       *[no] { $number }
    }
deadline-book-button = 📅 Book a consultation
deadline-edit-button = ✏️ Change the date
deadline-delete-button = 🗑 Delete
deadline-delete-question = Delete this deadline and its reminders?
deadline-delete-yes = Yes, delete
deadline-delete-no = No, keep it
deadline-deleted = Deleted. You will get no more reminders for it.
