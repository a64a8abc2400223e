# Poročila za financerja (/report, mesečna objava, datoteke). V jeziku COORDINATOR_LANGUAGE.

## Izbira obdobja

report-choose = 📊 Za katero obdobje naj bo poročilo?
report-period-month = Ta mesec
report-period-last-month = Prejšnji mesec
report-period-quarter = To četrtletje
report-period-year = To leto
report-period-all = Od začetka
report-usage = Izberite obdobje z gumbi ali vpišite dva datuma: /report 2026-01-01 2026-06-30
report-no-indicators = Kazalniki niso nastavljeni: datoteka faq/indicators.yaml manjka ali je prazna.
# Variables:
#   $first (String) - first day, YYYY-MM-DD
#   $last (String) - last day, YYYY-MM-DD
report-monthly-post = 📊 Poročilo za prejšnji mesec ({ $first } – { $last }), samodejno objavljeno:

## Tabela

# Variables:
#   $first (String) - first day, YYYY-MM-DD
#   $last (String) - last day, YYYY-MM-DD
report-title = Kazalniki { $first } – { $last }
report-col-indicator = Kazalnik
report-col-goal = Cilj
report-col-result = Rezultat
report-col-comments = Komentarji
report-col-unit = Enota
report-col-breakdown = Razčlenitev
report-col-month = Mesec
report-col-people-served = Obravnavane osebe
report-col-what = Kaj
report-col-how = Kako se šteje
report-unit-people = osebe
report-unit-percent = %
report-unit-count = število
# Variables:
#   $name (String) - the indicator's name
#   $goal (String) - the goal, or —
#   $result (String) - the result
report-line =
    <b>{ $name }</b>
    Cilj: { $goal } · Rezultat: <b>{ $result }</b>
# Variables:
#   $months (String) - "2026-11: 12, 2026-12: 20"
report-monthly-line = <b>Obravnavane osebe po mesecih</b>: { $months }
report-chart-trend = Obravnavane osebe po mesecih
report-files-caption = Isto poročilo kot graf, delovni zvezek in datoteka CSV.

## Ključi razčlenitve

report-key-asia = Azija
report-key-africa = Afrika
report-key-balkans = Balkan
report-key-other-europe = druga Evropa
report-key-south-america = Južna Amerika
report-key-other = drugo
report-key-not-given = ni navedeno
report-key-pending = čaka
report-key-confirmed = potrjeno
report-key-offered = ponujeno
report-key-declined = zavrnjeno
report-key-cancelled = odpovedano
report-key-expired = poteklo
report-key-enrolled = vpisani
report-key-completed = zaključili
report-key-asked = vprašani
report-key-answered = odgovorili
report-key-satisfied = zadovoljni
report-key-response-rate = odzivnost
report-key-marks = oznake
report-key-no-show = ni prišel

## List Metoda

report-method-period = Obdobje
report-method-generated = Ustvarjeno
report-method-person = Ena oseba
report-method-person-text = Ena oseba je en uporabnik bota. Dogodki nosijo ključevano zgoščeno vrednost osebe, nikoli ID-ja v Telegramu. Ko nekdo zahteva izbris, ostane od njega le anonimni zapis pod novim naključnim ključem, ki si ga delijo njegovi dogodki, rezervacije, prisotnosti in odgovori, zato se še vedno šteje enkrat in se nobeno poročilo po izbrisu ne spremeni. Koordinatorji se ne štejejo. Obdobje traja od prvega do zadnjega dne, oba vključena, v časovnem pasu centra. Vsako število izhaja iz dogajanja v botu (dogodki, rezervacije, oznake prisotnosti, odgovori na ankete), nikoli iz ročno vpisanih števil.
report-method-hidden = Majhna števila
# Variables:
#   $threshold (Number) - cells below it are hidden
#   $cells (String) - which cells
report-method-hidden-text = Celice razčlenitve pod { $threshold } so prikazane kot »<{ $threshold }«: { $cells }. Skupna števila niso nikoli skrita.
# Variables:
#   $threshold (Number) - the threshold (0: off)
report-method-hidden-none = Nič ni skrito (prag: { $threshold }).
report-def-people-attended-consultation = Različne osebe z vsaj eno rezervacijo individualne storitve (svetovanja), ki jo je koordinator označil kot »prisoten«, za srečanje v obdobju.
report-def-people-used-consultation = Različne osebe, ki so v obdobju rezervirale individualno storitev (ponujeno, a nesprejeto mesto s čakalnega seznama se ne šteje) ali pisale osebi v centru z gumbom »Vprašajte svetovalca«.
report-def-course-completions = Različne osebe, vpisane v tečaj (skupinsko storitev), ki so bile označene kot prisotne na več kot polovici srečanj. Tečaj se šteje v obdobju, v katerega pade njegovo zadnje srečanje. Vpisani: še vedno rezervirani ali vsaj enkrat prisotni.
report-def-participants = Različne osebe, vsaj enkrat označene kot prisotne na srečanju v obdobju (storitve ali vrste storitve iz filtra).
report-def-satisfied-share = Delež odgovorjenih anket o zadovoljstvu z oceno 4 ali 5 od 5, za ankete, poslane v obdobju; s številom poslanih, odgovorjenih in zadovoljnih ter odzivnostjo (odgovorjene ÷ poslane).
report-def-people-by-region = Različne osebe, ki so v obdobju uporabile storitev (rezervirale, bile označene kot prisotne ali vprašale osebo), po regiji izvora, ki so jo želele navesti; »ni navedeno«, če je niso.
report-def-people-by-source = Različne osebe, ki so v obdobju prišle prek povezave s plakata z oznako vira, po oznaki. Kdor je prišel prek dveh plakatov, se v skupnem številu šteje enkrat.
report-def-faq-views = Prikazani odgovori iz pogostih vprašanj v obdobju (šteje vsak prikaz), po temi in jeziku.
report-def-questions-answered = Vpisana vprašanja v obdobju, za katera je iskanje našlo vsaj eno temo, po jeziku.
report-def-questions-unanswered = Vpisana vprašanja v obdobju, za katera iskanje ni našlo nobene teme, po jeziku.
report-def-bookings-by-status = Rezervacije, narejene v obdobju, po današnjem stanju.
report-def-no-show-rate = Oznake »ni prišel« kot delež vseh oznak prisotnosti (prisoten ali ni prišel) za srečanja v obdobju.
report-def-new-people = Osebe, ki so botu v obdobju pisale prvič, po mesecih.
report-def-people-reminded-of-deadline = Osebe, ki so v obdobju prejele vsaj en opomnik na rok za dovoljenje ali postopek, po vrsti roka.
report-def-course-nudges = Udeleženci tečaja, ki so po dveh zaporednih izostankih prejeli opomnik, s tem, koliko jih je odgovorilo, da pridejo, in koliko jih je odstopilo.
report-def-announcements-delivered = Obvestila, dostavljena osebam, ki spremljajo njihovo temo, po jezikih.
report-def-announcement-registrations = Mesta, rezervirana z gumbom Prijava pod obvestilom, po jezikih.
report-def-unsubscribes = Kolikokrat so osebe prenehale spremljati temo obvestil, po jezikih.
