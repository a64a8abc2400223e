# Запис на консультації, курси та заходи; нагадування; список очікування.
# Час і дата надходять уже відформатовані для читача ($when, $day).

booking-book-button = 📅 Записатися
booking-my-button = 🗓 Мої записи
booking-none-offered = Наразі немає на що записатися. Натомість Ви можете запитати працівника центру.
booking-choose-service = На що Ви хочете записатися?
# Variables:
#   $service (String) - the service's name
booking-choose-day = <b>{ $service }</b>
    Оберіть день:
# Variables:
#   $service (String) - the service's name
booking-no-days = <b>{ $service }</b>: на найближчі тижні вільного часу немає. Запитайте працівника центру, і ми разом з Вами знайдемо час.
# Variables:
#   $day (String) - the chosen day
booking-choose-time = { $day }: оберіть час.
booking-later-times = Пізніше ›
booking-earlier-times = ‹ Раніше
booking-choose-topic = Про що Ви хочете поговорити? Оберіть тему або напишіть коротку примітку (за бажанням).
booking-skip-topic = Пропустити
# Variables:
#   $service (String) - the course or event
#   $sessions (String) - one line per date
#   $free (Number) - places left
booking-group =
    <b>{ $service }</b>
    { $sessions }

    { $free ->
        [0] Вільних місць немає. Ви можете стати в список очікування: коли місце звільниться, ми запропонуємо його першій людині в черзі.
        [one] Залишилося { $free } вільне місце.
        [few] Залишилося { $free } вільні місця.
        [many] Залишилося { $free } вільних місць.
       *[other] Залишилося { $free } вільного місця.
    }
booking-enrol = ✅ Записатися
booking-join-waitlist = 🕒 Стати в список очікування
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
    Перевірте, будь ласка, Ваш запис:

    { $details }
booking-confirm = ✅ Підтвердити запис
# Variables:
#   $note (String) - the person's own note
booking-note-line = Ваша примітка: { $note }
# Variables:
#   $details (String) - what, when and where
#   $cutoff (Number) - hours before the start after which cancelling needs a call to the centre
booking-done =
    ✅ Ви записані:

    { $details }

    Центр підтвердить запис тут. Перед початком Ви отримаєте нагадування. Скасувати чи змінити запис можна в розділі «Мої записи» (/mybookings) не пізніше ніж за { $cutoff ->
        [one] { $cutoff } годину
        [few] { $cutoff } години
        [many] { $cutoff } годин
       *[other] { $cutoff } години
    } до початку. Файл календаря нижче додасть запис у календар Вашого телефону.
booking-calendar = 📎 Додайте це у свій календар.
booking-calendar-cancelled = 📎 Цей файл видалить зустріч із Вашого календаря.
booking-calendar-description = Запис через Arrival Desk. Будь ласка, візьміть із собою дозвіл на проживання або паспорт.
booking-slot-taken = Вибачте, цей час щойно зайняв хтось інший.
booking-alternatives = Ще є такий вільний час:
booking-gone = Цей запис або час більше недоступний. Нічого не змінено.
booking-already = Ви вже записані на це.
booking-already-waiting = Ви вже в списку очікування.
# Variables:
#   $cutoff (Number) - hours before the start
booking-too-late = До початку лишилося менше ніж { $cutoff ->
        [one] { $cutoff } година
        [few] { $cutoff } години
        [many] { $cutoff } годин
       *[other] { $cutoff } години
    }, тому тут це вже не можна змінити. Будь ласка, напишіть у центр.
# Variables:
#   $service (String) - the course or event
booking-waitlist-joined = Ви в списку очікування: <b>{ $service }</b>. Коли місце звільниться, ми напишемо Вам тут.
booking-my-none = У Вас немає запланованих записів.
# Variables:
#   $count (Number) - upcoming bookings
booking-my-title =
    { $count ->
        [one] У Вас { $count } запланований запис:
        [few] У Вас { $count } заплановані записи:
        [many] У Вас { $count } запланованих записів:
       *[other] У Вас { $count } запланованого запису:
    }
booking-status-pending = чекає на підтвердження центру
booking-status-confirmed = підтверджено
booking-status-offered = місце запропоновано Вам
booking-cancel = ✖ Скасувати
booking-move = ↔ Змінити час
# Variables:
#   $details (String) - what, when and where
booking-cancel-question =
    Скасувати цей запис?

    { $details }
booking-cancel-yes = Так, скасувати
booking-keep = Ні, залишити
booking-cancelled = Ваш запис скасовано. Дякуємо, що повідомили, — тепер цей час вільний для когось іншого.
# Variables:
#   $details (String) - what, when and where (the new time)
booking-moved =
    ↔ Змінено. Ваш новий час:

    { $details }

    Центр підтвердить його тут.
# Variables:
#   $details (String) - what, when and where
booking-confirmed-by-centre =
    ✅ Центр підтвердив Ваш запис:

    { $details }
# Variables:
#   $details (String) - what, when and where
#   $reason (String) - why, in a few words
booking-declined =
    Вибачте, центр не може прийняти цей запис:

    { $details }

    Причина: { $reason }
    Будь ласка, оберіть інший час:
booking-reason-unavailable = у цей час ніхто з центру не може Вас прийняти
booking-reason-other-service = для Вашого питання краще підходить інша послуга
booking-reason-need-documents = спершу, будь ласка, принесіть документи; ми пояснимо, які саме потрібні
booking-reason-duplicate = у Вас уже є запис на це
# Variables:
#   $details (String) - what, when and where
booking-slot-cancelled-by-centre =
    Вибачте, центру довелося скасувати цю зустріч:

    { $details }

    Будь ласка, оберіть інший час.
# Variables:
#   $details (String) - what, when and where
booking-reminder =
    ⏰ Нагадування:

    { $details }
# Variables:
#   $details (String) - what, when and where
#   $until (String) - date and time the offer ends
booking-offer =
    🎉 Для Вас звільнилося місце:

    { $details }

    Ми притримуємо його для Вас. Строк для відповіді: { $until }. Бажаєте його взяти?
booking-offer-accept = ✅ Так, беру
booking-offer-decline = Ні, дякую
booking-offer-declined = Гаразд. Місце перейде до наступної людини в списку очікування.

## Запитати людину

ask-write = Напишіть своє питання одним повідомленням, своєю мовою. Працівник центру відповість Вам тут.
ask-sent = ✅ Надіслано. Працівник центру відповість Вам тут, зазвичай протягом робочого дня.
ask-unavailable = Вибачте, зараз центр не може приймати питання тут. Будь ласка, скористайтеся контактами в меню.
# Variables:
#   $text (String) - the coordinator's answer
ask-answer =
    💬 Відповідь від центру:

    { $text }
ask-write-back = ✍️ Відповісти

# Lines a reminder may carry.
booking-reminder-unconfirmed = Центр ще не підтвердив цей запис; коли підтвердить, Ви отримаєте повідомлення.
# Variables: $cutoff (hours before the start after which the person cannot change the booking)
booking-reminder-too-late = Скасувати чи змінити його тут уже не можна ({ $cutoff ->
        [one] менше ніж за { $cutoff } годину до початку
        [few] менше ніж за { $cutoff } години до початку
       *[other] менше ніж за { $cutoff } годин до початку
    }). Якщо Ви не можете прийти, напишіть центру.
booking-write-centre = ✉️ Написати центру
# Variables: $limit (characters a note may have)
booking-note-shortened = (Примітка може мати до { $limit } символів: ми зберегли початок. Решту Ви можете розповісти на зустрічі.)
# A place on a waiting list in /mybookings. Variables: $position (1 = next in line)
booking-status-waiting = у списку очікування, місце { $position }
booking-leave-waitlist = Вийти зі списку
booking-left-waitlist = Ви вийшли зі списку очікування.
booking-limit = У Вас уже є майбутній запис на це. Змінити час або скасувати його можна в «Мої записи», а записатися знову — після нього.
# Variables:
#   $details (String) - what, when and where
booking-waitlist-slot-cancelled =
    Вибачте, центру довелося скасувати цей курс або захід, тому список очікування закрито:

    { $details }

    Вам нічого не потрібно робити. Ви можете записатися на іншу дату або написати в центр.
# Variables:
#   $details (String) - what, when and where
booking-offer-slot-cancelled =
    Вибачте, центру довелося скасувати цей курс або захід, тому місце, яке ми Вам запропонували, більше недоступне:

    { $details }

    Вам нічого не потрібно робити. Ви можете записатися на іншу дату або написати в центр.
