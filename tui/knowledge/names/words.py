"""Word lists the name rules use: titles, sentence words, and the words that tell a kind."""

from __future__ import annotations

# Words that start a sentence but not a name ("The Quad Summit" -> "Quad Summit").
LEADING = frozenset(
    "The A An In On At By For From As But And This That These Those Both His Her Their Its Our "
    "When While Under Over After Before With Similarly Meanwhile However Former Acting Then If "
    "Some Many Most All Several Two Three Four Five Six Seven Eight Nine Ten More Of To".split()
)
# Titles before a person's name: "Mr Howard", "Prime Minister John Howard".
TITLES = frozenset(
    "Mr Mrs Ms Miss Dr Mr. Mrs. Ms. Dr. Sir Dame Lord Lady President Vice Prime Minister Premier "
    "Chancellor Secretary Secretary-General General Gen Gen. Colonel Col. Major Captain Capt. "
    "Lieutenant Lt Lt. Sergeant Sgt Admiral Commander Commissioner Governor Gov. Senator Sen. "
    "Rep. Representative Congressman Congresswoman Justice Judge Mayor Treasurer Ambassador "
    "Professor Prof. Coach Chairman Chairwoman Chief Leader Sheikh King Queen Prince Princess "
    "Pope Bishop Archbishop Father Reverend Rev. Detective Inspector Superintendent Constable "
    "Administrator Director Spokesman Spokeswoman Envoy Deputy Opposition Brigadier Marshal "
    "Attorney-General Solicitor-General Speaker Cardinal Imam Mullah".split()
)
# Title words that are surnames too ("Madeleine King", "Julie Bishop", "Ms King", "Mr Major"):
# last in a run, after a name or an honorific, they are the name.
SURNAME_TITLES = frozenset(
    "King Bishop Major Marshal Judge Prince Pope Speaker Chancellor Constable Cardinal".split()
)
HONORIFICS = frozenset("Mr Mrs Ms Miss Dr Mr. Mrs. Ms. Dr. Sir Dame Lady".split())
# Title words that are adjectives too ("Chief Palestinian negotiator"): a demonym after one is
# not a surname.
ADJECTIVE_TITLES = frozenset({"Chief", "Deputy", "Vice", "Opposition", "Major", "Prime"})
# Titles that name a person by a first name too ("Sir Allan", "President Megawati").
FIRST_NAME_TITLES = frozenset({"Sir", "Dame", "King", "Queen", "Prince", "Princess", "Pope"})
# Lower-case words just before a name that say it is a person ("former premier Neville Wran").
PERSON_BEFORE = frozenset(
    "minister president premier coach captain chairman chairwoman spokesman spokeswoman leader "
    "commissioner secretary chief executive administrator envoy negotiator governor treasurer "
    "senator judge justice mayor ambassador director commander officer general manager "
    "striker batsman bowler player driver winger skipper".split()
)
PLACE_BEFORE = frozenset("in at near from across into outside around toward towards via".split())
JOINERS = frozenset({"of", "and", "for", "the", "&", "de", "bin", "al", "van", "von", "da", "arap"})

PLACE_HEADS = frozenset(
    "strip island islands ocean sea river mountains mountain range lake bay valley gulf "
    "peninsula desert street road highway park square coast harbour harbor beach province "
    "county district region territory heights reef creek falls plain plains basin canal "
    "bridge ground stadium oval airport city town village camp base cape point springs "
    "kush lodge palace house centre center tower towers hill hills forest station".split()
)
PLACE_FIRST = frozenset("Mount Mt Lake Port Fort Cape Saint St San Santa Los Las El Gulf".split())
ORGANIZATION_HEADS = frozenset(
    "party commission fund bank council committee department ministry agency corporation "
    "corp company co inc ltd limited group association union authority court tribunal service "
    "services bureau office institute university college school hospital police army navy "
    "force forces command parliament senate assembly government cabinet club board "
    "foundation trust society airlines airways airline network organisation organization "
    "programme program times post news herald broadcasting television radio press "
    "regiment battalion division fleet federation league congress secretariat commonwealth "
    "coalition insurance holdings industries bulldogs storm lions exchange partners "
    "associates laboratories motors energy telecom mission".split()
)
GROUP_HEADS = frozenset(
    "alliance front brigade brigades movement militia jihad mujahideen tigers faction rebels "
    "jamaah islamiyah qaeda taliban hezbollah hamas".split()
)
EVENT_HEADS = frozenset(
    "cup games championship championships olympics open tournament marathon war summit "
    "conference festival tour series trophy prix election elections exercise meeting "
    "dialogue talks visit test attacks attack bombing bombings massacre crisis earthquake "
    "tsunami floods flood disaster nations masters".split()
)
HEADS = ORGANIZATION_HEADS | PLACE_HEADS | GROUP_HEADS | EVENT_HEADS
COMPASS = frozenset("North South East West Northern Southern Eastern Western Central".split())
# Adjectives of nationality that are not a country name plus an ending.
IRREGULAR_DEMONYMS = frozenset(
    "British English Scottish Welsh Irish French Dutch Swiss Greek Thai Filipino Afghan Kiwi "
    "Briton Britons Scot Scots Dane Danish Swede Swedish Finn Finnish Pole Polish Turk Turkish "
    "Arab Arabs Kurd Kurdish Serb Serbs Croat Croats Czech Slovak Chechen Chechens Basque "
    "Yugoslav Bosnian Kosovar Palestinian Palestinians Tamil Pashtun Uzbek Tajik Spanish "
    "Spaniard Portuguese Norwegian Icelandic Aussie Aussies Yankee Welshman Englishman "
    "Scotsman Frenchman Dutchman Israeli Israelis Saudi Saudis Kuwaiti Iraqi Iranian Afghani "
    "Lebanese Maori Aboriginal Asian Asians European Europeans African Africans American "
    "Americans Western Islamic Muslim Muslims Christian Christians Jewish Hindu Sikh "
    "Catholic Protestant Sunni Shia Shiite".split()
)
