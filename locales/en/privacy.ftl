command-privacy = What we store about you
# Variables: $days (how long personal data is kept after the last message)
privacy-text =
    <b>What we store and why</b>
    • To answer you: your Telegram id, your name as Telegram shows it, and your language.
    • To run bookings: your bookings, notes you wrote, the language you need an interpreter for, whether you came, your answers to our short surveys, and the questions you sent to the centre (we keep only when you sent them; the text stays in the centre's Telegram chat).
    • For the deadlines you add (/deadlines): their kind, date, your own short name for them and which steps you ticked, until you delete them; the reminders are sent from these.
    • For announcements (/subscriptions): the topics you chose, until you unsubscribe.
    • For the centre's reports: what you used (for example which topics you read), under a code that does not show who you are. Reports contain only numbers.
    • Typed questions the bot could not answer are kept for 30 days without any link to you, so that staff know which topic to write next.
    Only the centre's coordinators see your name and bookings. We never ask about ethnicity, religion or health.
    If you do not write to us for { $days } days, your personal data is deleted automatically. You can see it or delete it now:
privacy-mydata-button = 📄 Show my data
privacy-mydata-caption = Everything we store about you.
privacy-forget-button = 🗑 Delete my data
privacy-region-button = 🌍 Region of origin (optional)
privacy-forget-question = This deletes your Telegram id, name, notes, comments and questions, and cancels your future bookings (the centre is told). Numbers already counted in reports stay, but nothing links them to you. Delete?
privacy-forget-yes = Yes, delete my data
privacy-forget-keep = No, keep it
# Variables: $count (future bookings cancelled)
privacy-forgotten =
    Done: your personal data is deleted. { $count ->
        [0] You had no future bookings.
        [one] One future booking was cancelled and the centre was told.
       *[other] { $count } future bookings were cancelled and the centre was told.
    }
    If you write to us again, we will start afresh.
privacy-region-question = Where do you come from? It is optional: the centre reports how many people from each region it helps, never who they are.
privacy-region-skip = I prefer not to say
privacy-region-saved = Thank you, saved.
region-asia = Asia
region-africa = Africa
region-balkans = Balkans
region-other-europe = Other European countries
region-south-america = South America
region-other = Other

# Asked once, before the first booking, question to the centre or profile.
consent-question = Before we continue: to book, to pass your question to the centre, to remind you of a deadline or to send you the news you choose, we store your name, your Telegram id and what you book, ask or set, and the centre's coordinators see them. We use them only for this, and you can see or delete them at any time with /privacy. Do you agree?
consent-yes = Yes, I agree
consent-no = No
consent-more = What exactly is stored?
consent-thanks = Thank you.
consent-refused = All right: we store nothing for this. You can still read all the answers here, and you can visit or call the centre in person:
consent-contact = How to reach the centre
# Two lines on first contact.
privacy-first-contact = Questions you type are not stored with your name or id. To count how the service is used, we note which topics are read, under a code that does not show who you are. More: /privacy
