# The satisfaction question, once per attended consultation or course.
# Variables: $service (the service's name)
survey-question = Колико сте били задовољни услугом „{ $service }“? Изаберите оцену од 1 (нимало) до 5 (веома задовољни).
survey-thanks-comment = Хвала! Ако желите, напишите кратак коментар (шта Вам је помогло, шта бисмо могли боље) или притисните „Прескочи“.
survey-skip = Прескочи
survey-thanks = Хвала на одговору.
survey-already = Ваш одговор већ имамо. Хвала!
survey-closed = Хвала! Ово питање је затворено, па се Ваш одговор више не рачуна.
