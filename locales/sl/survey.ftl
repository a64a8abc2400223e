# The satisfaction question, once per attended consultation or course.
# Variables: $service (the service's name)
survey-question = Kako zadovoljni ste bili s storitvijo »{ $service }«? Izberite oceno od 1 (sploh ne) do 5 (zelo zadovoljni).
survey-thanks-comment = Hvala! Če želite, nam napišite kratek komentar (kaj vam je pomagalo, kaj bi lahko naredili bolje) ali pritisnite »Preskoči«.
survey-skip = Preskoči
survey-thanks = Hvala za vaš odgovor.
survey-already = Vaš odgovor že imamo. Hvala!
survey-closed = Hvala! To vprašanje je že zaprto, zato vašega odgovora ne štejemo več.
