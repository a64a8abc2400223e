# Klepet koordinatorjev in ukazi za koordinatorje (v jeziku COORDINATOR_LANGUAGE).

# Variables:
#   $name (String) - the person's Telegram display name
#   $language (String) - the person's language
#   $service (String) - what was booked
#   $when (String) - date and time
#   $topic (String) - FAQ topic chosen, or —
#   $note (String) - the person's note, or —
#   $booking (Number) - the booking number
co-booked =
    📅 <b>Nova rezervacija #{ $booking }</b>
    { $service }, { $when }
    👤 { $name } ({ $language })
    Tema: { $topic }
    Opomba: { $note }
co-cancelled =
    ✖ <b>Odpovedano #{ $booking }</b>
    { $service }, { $when }
    👤 { $name } ({ $language })
# Variables: as co-booked, and
#   $old (String) - date and time before the move, or —
co-moved =
    ↔ <b>Prestavljeno #{ $booking }</b>
    { $service }: { $old } → <b>{ $when }</b>
    👤 { $name } ({ $language })
    Tema: { $topic }
    Opomba: { $note }
co-confirm = ✅ Potrdite
co-decline = ❌ Zavrnite
co-reason-unavailable = Nihče ni na voljo
co-reason-other-service = Primernejša druga storitev
co-reason-need-documents = Najprej potrebni dokumenti
co-reason-duplicate = Podvojena rezervacija
co-status-pending = čaka na potrditev
co-status-confirmed = potrjeno
co-status-declined = zavrnjeno
co-status-cancelled = odpovedano
co-status-offered = ponujeno s čakalnega seznama
co-status-expired = ponudba je potekla
# Variables:
#   $day (String) - the day
#   $count (Number) - meetings that day
co-agenda-title =
    🗓 <b>{ $day }</b> — { $count ->
        [0] ni rezervacij
        [one] { $count } sestanek
        [two] { $count } sestanka
        [few] { $count } sestanki
       *[other] { $count } sestankov
    }
# Variables:
#   $time (String) - start time
#   $name (String) - display name
#   $language (String) - the person's language
#   $service (String) - service id
#   $status (String) - booking status
#   $mark (String) - attendance mark
#   $slot (Number) - the slot number (/cancelslot takes it)
#   $topic (String) - FAQ topic chosen, or —
#   $note (String) - the person's note, or —
co-agenda-line =
    { $time } · { $name } ({ $language }) · { $service } · termin #{ $slot } · { $status } · { $mark }
        Tema: { $topic } · Opomba: { $note }
co-attendance-open = ni označeno
co-attendance-present = ✅ prišel/-la
co-attendance-no-show = 🚫 ni prišel/-la
co-marked = Shranjeno.
co-gone = Ta rezervacija ne obstaja več ali je odpovedana.
co-agenda-usage = Uporaba: /agenda, /agenda jutri ali /agenda 2026-12-01
co-addslot-usage = Uporaba: /addslot consultation 2026-12-01 16:00
co-addslot-unknown-service = Neznana storitev ali pa je to tečaj (tečaji se načrtujejo v datoteki s storitvami).
co-addslot-in-past = Ta čas je že mimo.
co-addslot-exists = Ta termin že obstaja.
# Variables:
#   $slot (Number) - the new slot's number
#   $service (String) - service id
#   $when (String) - date and time
co-addslot-ok = Dodan termin #{ $slot }: { $service }, { $when }.
co-cancelslot-usage = Uporaba: /cancelslot <številka termina>
# Variables:
#   $count (Number) - people told
co-cancelslot-ok =
    Termin je odpovedan. { $count ->
        [0] Nihče ni bil prijavljen.
        [one] Obveščena je bila { $count } oseba.
        [two] Obveščeni sta bili { $count } osebi.
        [few] Obveščene so bile { $count } osebe.
       *[other] Obveščenih je bilo { $count } oseb.
    }
# After a slot is cancelled, when people waited for a place on it (they are told too).
# Variables:
#   $count (Number) - people on the waiting list who were told
co-cancelslot-waiting-told = Da je odpovedan, smo sporočili tudi osebam s čakalnega seznama: { $count }.
# Variables:
#   $name (String) - display name
#   $language (String) - the person's language
#   $text (String) - their question
co-question =
    ❓ <b>Vprašanje</b> — { $name } ({ $language }):

    { $text }

    <i>Odgovorite na to sporočilo (Reply) in bot bo vaš odgovor posredoval.</i>
co-question-followup =
    ↩️ <b>{ $name }</b> ({ $language }) odgovarja:

    { $text }
co-relay-failed = Odgovora ni bilo mogoče dostaviti: oseba je morda blokirala bota.

# A date typed by a coordinator is too far in the past or future.
# Variables: $first, $last (dates, formatted)
co-date-out-of-range = Izberite datum med { $first } in { $last }.
