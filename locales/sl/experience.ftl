# Prvi stik, pozdravi, odgovori v ponovnem preverjanju in tedenski seznam za pregled.

# Variables:
#   $language (String) - the language we guessed, its own name in lower case where that language writes it so
language-guessed = Po nastavitvah vašega telefona smo izbrali jezik: { $language }. Če vam bolj ustreza drug jezik, izberite ga tukaj:
greeting-reply = Pozdravljeni! 👋 Kako vam lahko pomagamo? Izberite temo ali napišite vprašanje s svojimi besedami:
faq-review-overdue = ⏳ Ta odgovor ponovno preverjamo po uradnih virih. Če je od njega odvisen vaš primer, nam pišite: odgovoril vam bo svetovalec iz centra.

## Koordinatorji: teme s pretečenim pregledom

# Variables:
#   $count (Number) - how many topics are past their review date
content-overdue =
    { $count ->
        [one] { $count } tema čaka na ponovni pregled (pregledano → rok):
        [two] { $count } temi čakata na ponovni pregled (pregledano → rok):
        [few] { $count } teme čakajo na ponovni pregled (pregledano → rok):
       *[other] { $count } tem čaka na ponovni pregled (pregledano → rok):
    }
# Variables:
#   $count (Number) - how many topics are past their review date
content-overdue-weekly =
    📋 Tedenski pregled FAQ: { $count ->
        [one] { $count } tema je
        [two] { $count } temi sta
        [few] { $count } teme so
       *[other] { $count } tem je
    } po roku za pregled. Bot jih še prikazuje, z opombo, da jih ponovno preverjamo. Vsako primerjajte z viri in nato posodobite »reviewed« v njeni datoteci topic.yaml:
