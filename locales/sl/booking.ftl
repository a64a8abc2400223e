# Rezervacije svetovanj, tečajev in dogodkov; opomniki; čakalni seznam.
# Čas in datum prideta že oblikovana za bralca ($when, $day).

booking-book-button = 📅 Rezervirajte
booking-my-button = 🗓 Moje rezervacije
booking-none-offered = Trenutno ni ničesar za rezervacijo. Namesto tega lahko vprašate nekoga iz centra.
booking-choose-service = Kaj želite rezervirati?
# Variables:
#   $service (String) - the service's name
booking-choose-day = <b>{ $service }</b>
    Izberite dan:
# Variables:
#   $service (String) - the service's name
booking-no-days = <b>{ $service }</b>: v naslednjih tednih ni prostih terminov. Vprašajte nekoga iz centra in skupaj bomo našli termin.
# Variables:
#   $day (String) - the chosen day
booking-choose-time = { $day }: izberite uro.
booking-later-times = Kasneje ›
booking-earlier-times = ‹ Prej
booking-choose-topic = Za kaj gre? Izberite temo ali napišite kratko opombo (ni obvezno).
booking-skip-topic = Preskočite
# Variables:
#   $service (String) - the course or event
#   $sessions (String) - one line per date
#   $free (Number) - places left
booking-group =
    <b>{ $service }</b>
    { $sessions }

    { $free ->
        [0] Prostih mest ni več. Lahko se vpišete na čakalni seznam: ko se mesto sprosti, ga ponudimo prvemu na seznamu.
        [one] Ostalo je še { $free } prosto mesto.
        [two] Ostali sta še { $free } prosti mesti.
        [few] Ostala so še { $free } prosta mesta.
       *[other] Ostalo je še { $free } prostih mest.
    }
booking-enrol = ✅ Prijavite se
booking-join-waitlist = 🕒 Vpišite se na čakalni seznam
# Variables:
#   $service (String) - the service's name
#   $when (String) - date and time
#   $place (String) - address, may be a link
booking-details =
    <b>{ $service }</b>
    🕒 { $when }
    📍 { $place }
# Variables:
#   $details (String) - what, when and where
booking-confirm-question =
    Prosimo, preverite svojo rezervacijo:

    { $details }
booking-confirm = ✅ Potrdite rezervacijo
# Variables:
#   $note (String) - the person's own note
booking-note-line = Vaša opomba: { $note }
# Variables:
#   $details (String) - what, when and where
#   $cutoff (Number) - hours before the start after which cancelling needs a call to the centre
booking-done =
    ✅ Rezervirano:

    { $details }

    Center vam bo rezervacijo potrdil tukaj. Pred začetkom boste prejeli opomnike. Če jo želite odpovedati ali spremeniti, uporabite »Moje rezervacije« (/mybookings) najpozneje { $cutoff ->
        [one] { $cutoff } uro
        [two] { $cutoff } uri
        [few] { $cutoff } ure
       *[other] { $cutoff } ur
    } pred začetkom. Z datoteko koledarja spodaj jo dodate v koledar v telefonu.
booking-calendar = 📎 Dodajte to v svoj koledar.
booking-calendar-cancelled = 📎 S to datoteko termin odstranite iz koledarja.
booking-calendar-description = Rezervirano prek Arrival Desk. Prosimo, prinesite izkaznico dovoljenja za prebivanje ali potni list.
booking-slot-taken = Oprostite, ta termin je pravkar zasedel nekdo drug.
booking-alternatives = Ti termini so še prosti:
booking-gone = Ta rezervacija ali termin ni več na voljo. Nič ni bilo spremenjeno.
booking-already = To ste že rezervirali.
booking-already-waiting = Na čakalnem seznamu ste že.
# Variables:
#   $cutoff (Number) - hours before the start
booking-too-late = Do začetka je manj kot { $cutoff ->
        [one] { $cutoff } ura
        [two] { $cutoff } uri
        [few] { $cutoff } ure
       *[other] { $cutoff } ur
    }, zato tega tukaj ni več mogoče spremeniti. Prosimo, pišite centru.
# Variables:
#   $service (String) - the course or event
booking-waitlist-joined = Vpisani ste na čakalni seznam: <b>{ $service }</b>. Ko se mesto sprosti, vam bomo to sporočili tukaj.
booking-my-none = Nimate prihajajočih rezervacij.
# Variables:
#   $count (Number) - upcoming bookings
booking-my-title =
    { $count ->
        [one] Imate { $count } prihajajočo rezervacijo:
        [two] Imate { $count } prihajajoči rezervaciji:
        [few] Imate { $count } prihajajoče rezervacije:
       *[other] Imate { $count } prihajajočih rezervacij:
    }
booking-status-pending = čaka na potrditev centra
booking-status-confirmed = potrjeno
booking-status-offered = mesto vam je ponujeno
booking-cancel = ✖ Odpovejte
booking-move = ↔ Spremenite termin
# Variables:
#   $details (String) - what, when and where
booking-cancel-question =
    Želite odpovedati to rezervacijo?

    { $details }
booking-cancel-yes = Da, odpovejte jo
booking-keep = Ne, obdržite jo
booking-cancelled = Vaša rezervacija je odpovedana. Hvala, da ste nam sporočili — termin je zdaj prost za nekoga drugega.
# Variables:
#   $details (String) - what, when and where (the new time)
booking-moved =
    ↔ Spremenjeno. Vaš novi termin:

    { $details }

    Center vam ga bo potrdil tukaj.
# Variables:
#   $details (String) - what, when and where
booking-confirmed-by-centre =
    ✅ Center je potrdil vašo rezervacijo:

    { $details }
# Variables:
#   $details (String) - what, when and where
#   $reason (String) - why, in a few words
booking-declined =
    Oprostite, center te rezervacije ne more sprejeti:

    { $details }

    Razlog: { $reason }
    Prosimo, izberite drug termin:
booking-reason-unavailable = takrat ni na voljo nikogar iz centra
booking-reason-other-service = za vaše vprašanje je primernejša druga storitev
booking-reason-need-documents = najprej prinesite svoje dokumente; razložili vam bomo, kaj potrebujete
booking-reason-duplicate = za to že imate rezervacijo
# Variables:
#   $details (String) - what, when and where
booking-slot-cancelled-by-centre =
    Oprostite, center je moral ta termin odpovedati:

    { $details }

    Prosimo, izberite drug termin.
# Variables:
#   $details (String) - what, when and where
booking-reminder =
    ⏰ Opomnik:

    { $details }
# Variables:
#   $details (String) - what, when and where
#   $until (String) - date and time the offer ends
booking-offer =
    🎉 Za vas se je sprostilo mesto:

    { $details }

    Mesto zadržimo za vas. Rok za odgovor: { $until }. Ali ga želite?
booking-offer-accept = ✅ Da, sprejmem
booking-offer-decline = Ne, hvala
booking-offer-declined = V redu. Mesto gre naslednji osebi na čakalnem seznamu.

## Vprašajte osebo

ask-write = Vprašanje napišite v enem sporočilu, v svojem jeziku. Nekdo iz centra vam bo odgovoril tukaj.
ask-sent = ✅ Poslano. Nekdo iz centra vam bo odgovoril tukaj, običajno v enem delovnem dnevu.
ask-unavailable = Oprostite, center trenutno tukaj ne more sprejemati vprašanj. Prosimo, uporabite kontaktne podatke v meniju.
# Variables:
#   $text (String) - the coordinator's answer
ask-answer =
    💬 Odgovor iz centra:

    { $text }
ask-write-back = ✍️ Odgovorite

# Lines a reminder may carry.
booking-reminder-unconfirmed = Center tega termina še ni potrdil; ko ga bo, boste prejeli sporočilo.
# Variables: $cutoff (hours before the start after which the person cannot change the booking)
booking-reminder-too-late = Tukaj ga zdaj ni več mogoče odpovedati ali spremeniti ({ $cutoff ->
        [one] manj kot { $cutoff } uro pred začetkom
        [two] manj kot { $cutoff } uri pred začetkom
        [few] manj kot { $cutoff } ure pred začetkom
       *[other] manj kot { $cutoff } ur pred začetkom
    }). Če ne morete priti, pišite centru.
booking-write-centre = ✉️ Pišite centru
# Variables: $limit (characters a note may have)
booking-note-shortened = (Opomba ima lahko največ { $limit } znakov: ohranili smo začetek. Ostalo lahko poveste na srečanju.)
# A place on a waiting list in /mybookings. Variables: $position (1 = next in line)
booking-status-waiting = na čakalnem seznamu, { $position }. mesto
booking-leave-waitlist = Zapusti seznam
booking-left-waitlist = Zapustili ste čakalni seznam.
booking-limit = Za to že imate prihodnji termin. Čas lahko spremenite ali termin odpoveste v »Moje rezervacije«, nov termin pa rezervirate po njem.
# Variables:
#   $details (String) - what, when and where
booking-waitlist-slot-cancelled =
    Oprostite, center je moral odpovedati ta tečaj ali dogodek, zato je čakalni seznam zaprt:

    { $details }

    Ničesar vam ni treba storiti. Lahko rezervirate drug termin ali pišete centru.
# Variables:
#   $details (String) - what, when and where
booking-offer-slot-cancelled =
    Oprostite, center je moral odpovedati ta tečaj ali dogodek, zato mesto, ki smo vam ga ponudili, ni več na voljo:

    { $details }

    Ničesar vam ni treba storiti. Lahko rezervirate drug termin ali pišete centru.
