# Перший контакт, привітання, відповіді на повторній перевірці й щотижневий список для перегляду.

# Variables:
#   $language (String) - the language we guessed, its own name in lower case where that language writes it so
language-guessed = Ми обрали мову за налаштуваннями Вашого телефону: { $language }. Якщо Вам зручніша інша мова, оберіть її тут:
greeting-reply = Вітаємо! 👋 Чим можемо допомогти? Оберіть тему або напишіть своє питання своїми словами:
faq-review-overdue = ⏳ Ми повторно перевіряємо цю відповідь за офіційними джерелами. Якщо від неї залежить Ваша ситуація, напишіть нам: Вам відповість працівник центру.

## Координатори: теми, яким пора на перевірку

# Variables:
#   $count (Number) - how many topics are past their review date
content-overdue =
    { $count ->
        [one] { $count } тема чекає на повторну перевірку (перевірено → строк):
        [few] { $count } теми чекають на повторну перевірку (перевірено → строк):
        [many] { $count } тем чекають на повторну перевірку (перевірено → строк):
       *[other] { $count } теми чекають на повторну перевірку (перевірено → строк):
    }
# Variables:
#   $count (Number) - how many topics are past their review date
content-overdue-weekly =
    📋 Щотижнева перевірка FAQ: { $count ->
        [one] { $count } тема пропустила
        [few] { $count } теми пропустили
        [many] { $count } тем пропустили
       *[other] { $count } теми пропустили
    } строк перевірки. Бот і далі їх показує з приміткою, що відповідь перевіряється. Звірте кожну з джерелами й оновіть «reviewed» у її файлі topic.yaml:
