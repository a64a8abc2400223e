# Search: when the bot is not sure, and the unanswered questions coordinators see (/gaps).

# Variables:
#   $count (Number) - how many possible topics are shown as buttons
search-maybe =
    { $count ->
        [one] We are not sure we understood. Maybe this topic helps?
       *[other] We are not sure we understood. Maybe one of these helps?
    }

# Variables:
#   $days (Number) - how many days unanswered questions are kept
search-gaps-title = Questions without an answer, last { $days } days
# Variables:
#   $days (Number) - how many days unanswered questions are kept
search-gaps-empty = No unanswered questions in the last { $days } days.
# One group of similar questions.
# Variables:
#   $count (Number) - how many questions in the group
#   $words (String) - the group's main words
#   $language (String) - the language the questions were asked in
search-gaps-row = { $count } × { $words } ({ $language })
