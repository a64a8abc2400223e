# Навігація по FAQ і частини, які бот додає до кожної відповіді.

faq-back = ⬅️ Назад
faq-home = 🏠 Головна
# Variables:
#   $date (String) - the date a person last checked this answer, formatted for the reader
faq-reviewed = Востаннє перевірено: { $date }
faq-sources = Офіційні джерела:
faq-disclaimer = Це загальна орієнтація, а не юридична консультація. Правила змінюються: перевірте офіційне джерело або запитайте в центрі про свою ситуацію.
faq-topic-missing = Ця тема більше недоступна. Ось актуальне меню.
# Variables:
#   $count (Number) - how many sub-questions are listed below the answer
faq-more-questions =
    { $count ->
        [one] Ще { $count } питання на цю тему:
        [few] Ще { $count } питання на цю тему:
        [many] Ще { $count } питань на цю тему:
       *[other] Ще { $count } питання на цю тему:
    }

## Питання, написані своїми словами

# Variables:
#   $count (Number) - how many matching topics are shown as buttons
search-results =
    { $count ->
        [one] Ось тема, яка відповідає Вашому питанню:
        [few] Ось теми, які відповідають Вашому питанню (найкраща — перша):
        [many] Ось теми, які відповідають Вашому питанню (найкраща — перша):
       *[other] Ось теми, які відповідають Вашому питанню (найкраща — перша):
    }
search-nothing = Вибачте, на це в нас тут немає відповіді. Спробуйте інші слова, оберіть тему нижче або запитайте працівника центру.
search-ask-person = 🙋 Запитати працівника
