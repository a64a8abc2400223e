"""Russian questions, cheaply: many Ukrainians type Russian, and the content has no Russian.

simplemma's Russian data costs about 130 MB of memory (measured, see docs/design.md), and
Russian lemmas would still not meet Ukrainian text. Instead, after the letter folding in
search.fold (ы→и, э→е, ё→е, ъ), which already joins shared roots (документы/документи), this
small lexicon maps the stems of common Russian words that differ from Ukrainian to the Ukrainian
word, which then goes through the normal Ukrainian analysis. It is a general lexicon of a
migrant worker's front desk (work, papers, health, family, language, money, contact), written by
subject, not per topic, and it only adds forms: the word as typed still counts as well.
"""

from __future__ import annotations

# "Russian stem  Ukrainian word" per line; a typed word that starts with the stem gets the word.
_LEXICON = """
работа робота|работн робітник|работать працювати|работаю працюю|работае працює
работодател роботодавець|уволи звільнити|увольн звільнення|уволь звільнитися|безработ безробіття
пособи допомога|трудоустр працевлаштування|ваканси вакансія|опыт досвід|смена зміна|смены зміни
начальник начальник|договор договір|зарплат зарплата|заработ заробіток|сверхуроч понаднормовий
отпуск відпустка|разрешени дозвіл|разрешит дозволити|жительств проживання|проживани проживання
продлен продовження|продлит продовжити|продлев продовжувати|истека закінчується
заканчива закінчується|срок термін|заявлени заява|подать подати|подач подання|подава подавати
карточк картка|потерял загубив|потеря втрата|переех переїхати|переезд переїзд|прописк реєстрація
регистрац реєстрація|зарегистр зареєструвати|виза віза|визу віза|гражданств громадянство
гражданин громадянин|гражданк громадянка|отказат відмовитися|двойн подвійне|паспорт паспорт
посольств посольство|страховк страхування|страхован страхування|застрахова застрахований
медицинск медичний|врач лікар|больниц лікарня|больничн лікарняний|болез хвороба|болеть хворіти
заболе захворів|болен хворий|беремен вагітна|ребен дитина|ребён дитина|детей дітей|дети діти
жена дружина|жену дружину|жены дружини|муж чоловік|семь сім'я|взнос внесок|плати платити
платит платить|бесплатн безкоштовний|доплат доплата|язык мова|языка мови|словенск словенська
учить вчити|изуча вивчати|занят заняття|экзамен іспит|уровен рівень|уровн рівня|жени одружитися
женить одружитися|замуж заміж|свадьб весілля|брак шлюб|брака шлюбу|невест наречена|жених наречений
свидетельств свідоцтво|рождени народження|перевод переклад|переводчик перекладач|апостил апостиль
завер завірити|нотариус нотаріус|бизнес бізнес|открыть відкрити|открыт відкритий
предприним підприємець|самозанят самозайнятий|налог податок|налогов податковий|бухгалтер бухгалтер
связать контакт|связат контакт|позвон зателефонувати|звонить дзвонити|лично особисто
консультаци консультація|записат записатися|встреч зустріч|офис офіс|адрес адреса|диплом диплом
признани визнання|признат визнати|образовани освіта|аттестат атестат|школ школа|документ документ
справк довідка|понедельн понеділок|вторник вівторок|четверг четвер|пятниц пʼятниця
суббот субота|воскресен неділя|выходн вихідні|дней днів|выбрать обрати|выбира обирати
выбер обрати|отрабат відпрацювати|отработ відпрацювати|берут брати
"""


def _parse(text: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for entry in text.replace("\n", "|").split("|"):
        parts = entry.split()
        if len(parts) == 2:
            pairs[parts[0]] = parts[1]
    return pairs


LEXICON = _parse(_LEXICON)
_LENGTHS = sorted({len(stem) for stem in LEXICON}, reverse=True)  # longest stem first


def ukrainian_for(token: str) -> str | None:
    """The Ukrainian word for a Russian word (lowercase), by its longest known stem, or None."""
    if len(token) < 3:
        return None
    for length in _LENGTHS:  # a look-up per stem length, not a comparison per stem
        if length <= len(token) and (found := LEXICON.get(token[:length])) is not None:
            return found
    return None
