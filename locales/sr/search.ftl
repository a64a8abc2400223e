# Search: when the bot is not sure, and the unanswered questions coordinators see (/gaps).

# Variables:
#   $count (Number) - how many possible topics are shown as buttons
search-maybe =
    { $count ->
        [one] Нисмо сигурни да смо Вас добро разумели. Можда Вам помаже ова тема?
       *[other] Нисмо сигурни да смо Вас добро разумели. Можда Вам помаже нека од ових тема?
    }

# Variables:
#   $days (Number) - how many days unanswered questions are kept
search-gaps-title = Питања без одговора, последњих { $days } дана
# Variables:
#   $days (Number) - how many days unanswered questions are kept
search-gaps-empty = У последњих { $days } дана нема питања без одговора.
# One group of similar questions.
# Variables:
#   $count (Number) - how many questions in the group
#   $words (String) - the group's main words
#   $language (String) - the language the questions were asked in
search-gaps-row = { $count } × { $words } ({ $language })
