"""Written by `python -m bot.faq.countries` from CLDR (Babel); do not edit."""

COUNTRY_NAMES = """
afganistan afghanistan albania albanija algeria alzir alzirija andora andorra angilja angola
anguilla angvila antarctica antarktida antarktik antarktika argentina armenia armenija aruba
australia australija austria austrija avganistan avstralija avstrija azerbaijan azerbajdzan
azerbejdzan bagami bahamas bahami bahrain bahrajn bahrein bahrejn banglades bangladesh barbados
belarus belgija belgium beliz belize belorusija benin bermuda bermudi bhutan bilorus bjelorusija
bocvana bolgarija bolivia bolivija botsvana botswana brazil brazilija brunei brunej bugarska
bulgaria burkina-faso burundi butan cambodia cameroon canada cehija cernogorija ceska chile china
cipar ciper colombia comoros cornogorija croatia curacao cyprus czechia danija danska denmark
diego-garsija djibouti dominica dominika dzersi dzerzi dzibuti ecuador efiopija egipat egipet egipt
egypt ekvador eritrea eritreja estonia estonija esvatini eswatini ethiopia etiopija eurozona
eurozone evroobmocje evrozona fidzi filipini filippini finland finljandija finska france francija
francuska gabon gaiti gajana gambia gambija georgia germanija germany gernsi gernzi ghana gibraltar
gonduras grcija grcka grecija greece greenland grenada grenland grenlandija gruzija guadalupe
guadeloupe guatemala guernsey guinea guinea-bissau guyana gvadelup gvadelupa gvajana gvatemala
gvineja gvineja-bisao gvineja-bisau haiti holandija honduras horvatija hrvaska hrvatska hungary
iceland india indija indonesia indonezija iordanija ireland irlandija irska island islandija
ispanija israel italija italy izrael izrail jamaica jamajka japan japonija japonska jemen jermenija
jersey jordan jordanija kabo-verde kambodza kamerun kanada kanari katar kazahstan kazakhstan kenija
kenya kipar kirgistan kirgizija kirgizistan kirgizstan kiribati kitaj kitajska kjurasao kolumbija
komori kosovo kosta-rika kostarika kot-divuar kurasao kuvajt kuvejt kuwait kyrgyzstan latvia
latvija lebanon lesotho lesoto letonija liban libanon liberia liberija libija libya liechtenstein
lihtenstajn lihtenstejn lithuania litva litvanija livan livija ljuksemburg luksemburg luxembourg
madagascar madagaskar madjarska madzarska majot majotta malajzija malavi malawi malaysia maldives
maldivi malezija malta marokko maroko martinik martinika martinique mauretanija mauricijus
mauritania mauritanija mauritius mavretanija mavricij mavrikij mavritanija mayotte mehika meksika
meksiko mexico micronesia mikronezija moldavija moldova monaco monako mongolia mongolija monserat
montenegro montserrat morocco mozambik mozambique namibia namibija nauru nemacka nemcija nepal
netherlands nicaragua niderlandi niger nigeria nigerija nikaragua nikaragva nimeccina nizozemska
njemacka norvegija norveska norway pakistan palau palav panama paraguay paragvaj philippines
pitcairn pitkern poland poljska polsa polsca portoriko portugal portugalija portugalska
pseudo-accents pseudo-bidi pseudobidi psevdo-bidi psevdoakcenti psevdobidi psevdonaglasi
puerto-riko qatar reinion rejunjon rejunon reunion romania romunija rosija rossija ruanda ruminija
rumunija rumunjska rusija russia rwanda salvador samoa san-marino sejseli sen-bartelemi sen-marten
senegal sent-ljusija serbia serbija serra-leone seychelles singapore singapur sint-marten sirija
slovaccina slovacka slovakia slovakija slovaska slovenia slovenija somali somalia somalija spain
spanija spanjolska srbija sri-lanka srilanka sudan surinam suriname svajcarska svazilend svecija
svedska svejcarija svica svicarska sweden switzerland syria tadzikistan tailand taiwan tajikistan
tajland tajska tajvan tanzania tanzanija thailand timor-leste timor-lesti tokelau tokelav tonga
tristan-da-kunja tunis tunisia tunizija turcija tureccina turkiye turkmenistan turska tuvalu uganda
ugorscina ukraina ukraine ukrajina uruguay urugvaj uzbekistan vanuatu vatikan velikobritanija
venecuela venesuela venezuela vengrija vetnam vietnam vijetnam virmenija yemen zambia zambija
zimbabve zimbabwe
"""
