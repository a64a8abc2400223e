# Први контакт, поздрави, одговори на поновној провери и недељни списак за преглед.

# Variables:
#   $language (String) - the language we guessed, its own name in lower case where that language writes it so
language-guessed = Према подешавањима Вашег телефона изабрали смо језик: { $language }. Ако Вам више одговара други језик, изаберите га овде:
greeting-reply = Добар дан! 👋 Како можемо да Вам помогнемо? Изаберите тему или напишите питање својим речима:
faq-review-overdue = ⏳ Овај одговор поново проверавамо према званичним изворима. Ако од њега зависи Ваш случај, пишите нам: одговориће Вам саветник из центра.

## Координатори: теме којима је истекао рок за проверу

# Variables:
#   $count (Number) - how many topics are past their review date
content-overdue =
    { $count ->
        [one] { $count } тема чека поновну проверу (проверено → рок):
        [few] { $count } теме чекају поновну проверу (проверено → рок):
       *[other] { $count } тема чека поновну проверу (проверено → рок):
    }
# Variables:
#   $count (Number) - how many topics are past their review date
content-overdue-weekly =
    📋 Недељна провера FAQ-а: рок за проверу је истекао за { $count ->
        [one] { $count } тему
        [few] { $count } теме
       *[other] { $count } тема
    }. Бот их и даље приказује, уз напомену да се одговор поново проверава. Упоредите сваку са изворима, па ажурирајте „reviewed“ у њеној датотеци topic.yaml:
