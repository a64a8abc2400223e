# Праћење курса (два узастопна изостанка) и обавештења по темама.

## Подсетник после два узастопна изостанка

# Variables: $course (the course's name), $when (the next session's date and time)
course-nudge =
    Нисмо Вас видели на последња два часа курса „{ $course }“. Да ли је све у реду?
    Следећи час је { $when }. Биће нам драго да дођете.
    Ако не можете да наставите, јавите нам: Ваше место ће добити неко са листе чекања.
course-nudge-come = ✅ Доћи ћу
course-nudge-stop = ✖ Не могу да наставим
course-nudge-see-you = Хвала! Видимо се на следећем часу.
course-nudge-stopped = Хвала што сте нам јавили. Ваше место на курсу је отказано и добија га следећа особа са листе чекања. Добродошли сте на неки од следећих курсева.
course-nudge-gone = Ово место више није резервисано за Вас.

## /course: ко је на путу да заврши курс (за координаторе)

course-view-none = Тренутно не траје ниједан курс.
# Variables: $course (the course's name), $start (its first session)
course-view-title = <b>{ $course }</b> (од { $start })
course-view-on-track = <i>На добром путу (још је могуће похађати више од половине часова):</i>
course-view-at-risk = <i>Није на добром путу:</i>
course-view-nobody = —
# Variables: $name (first name), $present, $absent, $ahead, $total (numbers of sessions)
course-view-person = • { $name }: присутан { $present }, одсутан { $absent }, још предстоји { $ahead } (од { $total })

## Претплате

command-subscriptions = Обавештења по темама

subscriptions-intro = Која обавештења желите да добијате? Додирните тему да је укључите или искључите.
# Variables: $topic (the topic's name)
subscriptions-on = ✅ { $topic }
# Variables: $topic (the topic's name)
subscriptions-off = ▫️ { $topic }
announce-topic-courses = Курсеви језика
announce-topic-consultations = Дани саветовања
announce-topic-events = Догађаји
announce-topic-work = Рад и дозволе

## Обавештење како га људи добијају

announce-header = 📣 <b>Обавештење центра</b>
announce-register = 📝 Пријава
# Variables: $topic (the topic's name)
announce-unsubscribe = 🔕 Не више о: { $topic }
# Variables: $topic (the topic's name)
announce-unsubscribed = Више нећете добијати обавештења о теми „{ $topic }“. Теме мењате командом /subscriptions.
# Variables: $course (the service's name), $when (its start)
announce-registered = Пријављени сте за „{ $course }“ ({ $when }). Центар ће потврдити Ваше место.
announce-register-full = Нажалост, нема слободних места. Команда /book приказује листу чекања.
announce-register-already = Већ сте пријављени.
announce-register-gone = Пријава више није могућа.

## /announce (за координаторе)

# Variables: $language (the language's name), $step, $steps (numbers)
announce-write = Обавештење, језик { $step } од { $steps }: напишите текст на језику „{ $language }“ или притисните „Прескочи“ (тада његови читаоци не добијају ништа).
announce-skip = Прескочи овај језик
# Variables: $language (the readers' languages)
announce-preview-language = <b>Преглед за читаоце на језику „{ $language }“:</b>
# Variables: $language (the readers' languages)
announce-preview-empty = ⚠️ Нема текста на језику „{ $language }“: читаоци на том језику неће добити ово обавештење.
# Variables: $topics (the chosen topics), $count (recipients now), $register (the Register slot)
announce-controls =
    <b>Теме:</b> { $topics }
    <b>Примаоци сада:</b> { $count }
    <b>Дугме за пријаву:</b> { $register }
    Изаберите теме, па притисните „Пошаљи“.
announce-no-topics = још ниједна
announce-no-register = Без дугмета за пријаву
announce-add-register = 📝 Дугме за пријаву…
announce-pick-slot = На који курс или догађај треба да пријављује дугме?
announce-send = 📣 Пошаљи
announce-not-ready = Прво изаберите бар једну тему и напишите текст бар на једном језику.
announce-started = Слање је почело.
# Variables: $when (the local day and time sending begins: the next morning)
announce-started-morning = Ноћ је: новостима никога не будимо. Слање почиње: { $when }.
# Variables: $sent, $blocked, $failed, $togo (numbers of recipients)
announce-progress = 📣 Слање: послато { $sent }, блокирали бота { $blocked }, неуспешно { $failed }, преостало { $togo }.
announce-stop = ⏹ Заустави слање
announce-stopped = Слање је заустављено: нико више неће добити обавештење.
announce-gone = Ово обавештење више не може да се мења.
# Variables: $sent, $blocked, $failed, $cancelled (numbers of recipients)
announce-summary = 📣 Обавештење је завршено: послато { $sent }, блокирали бота { $blocked }, неуспешно { $failed }, није послато { $cancelled } (заустављено или одјављени).
