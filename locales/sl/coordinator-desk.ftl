# Skupni delovni pregled koordinatorjev (/pending), kdo je kaj uredil, zavrnitev z razlogom,
# zapiranje in odpoved terminov, gumbi za prisotnost in /help za koordinatorje.
# V klepetu koordinatorjev v jeziku COORDINATOR_LANGUAGE, v zasebnem klepetu v jeziku koordinatorja.

## /pending: rezervacije, ki čakajo na odločitev

# Variables:
#   $count (Number) - bookings waiting for confirmation
co-pending-title =
    ⏳ <b>Čaka na potrditev:</b> { $count ->
        [0] nič, o vseh rezervacijah je odločeno.
        [one] { $count } rezervacija.
        [two] { $count } rezervaciji.
        [few] { $count } rezervacije.
       *[other] { $count } rezervacij.
    }
# Variables:
#   $booking (Number) - the booking number
#   $when (String) - date and time of the meeting
#   $service (String) - the service
#   $slot (Number) - the slot number (/cancelslot takes it)
#   $name (String) - the person's Telegram display name
#   $language (String) - the person's language
#   $topic (String) - FAQ topic chosen, or —
#   $note (String) - the person's note, or —
co-pending-line =
    <b>#{ $booking }</b> · { $when } · { $service } · termin #{ $slot }
    👤 { $name } ({ $language }) · Tema: { $topic } · Opomba: { $note }
# Variables:
#   $more (Number) - bookings waiting that are not listed
co-pending-more = … in še { $more } poznejših. Najprej odločite o teh, nato znova pošljite /pending.
# Variables:
#   $booking (Number) - the booking number
co-pending-confirm = ✅ Potrdite #{ $booking }
# Variables:
#   $booking (Number) - the booking number
co-pending-decline = ❌ Zavrnite #{ $booking }
co-pending-refresh = 🔄 Osveži
# Variables:
#   $booking (Number) - the booking number
co-pending-choose-reason = Zavrnitev #{ $booking }: izberite razlog.

## Kdo je odločil

# Variables:
#   $name (String) - the first name of the coordinator who confirmed
co-signed-confirmed = ✅ <b>Potrjeno</b> ({ $name })
# Variables:
#   $name (String) - the first name of the coordinator who declined
#   $reason (String) - the reason given
co-signed-declined = ❌ <b>Zavrnjeno</b> ({ $name }): { $reason }
# Variables:
#   $name (String) - the first name of the coordinator who decided first
co-already-confirmed = Rezervacija je že potrjena ({ $name }). Nič ni bilo spremenjeno.
# Variables:
#   $name (String) - the first name of the coordinator who decided first
co-already-declined = Rezervacija je že zavrnjena ({ $name }). Nič ni bilo spremenjeno.
# Variables:
#   $status (String) - what the booking is now (cancelled, …)
co-already-changed = Stanje rezervacije je zdaj: { $status }. Nič ni bilo spremenjeno.
# A Confirm pressed on a notice whose booking was moved after it (a newer notice shows the new time).
# Variables:
#   $when (String) - the booking's new date and time
co-notice-moved = Rezervacija je bila po tem obvestilu prestavljena na { $when }. Nič ni bilo spremenjeno: potrdite jo na novejšem obvestilu.

## Zavrnitev

co-reason-other = ✏️ Drug razlog (vpišite ga)
co-reasons-back = ← Nazaj
# Variables:
#   $booking (Number) - the booking number
#   $language (String) - the language the person reads
#   $limit (Number) - the most characters the reason may have
co-reason-prompt =
    V enem sporočilu napišite razlog za zavrnitev #{ $booking } (največ { $limit } znakov).
    Oseba ga bo prejela tako, kot ga napišete, zato pišite v jeziku, ki ga razume ({ $language }).
# Variables:
#   $length (Number) - characters typed
#   $limit (Number) - the most characters the reason may have
co-reason-too-long = Besedilo ima { $length } znakov, dovoljenih je največ { $limit }. Napišite ga znova, krajše.
# Variables:
#   $text (String) - the reason as the coordinator typed it
booking-reason-other = center je zapisal: „{ $text }“
# Variables:
#   $details (String) - what, when and where
#   $reason (String) - why, in a few words
booking-declined-final =
    Žal center te rezervacije ne more sprejeti:

    { $details }

    Razlog: { $reason }

## Zapiranje in odpoved terminov

# Variables:
#   $slot (Number) - the slot number
#   $when (String) - date and time
#   $count (Number) - other people booked on the slot, who would be told
co-close-slot-ask =
    Termin { $when }: na voljo ni nikogar. Želite zapreti termin #{ $slot }, da ga nihče drug ne rezervira? { $count ->
        [0] Drugih prijav na ta termin ni.
        [one] Obveščena bo še { $count } oseba, ki je prijavljena nanj.
        [two] Obveščeni bosta še { $count } osebi, ki sta prijavljeni nanj.
        [few] Obveščene bodo še { $count } osebe, ki so prijavljene nanj.
       *[other] Obveščenih bo še { $count } oseb, ki so prijavljene nanj.
    }
# Variables:
#   $slot (Number) - the slot number
co-close-slot-yes = Da, zaprite termin #{ $slot }
co-close-slot-no = Ne, naj ostane odprt
# Variables:
#   $slot (Number) - the slot number
#   $service (String) - the service
#   $when (String) - date and time
#   $count (Number) - people booked on the slot, who will be told
co-cancelslot-ask =
    Želite odpovedati termin #{ $slot }: { $service }, { $when }? { $count ->
        [0] Nanj ni prijavljen nihče.
        [one] Obveščena bo { $count } oseba, ki je prijavljena nanj.
        [two] Obveščeni bosta { $count } osebi, ki sta prijavljeni nanj.
        [few] Obveščene bodo { $count } osebe, ki so prijavljene nanj.
       *[other] Obveščenih bo { $count } oseb, ki so prijavljene nanj.
    }
# Variables:
#   $slot (Number) - the slot number
co-cancelslot-yes = Da, odpovejte termin #{ $slot }
co-cancelslot-no = Ne
# Variables:
#   $slot (Number) - the slot number
co-slot-kept = Nič ni bilo spremenjeno: termin #{ $slot } ostaja odprt.
# Variables:
#   $slot (Number) - the slot number typed or pressed
co-slot-gone = Odprtega termina #{ $slot } ni: ne obstaja ali je že odpovedan. Številke terminov so v /agenda.

## Prisotnost v dnevnem razporedu

# Variables:
#   $time (String) - start time
#   $name (String) - the person's display name
co-mark-present = ✓ Prišel/-la · { $time } { $name }
# Variables:
#   $time (String) - start time
co-mark-no-show = ✗ Ni prišel/-la · { $time }
co-marks-later = Gumba za prisotnost se pokažeta tukaj, ko se srečanje začne.
co-not-started = Srečanje se še ni začelo: prisotnost lahko označite, ko se začne.

## Vprašanja, posredovana od ljudi

# Variables:
#   $name (String) - the first name of the coordinator who answered
co-question-answered = ✔ Odgovorjeno ({ $name }); odgovor je na poti k osebi.

## /help za koordinatorje

co-help =
    <b>Za koordinatorje</b>
    /pending: rezervacije, ki čakajo na potrditev, z gumboma Potrdite / Zavrnite
    /agenda, /agenda jutri, /agenda 2026-12-01: srečanja dneva s številkami terminov; prisotnost, ko se srečanje začne
    /addslot consultation 2026-12-01 16:00: nov termin za svetovanje
    /cancelslot N: odpoved termina N (najprej vas vpraša; vsi prijavljeni so obveščeni)
    /report: kazalniki za financerja za izbrano obdobje
    /gaps: vprašanja, na katera ljudje niso našli odgovora
    /faqstatus: manjkajoči in zastareli prevodi vprašanj in odgovorov
    Na vprašanje osebe odgovorite z odgovorom (Reply) nanj v klepetu koordinatorjev.
