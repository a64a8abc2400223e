# Search: when the bot is not sure, and the unanswered questions coordinators see (/gaps).

# Variables:
#   $count (Number) - how many possible topics are shown as buttons
search-maybe =
    { $count ->
        [one] Nismo prepričani, da smo vas prav razumeli. Vam morda pomaga ta tema?
       *[other] Nismo prepričani, da smo vas prav razumeli. Vam morda pomaga katera od teh tem?
    }

# Variables:
#   $days (Number) - how many days unanswered questions are kept
search-gaps-title = Vprašanja brez odgovora, zadnjih { $days } dni
# Variables:
#   $days (Number) - how many days unanswered questions are kept
search-gaps-empty = V zadnjih { $days } dneh ni vprašanj brez odgovora.
# One group of similar questions.
# Variables:
#   $count (Number) - how many questions in the group
#   $words (String) - the group's main words
#   $language (String) - the language the questions were asked in
search-gaps-row = { $count } × { $words } ({ $language })
