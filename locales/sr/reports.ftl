# Извештаји за донатора (/report, месечна објава, датотеке). На језику COORDINATOR_LANGUAGE.

## Избор периода

report-choose = 📊 За који период треба извештај?
report-period-month = Овај месец
report-period-last-month = Прошли месец
report-period-quarter = Овај квартал
report-period-year = Ова година
report-period-all = Од почетка
report-usage = Изаберите период дугметом или упишите два датума: /report 2026-01-01 2026-06-30
report-no-indicators = Показатељи нису подешени: датотека faq/indicators.yaml недостаје или је празна.
# Variables:
#   $first (String) - first day, YYYY-MM-DD
#   $last (String) - last day, YYYY-MM-DD
report-monthly-post = 📊 Извештај за прошли месец ({ $first } – { $last }), објављен аутоматски:

## Табела

# Variables:
#   $first (String) - first day, YYYY-MM-DD
#   $last (String) - last day, YYYY-MM-DD
report-title = Показатељи { $first } – { $last }
report-col-indicator = Показатељ
report-col-goal = Циљ
report-col-result = Резултат
report-col-comments = Коментари
report-col-unit = Јединица
report-col-breakdown = Расподела
report-col-month = Месец
report-col-people-served = Услужене особе
report-col-what = Шта
report-col-how = Како се броји
report-unit-people = особе
report-unit-percent = %
report-unit-count = број
# Variables:
#   $name (String) - the indicator's name
#   $goal (String) - the goal, or —
#   $result (String) - the result
report-line =
    <b>{ $name }</b>
    Циљ: { $goal } · Резултат: <b>{ $result }</b>
# Variables:
#   $months (String) - "2026-11: 12, 2026-12: 20"
report-monthly-line = <b>Услужене особе по месецима</b>: { $months }
report-chart-trend = Услужене особе по месецима
report-files-caption = Исти извештај као графикон, радна свеска и CSV датотека.

## Кључеви расподеле

report-key-asia = Азија
report-key-africa = Африка
report-key-balkans = Балкан
report-key-other-europe = остала Европа
report-key-south-america = Јужна Америка
report-key-other = остало
report-key-not-given = није наведено
report-key-pending = чека
report-key-confirmed = потврђено
report-key-offered = понуђено
report-key-declined = одбијено
report-key-cancelled = отказано
report-key-expired = истекло
report-key-enrolled = уписани
report-key-completed = завршили
report-key-asked = питани
report-key-answered = одговорили
report-key-satisfied = задовољни
report-key-response-rate = стопа одговора
report-key-marks = ознаке
report-key-no-show = није дошао

## Лист „Метод“

report-method-period = Период
report-method-generated = Направљено
report-method-person = Једна особа
report-method-person-text = Једна особа је један корисник бота. Догађаји носе кључани хеш особе, никад Telegram ID. Када неко затражи брисање, од њега остаје анониман запис под новим насумичним кључем који деле његови догађаји, резервације, присуства и одговори, па се и даље броји једном и ниједан извештај се после брисања не мења. Координатори се не броје. Период траје од првог до последњег дана, оба укључена, у временској зони центра. Сваки број потиче из онога што се десило у боту (догађаји, резервације, ознаке присуства, одговори на анкете), никад из ручно унетих бројева.
report-method-hidden = Мали бројеви
# Variables:
#   $threshold (Number) - cells below it are hidden
#   $cells (String) - which cells
report-method-hidden-text = Ћелије расподеле мање од { $threshold } приказане су као „<{ $threshold }“: { $cells }. Укупни бројеви се никад не скривају.
# Variables:
#   $threshold (Number) - the threshold (0: off)
report-method-hidden-none = Ништа није скривено (праг: { $threshold }).
report-def-people-attended-consultation = Различите особе са бар једном резервацијом индивидуалне услуге (саветовања) коју је координатор означио као „присутан“, за састанак у периоду.
report-def-people-used-consultation = Различите особе које су у периоду резервисале индивидуалну услугу (понуђено а непреузето место са листе чекања се не броји) или писале особи у центру преко дугмета „Питајте саветника“.
report-def-course-completions = Различите особе уписане на курс (групну услугу) које су означене као присутне на више од половине часова. Курс се броји у периоду у који пада његов последњи час. Уписани: још увек резервисани или бар једном присутни.
report-def-participants = Различите особе бар једном означене као присутне на састанку или часу у периоду (услуге или врсте услуге из филтера).
report-def-satisfied-share = Удео одговорених анкета о задовољству са оценом 4 или 5 од 5, за анкете послате у периоду; са бројем послатих, одговорених и задовољних и стопом одговора (одговорене ÷ послате).
report-def-people-by-region = Различите особе које су у периоду користиле услугу (резервисале, биле присутне или питале особу), по региону порекла који су желеле да наведу; „није наведено“ ако нису.
report-def-people-by-source = Различите особе које су у периоду дошле преко линка са плаката са ознаком извора, по ознаци. Ко је дошао преко два плаката, у укупном броју се броји једном.
report-def-faq-views = Приказани одговори из честих питања у периоду (броји се сваки приказ), по теми и језику.
report-def-questions-answered = Укуцана питања у периоду за која је пронађена бар једна тема, по језику.
report-def-questions-unanswered = Укуцана питања у периоду за која није пронађена ниједна тема, по језику.
report-def-bookings-by-status = Резервације направљене у периоду, по данашњем стању.
report-def-no-show-rate = Ознаке „није дошао“ као удео свих ознака присуства (присутан или није дошао) за састанке и часове у периоду.
report-def-new-people = Особе које су боту први пут писале у периоду, по месецима.
report-def-people-reminded-of-deadline = Особе које су у периоду добиле бар један подсетник на рок за дозволу или поступак, по врсти рока.
report-def-course-nudges = Полазници курса којима је после два узастопна изостанка послат подсетник, и колико их је одговорило да ће доћи, а колико је одустало.
report-def-announcements-delivered = Обавештења достављена особама које прате њихову тему, по језицима.
report-def-announcement-registrations = Места резервисана дугметом „Пријава“ испод обавештења, по језицима.
report-def-unsubscribes = Колико пута су особе престале да прате тему обавештења, по језицима.
