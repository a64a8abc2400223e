# Deadlines: a date the person wants to be reminded of (/deadlines), and the reminders.
command-deadlines = Moji roki za dovoljenje in drugo
deadline-kind-permit = 🪪 Poteče dovoljenje za prebivanje
deadline-kind-protection = 🛡 Poteče začasna zaščita
deadline-kind-employment = 💼 Konča se zaposlitev
deadline-kind-appointment = 🏛 Termin na upravni enoti
deadline-kind-other = 📝 Nekaj drugega
deadline-list-title = <b>Vaši roki</b> (pred vsakim vas opomnimo):
deadline-list-empty = Še nimate nobenega roka. Dodajte ga in pravočasno vas bomo opomnili, skupaj s koraki, ki jih morate narediti.
# Variables: $name (the kind or the person's label), $date, $days (days left)
deadline-list-item = • { $name }: { $date } ({ $days ->
        [0] danes
        [1] jutri
        [one] čez { $days } dan
        [two] čez { $days } dneva
        [few] čez { $days } dni
       *[other] čez { $days } dni
    })
# Variables: $name, $date, $days
deadline-open-button = { $name }: { $date }
deadline-add-button = ➕ Dodaj rok
deadline-list-button = ⏰ Moji roki
deadline-remind-button = ⏰ Opomnik na rok
deadline-back-button = ⬅️ Nazaj
deadline-pick-kind = Na kaj naj vas opomnimo?
# Variables: $limit (characters)
deadline-ask-label = Napišite kratko ime (največ { $limit } znakov), na primer »Podaljšanje potnega lista«.
# Variables: $limit (characters)
deadline-label-bad = Ime je prazno ali predolgo. Napišite največ { $limit } znakov.
# Variables: $name, $example (a date written the way to type it)
deadline-pick-year = <b>{ $name }</b>: izberite leto ali napišite datum, na primer { $example }.
# Variables: $name, $year
deadline-pick-month = <b>{ $name }</b>: izberite mesec ({ $year }).
# Variables: $name, $month (month and year)
deadline-pick-day = <b>{ $name }</b>: izberite dan ({ $month }).
# Variables: $example
deadline-date-unreadable = Tega datuma ne razumemo. Napišite ga, na primer { $example }, ali ga izberite z gumbi.
# Variables: $example
deadline-date-past = Ta datum je že mimo. Napišite prihodnji datum, na primer { $example }. Če vam je dovoljenje že poteklo, se takoj obrnite na upravno enoto ali na center.
# Variables: $example
deadline-date-far = Ta datum je več kot 5 let naprej. Preverite ga in ga napišite znova, na primer { $example }.
deadline-missing = Tega roka ni več. Svoje roke vidite z ukazom /deadlines.
# Variables: $date
deadline-saved = ✅ Shranjeno: { $date }.
# Variables: $dates (the days reminders will come, at 10:00)
deadline-saved-reminders = Opomnili vas bomo { $dates }, dopoldne.
deadline-saved-no-more = Do tega datuma ni več opomnikov: ukrepajte zdaj, če še niste.
# Variables: $name, $date, $days
deadline-card = <b>{ $name }</b>: { $date }
    { $days ->
        [0] To je danes.
        [1] To je jutri.
        [one] Ostaja še { $days } dan.
        [two] Ostajata še { $days } dneva.
        [few] Ostajajo še { $days } dnevi.
       *[other] Ostaja še { $days } dni.
    }
deadline-reminder-title = ⏰ <b>Opomnik</b>
deadline-steps-title = Kaj storiti (pritisnite številko, da korak odkljukate):
# Variables: $number, $done (yes or no)
deadline-step-button = { $done ->
        [yes] ✓ { $number }
       *[no] { $number }
    }
deadline-book-button = 📅 Rezerviraj svetovanje
deadline-edit-button = ✏️ Spremeni datum
deadline-delete-button = 🗑 Izbriši
deadline-delete-question = Izbrišem ta rok in njegove opomnike?
deadline-delete-yes = Da, izbriši
deadline-delete-no = Ne, obdrži
deadline-deleted = Izbrisano. Zanj ne boste več dobivali opomnikov.
