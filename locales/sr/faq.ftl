# Навигација кроз FAQ и делови које бот додаје уз сваки одговор.

faq-back = ⬅️ Назад
faq-home = 🏠 Почетна
# Variables:
#   $date (String) - the date a person last checked this answer, formatted for the reader
faq-reviewed = Последња провера: { $date }
faq-sources = Званични извори:
faq-disclaimer = Ово је општа оријентација, а не правни савет. Правила се мењају: проверите званични извор или питајте центар о свом случају.
faq-topic-missing = Ова тема више није доступна. Ево актуелног менија.
# Variables:
#   $count (Number) - how many sub-questions are listed below the answer
faq-more-questions =
    { $count ->
        [one] Још { $count } питање на ову тему:
        [few] Још { $count } питања на ову тему:
       *[other] Још { $count } питања на ову тему:
    }

## Питања написана својим речима

# Variables:
#   $count (Number) - how many matching topics are shown as buttons
search-results =
    { $count ->
        [one] Ево теме која одговара Вашем питању:
        [few] Ево тема које одговарају Вашем питању (најбоља је прва):
       *[other] Ево тема које одговарају Вашем питању (најбоља је прва):
    }
search-nothing = Извините, на то овде немамо одговор. Покушајте другим речима, изаберите тему испод или питајте некога из центра.
search-ask-person = 🙋 Питајте саветника
