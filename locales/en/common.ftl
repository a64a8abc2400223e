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
language-set = Done: from now on I will write in { $language }.

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
