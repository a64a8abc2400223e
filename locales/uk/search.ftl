# Search: when the bot is not sure, and the unanswered questions coordinators see (/gaps).

# Variables:
#   $count (Number) - how many possible topics are shown as buttons
search-maybe =
    { $count ->
        [one] Ми не впевнені, що правильно Вас зрозуміли. Можливо, допоможе ця тема?
       *[other] Ми не впевнені, що правильно Вас зрозуміли. Можливо, допоможе одна з цих тем?
    }

# Variables:
#   $days (Number) - how many days unanswered questions are kept
search-gaps-title = Питання без відповіді, останні { $days } днів
# Variables:
#   $days (Number) - how many days unanswered questions are kept
search-gaps-empty = За останні { $days } днів питань без відповіді немає.
# One group of similar questions.
# Variables:
#   $count (Number) - how many questions in the group
#   $words (String) - the group's main words
#   $language (String) - the language the questions were asked in
search-gaps-row = { $count } × { $words } ({ $language })
