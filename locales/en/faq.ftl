# FAQ navigation and the parts the bot adds around every answer.

faq-back = ⬅️ Back
faq-home = 🏠 Home
# Variables:
#   $date (String) - the date a person last checked this answer, formatted for the reader
faq-reviewed = Last reviewed: { $date }
faq-sources = Official sources:
faq-disclaimer = This is general orientation, not legal advice. Rules change: check the official source or ask the centre about your case.
faq-topic-missing = This topic is no longer available. Here is the current menu.
# Variables:
#   $count (Number) - how many sub-questions are listed below the answer
faq-more-questions =
    { $count ->
        [one] One more question on this topic:
       *[other] { $count } more questions on this topic:
    }

## Typed questions

# Variables:
#   $count (Number) - how many matching topics are shown as buttons
search-results =
    { $count ->
        [one] We found this topic for your question:
       *[other] We found these topics for your question, best first:
    }
search-nothing = Sorry, we have no answer to that here. Try other words, choose a topic below, or ask a person at the centre.
search-ask-person = 🙋 Ask a person
