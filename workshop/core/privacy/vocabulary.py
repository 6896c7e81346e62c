"""The small word sets the name rules read: titles, kinship and role words, interfixes, and the words around a name."""

from __future__ import annotations

from .findings import word_set

TITLES = word_set(
    """mevrouw mevr mvr mvrw mw meneer mijnheer dhr hr mej juffrouw juf zuster zr broeder dokter dr drs prof professor
    pastor pastoor pater dominee ds imam meester"""
)
# Words after which a capitalised word is a person ("collega Sandra", "opa Kees", "haar man Joop"); in lower case
# too ("ome kees", "tante riek").
TRIGGERS = word_set(
    """collega collega's oud-collega opa oma opi omi opoe ome oompje tante tantetje oom neef nicht neefje nichtje
    buurvrouw buurman buurjongen buurmeisje zoon dochter moeder vader man vrouw echtgenoot echtgenote partner broer
    zus zwager schoonzus kleinzoon kleindochter kleinkind schoonzoon schoondochter schoonmoeder schoonvader
    vriend vriendin bewoner bewoonster cliënt client cliënte patiënt patient patiënte stagiair stagiaire leerling
    invaller invalkracht mantelzorger mantelzorgster vrijwilliger vrijwilligster teamgenoot meneertje mevrouwtje
    familie fam gezin"""
)
# Role words after which a capitalised word is a person only when it is a known name: "teamleider Anja" is a
# person, "teamleider Zorg" a role. A surname with its interfix ("huisarts de Graaf") is a person after any of them.
ROLE_TRIGGERS = word_set(
    """teamleider evv'er verpleegkundige verzorgende huisarts arts specialist fysiotherapeut fysio ergotherapeut
    psycholoog diëtist logopedist begeleider begeleidster tandarts apotheker geriater ouderengeneeskunde
    praktijkondersteuner casemanager wijkverpleegkundige manager"""
)
INTERFIXES = word_set("van de der den ter ten te het 't 's la le du da di del della dos das el al ben bin von zu")
# Words right before a capitalised word that make it a ward, team, location or organisation ("afdeling Iris").
PLACE_WORDS = word_set(
    """de het 't afdeling afd team locatie woongroep huize huis unit vleugel gebouw zaal paviljoen wijk kamer
    straat sint st groep verpleeghuis woonzorgcentrum zorgcentrum zorggroep stichting project programma
    methode model ziekte syndroom piramide cyclus schaal index fasen fase theorie principe test score wet
    regel effect teken benadering ladder visie"""
)
# Prepositions before a capitalised word that may be a place: a place list wins there ("uit Dongen").
PLACE_PREPOSITIONS = word_set("in uit naar vanuit richting te bij")
# Verbs and words after a sentence-initial name that make it a person ("Roos is de enige", "Door de drukte").
PERSON_NEXT = word_set(
    """is was heeft had zei zegt vertelde vertelt vond vindt wil wilde wou kan kon moet moest mag mocht gaat ging kwam
    komt liep loopt viel valt belde belt at eet dronk drinkt sliep slaapt zat zit stond staat lag ligt deed doet
    kreeg krijgt gaf geeft werd wordt raakte raakt weet wist snapt snapte begon begint werkt werkte schreef schrijft
    vroeg vraagt riep roept huilde huilt lachte lacht weigerde weigert vergat vergeet zag ziet hoorde hoort merkte
    merkt hielp helpt pakte pakt bracht brengt nam neemt sprak spreekt liet laat hield houdt noemde noemt mist miste
    heb hebben had hadden zou zal woont woonde hoeft hoefde durft durfde probeerde probeert kent kende voelt voelde
    denkt dacht sliep schrok schrikt maakte maakt kijkt keek verzorgde verzorgt schreeuwde schreeuwt gilde gilt
    klaagde klaagt reageerde reageert wachtte wacht zocht zoekt opende opent sloeg slaat duwde duwt trok trekt
    verloor verliest vertrok vertrekt zweeg zwijgt antwoordde antwoordt meldde meldt gebruikte gebruikt rookte rookt
    dwaalde dwaalt plaste plast speelde speelt zong zingt danste danst wandelde wandelt fietste fietst reed rijdt
    en of"""
)
# The verbs of PERSON_NEXT that a ward, a shop or a thing does too ("De Roos heeft een nieuwe teamleider", "Zeeman is
# open"); the rest (zei, belde, huilde, viel, weigerde, ...) only a person does.
GENERIC_VERBS = word_set(
    """is was heeft had hebben hadden kan kon moet moest mag mocht gaat ging kwam komt staat stond ligt lag zit zat
    wordt werd zou zal geeft gaf krijgt kreeg doet deed maakt maakte werkt werkte opent opende laat liet neemt nam
    brengt bracht houdt hield gebruikt gebruikte speelt speelde verliest verloor begon begint sluit sloot en of"""
)
PERSON_ONLY = PERSON_NEXT - GENERIC_VERBS
# The commonest Dutch surnames that are ordinary nouns too ("Bakker", "Kok", "De Haan"): first in a sentence and
# capitalised, with a verb after them, they are a person, as a noun there would have its article ("de bakker"); wards
# are named after flowers, trees and birds of a quieter kind ("De Roos", "De Linde", "De Merel").
SURNAME_WORDS = word_set(
    """bakker visser smit kok mulder dekker brouwer koster blom huisman kuiper kramer jonker schipper hofman
    bosman mol molenaar timmerman bos vos boer haan graaf ruiter leeuw"""
)
# The same after a capital "De" only, as adjectives stand first without one ("Groot is het verschil niet").
FRONT_SURNAME_WORDS = SURNAME_WORDS | word_set("jong jonge groot wit lange bruin")
# First names that are a language too ("Frans"): the language after these words ("spreekt alleen Frans", "in het
# Frans"), a person elsewhere ("Frans zei", "mevrouw Frans").
LANGUAGE_NAMES = word_set("frans")
LANGUAGE_BEFORE = word_set(
    """het 't in alleen ook geen goed vloeiend beetje spreekt spreken sprak spraken praat praten praatte verstaat
    verstaan verstond leert leren leerde kent kennen kende schoolfrans"""
)
LANGUAGE_AFTER = word_set("geleerd gesproken gestudeerd verstaan vertaald sprekend sprekende les lessen brood")
# Relatives after a surname's genitive: "Jansens dochter", "Pietersens zoon".
RELATIVES = word_set(
    """zoon dochter moeder vader man vrouw broer zus kleinzoon kleindochter kleinkind kleinkinderen schoonzoon
    schoondochter echtgenoot echtgenote partner vriend vriendin kind kinderen neef nicht oom tante familie"""
)
# Possessives after a name: "Jan zijn moeder", "Koen z'n rolstoel", "Truus haar dochter".
POSSESSIVES = word_set("zijn z'n z’n haar d'r d’r")
# Capitalised words that stand first in a sentence as a preposition or an adverb, never as a name there, even when a
# name list holds them ("Door de drukte", "Wil je", "Van de week"): no verb or possessive after them makes a name.
NEVER_FIRST = word_set(
    """door voor van bij met om na tot in op aan uit over naar tegen zonder sinds dan want maar toch ook nog al wel
    even soms hier daar die dit dat deze wie wat hoe dus zo nu toen echt heel"""
)
# Words a lower-case word after a title is not a name as ("mevrouw wil niet", "meneer is gevallen").
NOT_AFTER_TITLE = (
    PERSON_NEXT
    | NEVER_FIRST
    | word_set(
        """de het een en of ze zij hij ik jij je we wij u hem haar hun niet geen graag eerst weer altijd nooit ook
    ineens opnieuw vandaag gisteren morgen vanochtend vanavond vannacht zelf ben bent meer mee erg per onder boven
    achter naast tussen via vanaf tijdens wegens rond langs binnen buiten toe af weg terug veel weinig minder alle
    alles iedereen niemand iemand niets iets elk elke ieder iedere beide samen"""
    )
)
# Words after a title that a phone capitalised ("Mw. Heeft pijn", "Dhr. Nee gezegd"): never a name there on their own.
ORDINARY_AFTER_TITLE = NOT_AFTER_TITLE | word_set(
    """nee ja moe goed slecht beter erg zeer heel vaak soms steeds nog wel niet al pas net toch even gewoon
    vanmorgen vanmiddag gisteravond gistermiddag gisternacht eergisteren straks zojuist inmiddels daarna daarom
    hierdoor daardoor wederom nogmaals verder eerder later laatst momenteel volgens zelfstandig alleen liever vaker
    pijn koorts last klachten"""
)
# The titles of a person as such, not of a profession: after these a brand with a verb is a surname ("Meneer
# Heineken drinkt geen bier"), after "Dr." it is a product ("Dr. Oetker is lekker").
PERSONAL_TITLES = word_set("mevrouw mevr mvr mvrw mw meneer mijnheer dhr hr mej juffrouw heer")
# Words before an unknown capitalised word that make it a person: conjunctions that open a clause with a subject
# ("omdat Shurendy te laat was"), and prepositions people follow ("volgens Radjesh", "samen met Jurensly").
SUBJECT_BEFORE = word_set(
    """toen omdat nadat terwijl zodat voordat dat als zodra totdat hoewel want maar en volgens met tegen namens
    dankzij zonder"""
)
# Words after a name that make the whole an institution, not a person ("Antonius Ziekenhuis", "Anne Frank Huis").
INSTITUTIONS = word_set(
    """ziekenhuis gasthuis huis centrum kliniek hospice paviljoen instituut stichting school college fonds museum
    zaal kerk polikliniek apotheek praktijk universiteit academie prijs lezing methode syndroom ziekte mc umc"""
)
INSTITUTION_ENDINGS = ("ziekenhuis", "gasthuis", "kliniek", "centrum", "paviljoen", "instituut", "hospice")
# Words before a name that make it a royal or a saint: public figures and the names of places and hospitals.
PUBLIC_TITLES = word_set("prinses prins koningin koning sint st keizer keizerin paus")
# Compass points: "Noord, Oost en West ronde gedaan"; after a title ("mevrouw West") still a name.
COMPASS = word_set(
    """noord oost zuid west noordoost noordwest zuidoost zuidwest noorden oosten zuiden westen midden centrum"""
)
# Nicknames and diminutives: "Henkie" (Henk), "Jopie" (Joop), "Keesje" (Kees), "Geeske" (Gees), "Jantje" (Jan).
DIMINUTIVE_ENDINGS = ("tje", "pje", "kje", "je", "ie", "ske", "ke", "y")
# Frisian and other surname shapes: "Dijkstra", "Bosma", "Huizinga", "Zijlema": a capitalised word ending so that is
# not a Dutch word is a surname.
SURNAME_ENDINGS = ("stra", "sma", "inga", "enga", "ema", "ama", "sen", "ssen")
# Endings of surnames made of Dutch words ("Kalkman", "Schoenmaker", "Brinkman", "Zuiderveld", "Dijkhuizen"): after
# "Mw." such a word is a surname, where another noun may start a note ("Mw. Medicatie ingenomen").
SURNAME_WORD_ENDINGS = (
    "man",
    "mans",
    "maker",
    "makers",
    "ink",
    "kamp",
    "veld",
    "velde",
    "berg",
    "dijk",
    "hout",
    "horst",
    "beek",
    "broek",
    "meijer",
    "huizen",
    "stra",
    "sma",
)
# Patronymic surnames: a first name and one of these ("Pietersen", "Hendrikx", "Gerritse", "Willems").
PATRONYMIC_ENDINGS = ("szoon", "sen", "se", "sz", "x", "s")
# Endings of medicine names: a capitalised word ending so is a medicine, not an unknown name ("Haloperidol werd
# gestart", "Fraxiparine was vergeten"); the most used ones are listed in data/not_names.txt as well.
MEDICINE_ENDINGS = (
    "zepam",
    "zolam",
    "prazol",
    "olol",
    "pril",
    "sartan",
    "statine",
    "mycine",
    "cilline",
    "apine",
    "idol",
    "amol",
    "adol",
    "codon",
    "fenac",
    "profen",
    "parine",
    "coumarol",
    "coumon",
    "xaban",
    "formine",
    "thiazide",
    "semide",
    "oxacine",
    "cycline",
    "tidine",
    "triptyline",
    "oxetine",
    "afaxine",
    "azol",
    "azole",
    "dronaat",
    "ninezuur",
    "lamide",
    "peridon",
    "tiapine",
    "azine",
    "isolon",
    "ison",
    "orfine",
    "tanyl",
    "etam",
    "gabaline",
    "pentine",
    "drink",
    "sonide",
    "terol",
)
