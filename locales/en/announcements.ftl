# Course follow-up (two absences in a row) and announcements by topic.

## The nudge after two missed sessions in a row

# Variables: $course (the course's name), $when (the next session's date and time)
course-nudge =
    We missed you at the last two sessions of “{ $course }”. Is everything all right?
    The next session is on { $when }. We would be glad to see you there.
    If you cannot continue, tell us: your place will go to someone on the waiting list.
course-nudge-come = ✅ Will be there
course-nudge-stop = ✖ Cannot continue
course-nudge-see-you = Thank you! See you at the next session.
course-nudge-stopped = Thank you for telling us. Your place in the course is cancelled and goes to the next person waiting. You are welcome back at any later course.
course-nudge-gone = This place is no longer booked for you.

## /course: who is on track to complete (for coordinators)

course-view-none = No course is running at the moment.
# Variables: $course (the course's name), $start (its first session)
course-view-title = <b>{ $course }</b> (from { $start })
course-view-on-track = <i>On track (more than half of the sessions are still possible):</i>
course-view-at-risk = <i>Not on track:</i>
course-view-nobody = —
# Variables: $name (first name), $present, $absent, $ahead, $total (numbers of sessions)
course-view-person = • { $name }: present { $present }, absent { $absent }, still ahead { $ahead } (of { $total })

## Subscriptions

command-subscriptions = Announcements by topic

subscriptions-intro = Which announcements would you like to receive? Tap a topic to switch it on or off.
# Variables: $topic (the topic's name)
subscriptions-on = ✅ { $topic }
# Variables: $topic (the topic's name)
subscriptions-off = ▫️ { $topic }
announce-topic-courses = Language courses
announce-topic-consultations = Consultation days
announce-topic-events = Events
announce-topic-work = Work and permits

## An announcement as people receive it

announce-header = 📣 <b>Announcement from the centre</b>
announce-register = 📝 Register
# Variables: $topic (the topic's name)
announce-unsubscribe = 🔕 No more about: { $topic }
# Variables: $topic (the topic's name)
announce-unsubscribed = You will no longer receive announcements about “{ $topic }”. /subscriptions changes your topics.
# Variables: $course (the service's name), $when (its start)
announce-registered = You are registered for “{ $course }” ({ $when }). The centre will confirm your place.
announce-register-full = Sorry, there are no places left. /book shows the waiting list.
announce-register-already = You are already registered.
announce-register-gone = Registration is no longer possible.

## /announce (for coordinators)

# Variables: $language (the language's name), $step, $steps (numbers)
announce-write = Announcement, language { $step } of { $steps }: write the text in { $language }, or tap “Skip” (its readers then get nothing).
announce-skip = Skip this language
# Variables: $language (the readers' languages)
announce-preview-language = <b>Preview for readers of { $language }:</b>
# Variables: $language (the readers' languages)
announce-preview-empty = ⚠️ No text in { $language }: readers of { $language } will not receive this announcement.
# Variables: $topics (the chosen topics), $count (recipients now), $register (the Register slot)
announce-controls =
    <b>Topics:</b> { $topics }
    <b>Recipients now:</b> { $count }
    <b>Register button:</b> { $register }
    Pick the topics, then tap “Send”.
announce-no-topics = none chosen yet
announce-no-register = No Register button
announce-add-register = 📝 Register button…
announce-pick-slot = Which course or event should the Register button book?
announce-send = 📣 Send
announce-not-ready = Choose at least one topic and write at least one language first.
announce-started = Sending has started.
# Variables: $when (the local day and time sending begins: the next morning)
announce-started-morning = It is night: nobody is woken with news. Sending starts: { $when }.
# Variables: $sent, $blocked, $failed, $togo (numbers of recipients)
announce-progress = 📣 Sending: { $sent } sent, { $blocked } blocked the bot, { $failed } failed, { $togo } to go.
announce-stop = ⏹ Stop sending
announce-stopped = Sending stopped: nobody else will receive it.
announce-gone = This announcement can no longer be changed.
# Variables: $sent, $blocked, $failed, $cancelled (numbers of recipients)
announce-summary = 📣 Announcement finished: { $sent } sent, { $blocked } blocked the bot, { $failed } failed, { $cancelled } not sent (stopped or no longer subscribed).
