# Arrival Desk — загальні рядки (українська).
# Ідентифікатори повідомлень: <функція>-<значення>. Підписи кнопок короткі: їх читають на телефоні.

-brand = Arrival Desk

## Початок, меню, довідка

# Variables:
#   $language (String) - the name of the language now in use, in that language
start-welcome =
    Вітаємо! Це { -brand } — приймальня Вашого місцевого центру інтеграції.
    Тут Ви знайдете відповіді про дозволи, роботу, здоров’я та повсякденне життя в Словенії, а також можете поставити питання працівникові центру.

    Мова: { $language }. Змінити її можна кнопкою 🌐 нижче.
menu-title = Оберіть тему або просто напишіть своє питання:
menu-language-button = 🌐 Мова
help-text =
    <b>Як користуватися ботом { -brand }</b>
    • Натисніть тему, щоб прочитати відповідь; «Назад» повертає на крок назад, «Головна» — на початок.
    • Напишіть питання своїми словами, будь-якою мовою.
    • /language змінює мову, /start знову показує меню.
    Відповіді дають загальну орієнтацію; щодо Вашої ситуації зверніться до центру.

## Мова

language-choose = Оберіть мову:
# Variables:
#   $language (String) - the chosen language's own name
language-set = Готово! Відтепер ми писатимемо Вам такою мовою: { $language }.

## Команди (показуються в меню команд Telegram)

command-start = Головне меню
command-help = Як працює цей бот
command-language = Змінити мову

## Спільне

common-error = Вибачте, у нас щось пішло не так. Спробуйте ще раз за хвилину.
# Variables:
#   $date (String) - a date already formatted for the reader
#   $time (String) - a time already formatted for the reader
common-date-at-time = { $date } о { $time }

## Плакати (друкуються для дощок оголошень роботодавців)

poster-scan = Відскануйте код камерою телефону, щоб відкрити цю тему в Telegram

## Координатори: стан вмісту та оновлення на льоту

coordinator-only = Ця команда — для координаторів центру.
# Variables:
#   $complete (Number) - topics present and up to date in every language
#   $total (Number) - all topics
content-status = Вміст FAQ — теми, повні й актуальні всіма мовами: { $complete } з { $total }.
content-state-present = готово
content-state-missing = немає
content-state-stale = застаріло
# Variables:
#   $count (Number) - how many errors the checker found
#   $shown (Number) - how many of them are listed below
content-broken =
    ⚠️ У зміненому FAQ або текстах інтерфейсу знайдено { $count ->
        [one] { $count } помилку
        [few] { $count } помилки
        [many] { $count } помилок
       *[other] { $count } помилки
    }, тому бот і далі показує останню справну версію. Подробиці покаже команда «arrival-desk faq check». Перші помилки ({ $shown }):
command-book = Записатися на консультацію чи курс
command-mybookings = Мої записи
command-ask = Запитати працівника центру

# One person sent more than FLOOD_MESSAGES_PER_MINUTE updates in a minute.
flood-notice = Ви надсилаєте повідомлення дуже швидко. Будь ласка, зачекайте хвилину й напишіть знову: ми відповімо.
