# Navigacija po pogostih vprašanjih in deli, ki jih bot doda vsakemu odgovoru.

faq-back = ⬅️ Nazaj
faq-home = 🏠 Domov
# Variables:
#   $date (String) - the date a person last checked this answer, formatted for the reader
faq-reviewed = Nazadnje preverjeno: { $date }
faq-sources = Uradni viri:
faq-disclaimer = To je splošna usmeritev, ne pravni nasvet. Pravila se spreminjajo: preverite uradni vir ali v centru vprašajte o svojem primeru.
faq-topic-missing = Ta tema ni več na voljo. Tukaj je trenutni meni.
# Variables:
#   $count (Number) - how many sub-questions are listed below the answer
faq-more-questions =
    { $count ->
        [one] Še { $count } vprašanje na to temo:
        [two] Še { $count } vprašanji na to temo:
        [few] Še { $count } vprašanja na to temo:
       *[other] Še { $count } vprašanj na to temo:
    }

## Vprašanja, napisana z lastnimi besedami

# Variables:
#   $count (Number) - how many matching topics are shown as buttons
search-results =
    { $count ->
        [one] Tukaj je tema, ki se ujema z vašim vprašanjem:
        [two] Tukaj sta temi, ki se ujemata z vašim vprašanjem (najboljša je prva):
        [few] Tukaj so teme, ki se ujemajo z vašim vprašanjem (najboljša je prva):
       *[other] Tukaj so teme, ki se ujemajo z vašim vprašanjem (najboljša je prva):
    }
search-nothing = Oprostite, na to tukaj nimamo odgovora. Poskusite z drugimi besedami, izberite temo spodaj ali vprašajte svetovalca v centru.
search-ask-person = 🙋 Vprašajte svetovalca
