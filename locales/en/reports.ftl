# Reports for the funder (/report, the monthly post, the files). In COORDINATOR_LANGUAGE.

## Choosing a period

report-choose = 📊 Which period should the report cover?
report-period-month = This month
report-period-last-month = Last month
report-period-quarter = This quarter
report-period-year = This year
report-period-all = Since the start
report-usage = Pick a period with the buttons, or type two dates: /report 2026-01-01 2026-06-30
report-no-indicators = No indicators are set up: the file faq/indicators.yaml is missing or empty.
# Variables:
#   $first (String) - first day, YYYY-MM-DD
#   $last (String) - last day, YYYY-MM-DD
report-monthly-post = 📊 Last month's report ({ $first } – { $last }), posted automatically:

## The table

# Variables:
#   $first (String) - first day, YYYY-MM-DD
#   $last (String) - last day, YYYY-MM-DD
report-title = Indicators { $first } – { $last }
report-col-indicator = Indicator
report-col-goal = Goal
report-col-result = Result
report-col-comments = Comments
report-col-unit = Unit
report-col-breakdown = Breakdown
report-col-month = Month
report-col-people-served = People served
report-col-what = What
report-col-how = How it is counted
report-unit-people = people
report-unit-percent = %
report-unit-count = number
# Variables:
#   $name (String) - the indicator's name
#   $goal (String) - the goal, or —
#   $result (String) - the result
report-line =
    <b>{ $name }</b>
    Goal: { $goal } · Result: <b>{ $result }</b>
# Variables:
#   $months (String) - "2026-11: 12, 2026-12: 20"
report-monthly-line = <b>People served per month</b>: { $months }
report-chart-trend = People served per month
report-files-caption = The same report as a chart, a workbook and a CSV file.

## Breakdown keys

report-key-asia = Asia
report-key-africa = Africa
report-key-balkans = Balkans
report-key-other-europe = other Europe
report-key-south-america = South America
report-key-other = other
report-key-not-given = not given
report-key-pending = waiting
report-key-confirmed = confirmed
report-key-offered = offered
report-key-declined = declined
report-key-cancelled = cancelled
report-key-expired = expired
report-key-enrolled = enrolled
report-key-completed = completed
report-key-asked = asked
report-key-answered = answered
report-key-satisfied = satisfied
report-key-response-rate = response rate
report-key-marks = marks
report-key-no-show = no-show

## The Method sheet

report-method-period = Period
report-method-generated = Generated
report-method-person = One person
report-method-person-text = One person is one user of the bot. Events carry a keyed hash of the person, never the Telegram id. When someone asks to be forgotten, what remains of them is anonymous under a fresh random key shared by their events, bookings, attendance and answers, so they still count once and no report changes after an erasure. Coordinators are not counted. A period runs from the first to the last day, both included, in the centre's time zone. Every number comes from what happened in the bot (events, bookings, attendance marks, survey answers), never from numbers typed by hand.
report-method-hidden = Small numbers
# Variables:
#   $threshold (Number) - cells below it are hidden
#   $cells (String) - which cells
report-method-hidden-text = Breakdown cells below { $threshold } are shown as “<{ $threshold }”: { $cells }. Totals are never hidden.
# Variables:
#   $threshold (Number) - the threshold (0: off)
report-method-hidden-none = Nothing hidden (threshold: { $threshold }).
report-def-people-attended-consultation = Distinct people with at least one booking of a one-to-one service (a consultation) that a coordinator marked Present, for a meeting in the period.
report-def-people-used-consultation = Distinct people who booked a one-to-one service in the period (a waiting-list place offered but not taken does not count) or wrote to a person at the centre with “Ask a person”.
report-def-course-completions = Distinct people enrolled in a course (a group service) who were marked Present at more than half of its sessions. A course counts in the period its last session falls in. Enrolled: still booked, or marked Present at least once.
report-def-participants = Distinct people marked Present at least once at a meeting or session in the period (of the service or kind of service the filter names).
report-def-satisfied-share = Share of answered satisfaction surveys with a score of 4 or 5 out of 5, for surveys asked in the period; with the numbers asked, answered and satisfied, and the response rate (answered ÷ asked).
report-def-people-by-region = Distinct people who used a service in the period (booked, were marked Present, or asked a person), by the region of origin they chose to give; “not given” when they did not.
report-def-people-by-source = Distinct people who came in the period through a poster's link carrying a source tag, by tag. Someone who came through two posters counts once in the total.
report-def-faq-views = FAQ answers shown in the period (every showing counts), by topic and language.
report-def-questions-answered = Typed questions in the period for which the search found at least one topic, by language.
report-def-questions-unanswered = Typed questions in the period for which the search found no topic, by language.
report-def-bookings-by-status = Bookings made in the period, by their status today.
report-def-no-show-rate = No-show marks as a share of all attendance marks (Present or No-show) for meetings and sessions in the period.
report-def-new-people = People who wrote to the bot for the first time in the period, by month.
report-def-people-reminded-of-deadline = People who received at least one reminder of a permit or procedure deadline in the period, by kind of deadline.
report-def-course-nudges = Course participants sent a reminder after two missed sessions in a row, with how many answered that they will come and how many stopped.
report-def-announcements-delivered = Announcements delivered to people who follow their topic, by language.
report-def-announcement-registrations = Places booked with the Register button under an announcement, by language.
report-def-unsubscribes = Times people stopped following an announcement topic, by language.
