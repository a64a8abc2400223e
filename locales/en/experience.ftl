# First contact, greetings, answers being re-checked, and the weekly review list.

# Variables:
#   $language (String) - the language we guessed, its own name in lower case where that language writes it so
language-guessed = We chose { $language } from your phone’s settings. If another language suits you better, choose it here:
greeting-reply = Hello! 👋 How can we help? Choose a topic or type your question in your own words:
faq-review-overdue = ⏳ We are re-checking this answer against the official sources. If your case depends on it, ask us: a person at the centre will reply.

## Coordinators: topics whose review has expired

# Variables:
#   $count (Number) - how many topics are past their review date
content-overdue =
    { $count ->
        [one] One topic is overdue for review (reviewed → due):
       *[other] { $count } topics are overdue for review (reviewed → due):
    }
# Variables:
#   $count (Number) - how many topics are past their review date
content-overdue-weekly =
    📋 Weekly FAQ check: { $count ->
        [one] one topic is
       *[other] { $count } topics are
    } past the review date. The bot still shows them, with a note that they are being re-checked. Check each against its sources, then update “reviewed” in its topic.yaml:
