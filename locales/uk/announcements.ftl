# Супровід курсу (дві пропущені поспіль зустрічі) та оголошення за темами.

## Нагадування після двох пропусків поспіль

# Variables: $course (the course's name), $when (the next session's date and time)
course-nudge =
    Ми не бачили Вас на двох останніх заняттях курсу «{ $course }». Усе гаразд?
    Наступне заняття: { $when }. Будемо раді Вас бачити.
    Якщо Ви не можете продовжувати, повідомте нас: Ваше місце отримає людина з листа очікування.
course-nudge-come = ✅ Прийду
course-nudge-stop = ✖ Не можу продовжувати
course-nudge-see-you = Дякуємо! До зустрічі на наступному занятті.
course-nudge-stopped = Дякуємо, що повідомили. Ваше місце на курсі скасовано, його отримає наступна людина в листі очікування. Будемо раді бачити Вас на наступних курсах.
course-nudge-gone = Це місце більше не заброньоване для Вас.

## /course: хто на шляху до завершення (для координаторів)

course-view-none = Зараз не триває жоден курс.
# Variables: $course (the course's name), $start (its first session)
course-view-title = <b>{ $course }</b> (з { $start })
course-view-on-track = <i>На шляху до завершення (ще можливо відвідати більше половини занять):</i>
course-view-at-risk = <i>Під загрозою:</i>
course-view-nobody = —
# Variables: $name (first name), $present, $absent, $ahead, $total (numbers of sessions)
course-view-person = • { $name }: присутність { $present }, відсутність { $absent }, ще попереду { $ahead } (з { $total })

## Підписки

command-subscriptions = Оголошення за темами

subscriptions-intro = Які оголошення Ви хочете отримувати? Натисніть на тему, щоб увімкнути або вимкнути її.
# Variables: $topic (the topic's name)
subscriptions-on = ✅ { $topic }
# Variables: $topic (the topic's name)
subscriptions-off = ▫️ { $topic }
announce-topic-courses = Мовні курси
announce-topic-consultations = Дні консультацій
announce-topic-events = Заходи
announce-topic-work = Робота і дозволи

## Оголошення, як його отримують люди

announce-header = 📣 <b>Оголошення центру</b>
announce-register = 📝 Записатися
# Variables: $topic (the topic's name)
announce-unsubscribe = 🔕 Більше не надсилати: { $topic }
# Variables: $topic (the topic's name)
announce-unsubscribed = Ви більше не отримуватимете оголошень на тему «{ $topic }». Змінити теми можна командою /subscriptions.
# Variables: $course (the service's name), $when (its start)
announce-registered = Ви записані на «{ $course }» ({ $when }). Центр підтвердить Ваше місце.
announce-register-full = На жаль, вільних місць немає. Команда /book покаже лист очікування.
announce-register-already = Ви вже записані.
announce-register-gone = Запис більше неможливий.

## /announce (для координаторів)

# Variables: $language (the language's name), $step, $steps (numbers)
announce-write = Оголошення, мова { $step } з { $steps }: напишіть текст мовою «{ $language }» або натисніть «Пропустити» (тоді її читачі нічого не отримають).
announce-skip = Пропустити цю мову
# Variables: $language (the readers' languages)
announce-preview-language = <b>Попередній перегляд для читачів мовою «{ $language }»:</b>
# Variables: $language (the readers' languages)
announce-preview-empty = ⚠️ Немає тексту мовою «{ $language }»: читачі цією мовою не отримають оголошення.
# Variables: $topics (the chosen topics), $count (recipients now), $register (the Register slot)
announce-controls =
    <b>Теми:</b> { $topics }
    <b>Отримувачів зараз:</b> { $count }
    <b>Кнопка запису:</b> { $register }
    Оберіть теми й натисніть «Надіслати».
announce-no-topics = ще не обрано
announce-no-register = Без кнопки запису
announce-add-register = 📝 Кнопка запису…
announce-pick-slot = На який курс чи захід має записувати кнопка?
announce-send = 📣 Надіслати
announce-not-ready = Спершу оберіть хоча б одну тему й напишіть текст хоча б однією мовою.
announce-started = Надсилання почалося.
# Variables: $when (the local day and time sending begins: the next morning)
announce-started-morning = Зараз ніч: новинами нікого не будимо. Надсилання почнеться: { $when }.
# Variables: $sent, $blocked, $failed, $togo (numbers of recipients)
announce-progress = 📣 Надсилання: надіслано { $sent }, заблокували бота { $blocked }, помилок { $failed }, залишилося { $togo }.
announce-stop = ⏹ Зупинити надсилання
announce-stopped = Надсилання зупинено: більше ніхто його не отримає.
announce-gone = Це оголошення вже не можна змінити.
# Variables: $sent, $blocked, $failed, $cancelled (numbers of recipients)
announce-summary = 📣 Оголошення завершено: надіслано { $sent }, заблокували бота { $blocked }, помилок { $failed }, не надіслано { $cancelled } (зупинено або відписалися).
