command-privacy = Kaj hranimo o vas
# Variables: $days (how long personal data is kept after the last message)
privacy-text =
    <b>Kaj hranimo in zakaj</b>
    • Da vam lahko odgovorimo: vaš ID v Telegramu, vaše ime, kot ga prikaže Telegram, in vaš jezik.
    • Za termine: vaše rezervacije, opombe, ki ste jih napisali, jezik, za katerega potrebujete tolmača, ali ste prišli, vaše odgovore na kratke ankete in vprašanja, ki ste jih poslali centru (hranimo le čas pošiljanja; besedilo ostane v klepetu centra v Telegramu).
    • Za roke, ki jih dodate (/deadlines): vrsto, datum, vaše kratko ime zanje in katere korake ste odkljukali, dokler jih ne izbrišete; iz tega pošiljamo opomnike.
    • Za obvestila (/subscriptions): teme, ki ste jih izbrali, dokler se ne odjavite.
    • Za poročila centra: katere storitve ste uporabili (na primer katere teme ste prebrali), pod kodo, iz katere ni razvidno, kdo ste. Poročila vsebujejo le številke.
    • Vprašanja, na katera bot ni znal odgovoriti, hranimo 30 dni brez povezave z vami, da sodelavci vedo, o čem naj pišejo.
    Vaše ime in rezervacije vidijo le koordinatorji centra. Nikoli ne sprašujemo po narodnosti, veri ali zdravju.
    Če nam { $days } dni ne pišete, se vaši osebni podatki samodejno izbrišejo. Ogledate ali izbrišete si jih lahko že zdaj:
privacy-mydata-button = 📄 Pokaži moje podatke
privacy-mydata-caption = Vse, kar hranimo o vas.
privacy-forget-button = 🗑 Izbriši moje podatke
privacy-region-button = 🌍 Regija izvora (neobvezno)
privacy-forget-question = S tem izbrišemo vaš ID v Telegramu, ime, opombe, komentarje in vprašanja ter odpovemo vaše prihodnje termine (center o tem obvestimo). Številke, ki so že v poročilih, ostanejo, vendar niso več povezane z vami. Želite izbrisati?
privacy-forget-yes = Da, izbrišite moje podatke
privacy-forget-keep = Ne, obdržite jih
# Variables: $count (future bookings cancelled)
privacy-forgotten =
    Opravljeno: vaši osebni podatki so izbrisani. { $count ->
        [0] Prihodnjih terminov niste imeli.
        [one] Odpovedali smo en prihodnji termin in o tem obvestili center.
        [two] Odpovedali smo dva prihodnja termina in o tem obvestili center.
        [few] Odpovedali smo { $count } prihodnje termine in o tem obvestili center.
       *[other] Odpovedali smo { $count } prihodnjih terminov in o tem obvestili center.
    }
    Če nam znova pišete, začnemo na novo.
privacy-region-question = Od kod prihajate? Odgovor ni obvezen: center poroča, koliko ljudem iz posamezne regije pomaga, nikoli pa, kdo so.
privacy-region-skip = Raje ne povem
privacy-region-saved = Hvala, shranjeno.
region-asia = Azija
region-africa = Afrika
region-balkans = Balkan
region-other-europe = Druge evropske države
region-south-america = Južna Amerika
region-other = Drugo

# Asked once, before the first booking, question to the centre or profile.
consent-question = Preden nadaljujemo: za rezervacijo, za posredovanje vašega vprašanja centru, za opomnik na rok ali za obvestila, ki jih izberete, shranimo vaše ime, vaš ID v Telegramu in to, kar rezervirate, vprašate ali nastavite; vidijo jih koordinatorji centra. Uporabimo jih samo za to, ogledate ali izbrišete pa si jih lahko kadar koli z ukazom /privacy. Se strinjate?
consent-yes = Da, strinjam se
consent-no = Ne
consent-more = Kaj natančno shranite?
consent-thanks = Hvala.
consent-refused = V redu: za to ne shranimo ničesar. Vse odgovore lahko še naprej berete tukaj, center pa lahko obiščete ali pokličete tudi osebno:
consent-contact = Kako doseči center
# Two lines on first contact.
privacy-first-contact = Vprašanj, ki jih napišete, ne shranjujemo skupaj z vašim imenom ali ID-jem. Da lahko štejemo uporabo, beležimo, katere teme se berejo, pod kodo, iz katere ni razvidno, kdo ste. Več: /privacy
