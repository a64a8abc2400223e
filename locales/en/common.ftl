# Arrival Desk — common strings (English, the source and fallback locale).
# Message ids are <feature>-<meaning>. Keep button labels short: they are read on a phone.

-brand = Arrival Desk

## Start, menu, help

# Variables:
#   $language (String) - the name of the language now in use, in that language
start-welcome =
    Welcome to { -brand }, the front desk of your local integration centre.
    Here you find answers about permits, work, health and everyday life in Slovenia, and you can ask a person.

    Language: { $language }. You can change it with the 🌐 button below.
menu-title = Choose a topic, or simply type your question:
menu-language-button = 🌐 Language
help-text =
    <b>How to use { -brand }</b>
    • Tap a topic to read the answer; “Back” and “Home” take you up again.
    • Type a question in your own words, in any language.
    • /language changes the language, /start shows the menu again.
    Answers are general orientation; for your own case, talk to the centre.

## Language

language-choose = Choose your language:
# Variables:
#   $language (String) - the chosen language's own name
language-set = Done: from now on we will write to you in { $language }.

## Commands (shown in Telegram's command menu)

command-start = Main menu
command-help = How this bot works
command-language = Change the language

## Shared

common-error = Sorry, something went wrong on our side. Please try again in a moment.
# Variables:
#   $date (String) - a date already formatted for the reader
#   $time (String) - a time already formatted for the reader
common-date-at-time = { $date } at { $time }

## Posters (printed for employers' notice boards)

poster-scan = Scan the code with your phone camera to open it in Telegram

## Coordinators: content status and live reload

coordinator-only = This command is for the centre's coordinators.
# Variables:
#   $complete (Number) - topics present and up to date in every language
#   $total (Number) - all topics
content-status = FAQ content: { $complete } of { $total } topics complete in every language.
content-state-present = ok
content-state-missing = missing
content-state-stale = stale
# Variables:
#   $count (Number) - how many errors the checker found
#   $shown (Number) - how many of them are listed below
content-broken =
    ⚠️ An edit to the FAQ or interface texts has { $count ->
        [one] an error
       *[other] { $count } errors
    }, so the bot keeps showing the last good version. Run “arrival-desk faq check” for details. First { $shown }:
command-book = Book a consultation or course
command-mybookings = My bookings
command-ask = Ask a person at the centre

# One person sent more than FLOOD_MESSAGES_PER_MINUTE updates in a minute.
flood-notice = You are sending messages very fast. Please wait a minute, then write again: we will answer.
