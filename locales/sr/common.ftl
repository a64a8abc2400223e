# Arrival Desk — заједнички текстови (српски, ћирилица; латиница се добија аутоматски).
# Ознаке порука: <функција>-<значење>. Натписи на дугмадима кратки: читају се на телефону.

-brand = Arrival Desk

## Почетак, мени, помоћ

# Variables:
#   $language (String) - the name of the language now in use, in that language
start-welcome =
    Добро дошли! Ово је { -brand }, пријемни шалтер Вашег локалног центра за интеграцију.
    Овде ћете наћи одговоре о дозволама, раду, здрављу и свакодневном животу у Словенији, а можете и да питате некога из центра.

    Језик: { $language }. Можете га променити дугметом 🌐 испод.
menu-title = Изаберите тему или једноставно напишите своје питање:
menu-language-button = 🌐 Језик
help-text =
    <b>Како се користи { -brand }</b>
    • Додирните тему да прочитате одговор; „Назад“ Вас враћа корак уназад, „Почетна“ на почетак.
    • Напишите питање својим речима, на било ком језику.
    • /language мења језик, /start поново приказује мени.
    Одговори служе за општу оријентацију; за Ваш случај разговарајте са центром.

## Језик

language-choose = Изаберите језик:
# Variables:
#   $language (String) - the chosen language's own name
language-set = Готово! Од сада Вам пишемо на језику: { $language }.

## Команде (приказују се у менију команди у Telegramu)

command-start = Главни мени
command-help = Како ради овај бот
command-language = Промена језика

## Заједничко

common-error = Извините, код нас је дошло до грешке. Покушајте поново за који тренутак.
# Variables:
#   $date (String) - a date already formatted for the reader
#   $time (String) - a time already formatted for the reader
common-date-at-time = { $date } у { $time }

## Плакати (штампају се за огласне табле послодаваца)

poster-scan = Скенирајте код камером телефона да бисте ову тему отворили у Telegramu

## Координатори: стање садржаја и поновно учитавање у раду

coordinator-only = Ова команда је за координаторе центра.
# Variables:
#   $complete (Number) - topics present and up to date in every language
#   $total (Number) - all topics
content-status = FAQ садржај — теме потпуне и ажурне на свим језицима: { $complete } од { $total }.
content-state-present = у реду
content-state-missing = недостаје
content-state-stale = застарело
# Variables:
#   $count (Number) - how many errors the checker found
#   $shown (Number) - how many of them are listed below
content-broken =
    ⚠️ У измени FAQ-а или текстова интерфејса има { $count ->
        [one] { $count } грешка
        [few] { $count } грешке
       *[other] { $count } грешака
    }, па бот и даље приказује последњу исправну верзију. За детаље покрените „arrival-desk faq check“. Прве грешке ({ $shown }):
command-book = Заказивање консултације или курса
command-mybookings = Моје резервације
command-ask = Питајте некога из центра

# One person sent more than FLOOD_MESSAGES_PER_MINUTE updates in a minute.
flood-notice = Шаљете поруке веома брзо. Сачекајте минут, па нам пишите поново: одговорићемо.
