# Spremljanje tečaja (dve zaporedni odsotnosti) in obvestila po temah.

## Opomnik po dveh zaporednih izostankih

# Variables: $course (the course's name), $when (the next session's date and time)
course-nudge =
    Na zadnjih dveh srečanjih tečaja »{ $course }« vas nismo videli. Je vse v redu?
    Naslednje srečanje bo { $when }. Veseli bomo, če pridete.
    Če ne morete nadaljevati, nam sporočite: vaše mesto bo dobil nekdo s čakalnega seznama.
course-nudge-come = ✅ Pridem
course-nudge-stop = ✖ Ne morem nadaljevati
course-nudge-see-you = Hvala! Vidimo se na naslednjem srečanju.
course-nudge-stopped = Hvala, da ste nam sporočili. Vaše mesto na tečaju je odpovedano in gre naslednji osebi na čakalnem seznamu. Dobrodošli na katerem od naslednjih tečajev.
course-nudge-gone = To mesto ni več rezervirano za vas.

## /course: kdo je na poti do zaključka (za koordinatorje)

course-view-none = Trenutno ne poteka noben tečaj.
# Variables: $course (the course's name), $start (its first session)
course-view-title = <b>{ $course }</b> (od { $start })
course-view-on-track = <i>Na dobri poti (več kot polovica srečanj je še mogoča):</i>
course-view-at-risk = <i>Ni na dobri poti:</i>
course-view-nobody = —
# Variables: $name (first name), $present, $absent, $ahead, $total (numbers of sessions)
course-view-person = • { $name }: prisoten { $present }, odsoten { $absent }, še pred nami { $ahead } (od { $total })

## Naročnine

command-subscriptions = Obvestila po temah

subscriptions-intro = Katera obvestila želite prejemati? Tapnite temo, da jo vklopite ali izklopite.
# Variables: $topic (the topic's name)
subscriptions-on = ✅ { $topic }
# Variables: $topic (the topic's name)
subscriptions-off = ▫️ { $topic }
announce-topic-courses = Jezikovni tečaji
announce-topic-consultations = Dnevi svetovanja
announce-topic-events = Dogodki
announce-topic-work = Delo in dovoljenja

## Obvestilo, kot ga prejmejo ljudje

announce-header = 📣 <b>Obvestilo centra</b>
announce-register = 📝 Prijava
# Variables: $topic (the topic's name)
announce-unsubscribe = 🔕 Nič več o: { $topic }
# Variables: $topic (the topic's name)
announce-unsubscribed = Obvestil o temi »{ $topic }« ne boste več prejemali. Teme spremenite z ukazom /subscriptions.
# Variables: $course (the service's name), $when (its start)
announce-registered = Prijavljeni ste na »{ $course }« ({ $when }). Center bo vaše mesto potrdil.
announce-register-full = Žal ni več prostih mest. Ukaz /book pokaže čakalni seznam.
announce-register-already = Prijavljeni ste že.
announce-register-gone = Prijava ni več mogoča.

## /announce (za koordinatorje)

# Variables: $language (the language's name), $step, $steps (numbers)
announce-write = Obvestilo, jezik { $step } od { $steps }: napišite besedilo v jeziku { $language } ali tapnite »Preskoči« (njegovi bralci potem ne dobijo ničesar).
announce-skip = Preskoči ta jezik
# Variables: $language (the readers' languages)
announce-preview-language = <b>Predogled za bralce jezika { $language }:</b>
# Variables: $language (the readers' languages)
announce-preview-empty = ⚠️ Ni besedila v jeziku { $language }: bralci jezika { $language } tega obvestila ne bodo prejeli.
# Variables: $topics (the chosen topics), $count (recipients now), $register (the Register slot)
announce-controls =
    <b>Teme:</b> { $topics }
    <b>Prejemnikov zdaj:</b> { $count }
    <b>Gumb za prijavo:</b> { $register }
    Izberite teme in tapnite »Pošlji«.
announce-no-topics = še nobena
announce-no-register = Brez gumba za prijavo
announce-add-register = 📝 Gumb za prijavo …
announce-pick-slot = Na kateri tečaj ali dogodek naj prijavlja gumb?
announce-send = 📣 Pošlji
announce-not-ready = Najprej izberite vsaj eno temo in napišite besedilo vsaj v enem jeziku.
announce-started = Pošiljanje se je začelo.
# Variables: $when (the local day and time sending begins: the next morning)
announce-started-morning = Je noč: z novicami ne budimo nikogar. Pošiljanje se začne: { $when }.
# Variables: $sent, $blocked, $failed, $togo (numbers of recipients)
announce-progress = 📣 Pošiljanje: poslano { $sent }, blokiralo bota { $blocked }, neuspešno { $failed }, še { $togo }.
announce-stop = ⏹ Ustavi pošiljanje
announce-stopped = Pošiljanje je ustavljeno: nihče drug ga ne bo prejel.
announce-gone = Tega obvestila ni več mogoče spreminjati.
# Variables: $sent, $blocked, $failed, $cancelled (numbers of recipients)
announce-summary = 📣 Obvestilo je poslano: poslano { $sent }, blokiralo bota { $blocked }, neuspešno { $failed }, ni poslano { $cancelled } (ustavljeno ali odjavljeno).
