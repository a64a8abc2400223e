# Звіти для донора (/report, щомісячний допис, файли). Мовою COORDINATOR_LANGUAGE.

## Вибір періоду

report-choose = 📊 За який період скласти звіт?
report-period-month = Цей місяць
report-period-last-month = Минулий місяць
report-period-quarter = Цей квартал
report-period-year = Цей рік
report-period-all = Від початку
report-usage = Виберіть період кнопками або введіть дві дати: /report 2026-01-01 2026-06-30
report-no-indicators = Показники не налаштовані: файл faq/indicators.yaml відсутній або порожній.
# Variables:
#   $first (String) - first day, YYYY-MM-DD
#   $last (String) - last day, YYYY-MM-DD
report-monthly-post = 📊 Звіт за минулий місяць ({ $first } – { $last }), опубліковано автоматично:

## Таблиця

# Variables:
#   $first (String) - first day, YYYY-MM-DD
#   $last (String) - last day, YYYY-MM-DD
report-title = Показники { $first } – { $last }
report-col-indicator = Показник
report-col-goal = Мета
report-col-result = Результат
report-col-comments = Коментарі
report-col-unit = Одиниця
report-col-breakdown = Розподіл
report-col-month = Місяць
report-col-people-served = Обслуговано осіб
report-col-what = Що
report-col-how = Як рахується
report-unit-people = осіб
report-unit-percent = %
report-unit-count = кількість
# Variables:
#   $name (String) - the indicator's name
#   $goal (String) - the goal, or —
#   $result (String) - the result
report-line =
    <b>{ $name }</b>
    Мета: { $goal } · Результат: <b>{ $result }</b>
# Variables:
#   $months (String) - "2026-11: 12, 2026-12: 20"
report-monthly-line = <b>Обслуговано осіб за місяцями</b>: { $months }
report-chart-trend = Обслуговано осіб за місяцями
report-files-caption = Той самий звіт як графік, робоча книга і файл CSV.

## Ключі розподілу

report-key-asia = Азія
report-key-africa = Африка
report-key-balkans = Балкани
report-key-other-europe = інша Європа
report-key-south-america = Південна Америка
report-key-other = інше
report-key-not-given = не вказано
report-key-pending = очікує
report-key-confirmed = підтверджено
report-key-offered = запропоновано
report-key-declined = відхилено
report-key-cancelled = скасовано
report-key-expired = прострочено
report-key-enrolled = записані
report-key-completed = завершили
report-key-asked = опитано
report-key-answered = відповіли
report-key-satisfied = задоволені
report-key-response-rate = частка відповідей
report-key-marks = позначки
report-key-no-show = не прийшли

## Аркуш «Метод»

report-method-period = Період
report-method-generated = Створено
report-method-person = Одна особа
report-method-person-text = Одна особа — це один користувач бота. Події містять ключований хеш особи, ніколи не ідентифікатор Telegram. Коли людина просить її забути, від неї залишається анонімний запис під новим випадковим ключем, спільним для її подій, бронювань, відвідувань і відповідей, тож вона й далі рахується один раз і жоден звіт після видалення не змінюється. Координатори не враховуються. Період триває від першого до останнього дня включно, за часовим поясом центру. Кожне число походить із того, що сталося в боті (події, бронювання, позначки відвідування, відповіді на опитування), ніколи не з чисел, введених вручну.
report-method-hidden = Малі числа
# Variables:
#   $threshold (Number) - cells below it are hidden
#   $cells (String) - which cells
report-method-hidden-text = Клітинки розподілу, менші за { $threshold }, показано як «<{ $threshold }»: { $cells }. Загальні числа ніколи не приховуються.
# Variables:
#   $threshold (Number) - the threshold (0: off)
report-method-hidden-none = Нічого не приховано (поріг: { $threshold }).
report-def-people-attended-consultation = Різні особи, які мають принаймні одне бронювання індивідуальної послуги (консультації), позначене координатором як «присутній», для зустрічі в цьому періоді.
report-def-people-used-consultation = Різні особи, які в цьому періоді забронювали індивідуальну послугу (запропоноване, але не прийняте місце зі списку очікування не враховується) або написали працівникові центру через кнопку «Запитати працівника».
report-def-course-completions = Різні особи, записані на курс (групову послугу), яких позначили присутніми на більш ніж половині занять. Курс враховується в тому періоді, на який припадає його останнє заняття. Записані: досі мають бронювання або хоча б раз були присутні.
report-def-participants = Різні особи, яких хоча б раз позначили присутніми на зустрічі чи занятті в цьому періоді (послуги або виду послуги з фільтра).
report-def-satisfied-share = Частка опитувань про задоволеність з оцінкою 4 або 5 із 5 серед тих, на які відповіли, для опитувань, надісланих у цьому періоді; з кількістю надісланих, отриманих відповідей і задоволених та часткою відповідей (відповіли ÷ надіслано).
report-def-people-by-region = Різні особи, які скористалися послугою в цьому періоді (забронювали, були присутні або запитали людину), за регіоном походження, який вони захотіли вказати; «не вказано», якщо ні.
report-def-people-by-source = Різні особи, які прийшли в цьому періоді за посиланням з плаката з міткою джерела, за міткою. Хто прийшов через два плакати, у загальному числі рахується один раз.
report-def-faq-views = Показані відповіді з частих питань у цьому періоді (рахується кожен показ), за темою та мовою.
report-def-questions-answered = Введені питання в цьому періоді, для яких знайдено принаймні одну тему, за мовою.
report-def-questions-unanswered = Введені питання в цьому періоді, для яких не знайдено жодної теми, за мовою.
report-def-bookings-by-status = Бронювання, зроблені в цьому періоді, за їхнім сьогоднішнім станом.
report-def-no-show-rate = Позначки «не прийшов» як частка всіх позначок відвідування (присутній або не прийшов) для зустрічей і занять у цьому періоді.
report-def-new-people = Особи, які вперше написали боту в цьому періоді, за місяцями.
report-def-people-reminded-of-deadline = Особи, які в цьому періоді отримали хоча б одне нагадування про термін дозволу чи процедури, за видом терміну.
report-def-course-nudges = Учасники курсу, яким надіслано нагадування після двох пропусків поспіль, і скільки з них відповіли, що прийдуть, а скільки припинили навчання.
report-def-announcements-delivered = Оголошення, доставлені особам, які стежать за їхньою темою, за мовами.
report-def-announcement-registrations = Місця, заброньовані кнопкою «Записатися» під оголошенням, за мовами.
report-def-unsubscribes = Скільки разів особи перестали стежити за темою оголошень, за мовами.
