# Arrival Desk — skupna besedila (slovenščina).
# Oznake sporočil so <funkcija>-<pomen>. Napisi na gumbih naj bodo kratki: berejo se na telefonu.

-brand = Arrival Desk

## Začetek, meni, pomoč

# Variables:
#   $language (String) - the name of the language now in use, in that language
start-welcome =
    Pozdravljeni! To je { -brand }, vstopna točka vašega lokalnega centra za integracijo.
    Tukaj najdete odgovore o dovoljenjih, delu, zdravju in vsakdanjem življenju v Sloveniji, lahko pa tudi vprašate nekoga iz centra.

    Jezik: { $language }. Spremenite ga lahko z gumbom 🌐 spodaj.
menu-title = Izberite temo ali preprosto napišite svoje vprašanje:
menu-language-button = 🌐 Jezik
help-text =
    <b>Kako uporabljati { -brand }</b>
    • Pritisnite temo, da preberete odgovor; »Nazaj« vas vrne korak nazaj, »Domov« na začetek.
    • Vprašanje napišite s svojimi besedami, v katerem koli jeziku.
    • /language zamenja jezik, /start znova pokaže meni.
    Odgovori so splošna usmeritev; za svoj primer se obrnite na center.

## Jezik

language-choose = Izberite jezik:
# Variables:
#   $language (String) - the chosen language's own name
language-set = Urejeno! Odslej vam pišemo v jeziku: { $language }.

## Ukazi (prikazani v meniju ukazov v Telegramu)

command-start = Glavni meni
command-help = Kako deluje ta bot
command-language = Sprememba jezika

## Skupno

common-error = Oprostite, pri nas je prišlo do napake. Poskusite znova čez trenutek.
# Variables:
#   $date (String) - a date already formatted for the reader
#   $time (String) - a time already formatted for the reader
common-date-at-time = { $date } ob { $time }

## Plakati (natisnjeni za oglasne deske delodajalcev)

poster-scan = Skenirajte kodo s kamero telefona, da to temo odprete v Telegramu

## Koordinatorji: stanje vsebine in sprotno nalaganje

coordinator-only = Ta ukaz je namenjen koordinatorjem centra.
# Variables:
#   $complete (Number) - topics present and up to date in every language
#   $total (Number) - all topics
content-status = Vsebina FAQ — teme, popolne in posodobljene v vseh jezikih: { $complete } od { $total }.
content-state-present = v redu
content-state-missing = manjka
content-state-stale = zastarelo
# Variables:
#   $count (Number) - how many errors the checker found
#   $shown (Number) - how many of them are listed below
content-broken =
    ⚠️ Sprememba FAQ ali besedil vmesnika vsebuje { $count ->
        [one] { $count } napako
        [two] { $count } napaki
        [few] { $count } napake
       *[other] { $count } napak
    }, zato bot še naprej prikazuje zadnjo delujočo različico. Za podrobnosti zaženite »arrival-desk faq check«. Prve napake ({ $shown }):
command-book = Rezervacija svetovanja ali tečaja
command-mybookings = Moje rezervacije
command-ask = Vprašajte svetovalca v centru

# One person sent more than FLOOD_MESSAGES_PER_MINUTE updates in a minute.
flood-notice = Sporočila pošiljate zelo hitro. Počakajte minuto in nam pišite znova, odgovorili bomo.
