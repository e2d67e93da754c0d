"""Russian for a share of the synthetic benchmark content (tools/benchmark_text.py writes the
English), so that Russian keyword search has realistic work to do. `RUSSIAN` mirrors the English
phrases one for one, each in the nominative case as the sentences need it, and a translated row
takes its English row's phrases, so both say the same thing."""

# The share of synthetic rows with a Russian translation (tools/benchmark_content.py).
RUSSIAN_SHARE = 0.3

RUSSIAN = {
    # Topics (benchmark_text.TOPICS_BY_THEME, GENERAL_TOPICS)
    "countering terrorism": "противодействие терроризму",
    "countering the financing of terrorism": "противодействие финансированию терроризма",
    "foreign terrorist fighters": "иностранные боевики-террористы",
    "preventing violent extremism and radicalization that lead to terrorism":
        "предупреждение насильственного экстремизма и радикализации, ведущих к терроризму",
    "rule of law-compliant criminal justice responses to terrorism":
        "меры уголовного правосудия в ответ на терроризм на основе верховенства права",
    "terrorism and the internet": "терроризм и интернет",
    "kidnapping for ransom": "похищение людей с целью получения выкупа",
    "protecting soft targets from terrorism": "защита уязвимых объектов от терроризма",
    "cyber/ICT security": "кибербезопасность и безопасность ИКТ",
    "confidence-building measures in cyberspace": "меры укрепления доверия в киберпространстве",
    "crisis communication between states on ICT incidents": "кризисная связь между государствами при инцидентах в сфере ИКТ",
    "protecting critical infrastructure from cyber attacks": "защита критической инфраструктуры от кибератак",
    "investigating crimes on the darknet": "расследование преступлений в даркнете",
    "digital evidence and cybercrime investigations": "цифровые доказательства и расследование киберпреступлений",
    "intelligence-led policing": "полицейская деятельность на основе оперативной информации",
    "community policing": "полицейская деятельность в интересах общества",
    "investigating cryptocurrency-related crime": "расследование преступлений, связанных с криптовалютой",
    "countering money laundering": "противодействие отмыванию денег",
    "combating trafficking in human beings": "борьба с торговлей людьми",
    "combating illicit drug trafficking": "борьба с незаконным оборотом наркотиков",
    "gender-based violence and police responses": "гендерное насилие и реагирование полиции",
    "countering organized crime": "противодействие организованной преступности",
    "border security and management": "безопасность и управление границами",
    "advance passenger information and passenger name records":
        "предварительная информация о пассажирах и записи регистрации пассажиров",
    "travel document security": "безопасность проездных документов",
    "trafficking in cultural property": "незаконный оборот культурных ценностей",
    "customs co-operation at border crossing points": "таможенное сотрудничество в пунктах пропуска через границу",
    "detecting forged identity documents": "выявление поддельных документов, удостоверяющих личность",
    "patrolling and leadership for border guards": "патрулирование и руководство для пограничников",
    "asset recovery": "возвращение активов",
    "financial investigations": "финансовые расследования",
    "protecting non-nuclear critical energy infrastructure": "защита неядерной критической энергетической инфраструктуры",
    "good governance and anti-corruption": "надлежащее управление и борьба с коррупцией",
    "transnational threats": "транснациональные угрозы",
    "regional security co-operation": "региональное сотрудничество в сфере безопасности",
    "international police co-operation": "международное полицейское сотрудничество",
    # Subjects
    "risk analysis": "анализ рисков",
    "information exchange": "обмен информацией",
    "joint investigations": "совместные расследования",
    "mutual legal assistance": "взаимная правовая помощь",
    "the use of open-source intelligence": "использование разведданных из открытых источников",
    "victim identification": "идентификация жертв",
    "interagency co-ordination": "межведомственная координация",
    "threat assessment": "оценка угроз",
    "human rights safeguards": "гарантии прав человека",
    "financial intelligence": "финансовая разведка",
    "witness protection": "защита свидетелей",
    "cross-border co-operation": "трансграничное сотрудничество",
    "public-private partnerships": "государственно-частное партнерство",
    "data protection": "защита данных",
    "strategic planning": "стратегическое планирование",
    "case management": "ведение дел",
    # Audiences
    "police officers": "сотрудники полиции",
    "border guards": "пограничники",
    "customs officers": "сотрудники таможни",
    "prosecutors": "прокуроры",
    "judges": "судьи",
    "financial investigators": "финансовые следователи",
    "analysts": "аналитики",
    "police cadets": "курсанты полицейских академий",
    "civil society representatives": "представители гражданского общества",
    "youth leaders": "молодежные лидеры",
    "national experts": "национальные эксперты",
    "policymakers": "представители директивных органов",
    "heads of border agencies": "руководители пограничных ведомств",
    "cyber security specialists": "специалисты по кибербезопасности",
    "women police officers": "женщины — сотрудники полиции",
    # Methods
    "case studies": "разбор конкретных случаев",
    "practical exercises": "практические упражнения",
    "a table-top simulation": "штабные учения",
    "good practices from across the OSCE area": "передовой опыт стран региона ОБСЕ",
    "the OSCE guidebook on the subject": "руководство ОБСЕ по этой теме",
    "modern investigation techniques": "современные методы расследования",
    "a mock trial": "учебный судебный процесс",
    "an online course": "онлайн-курс",
    "field visits": "выезды на места",
    # Goals
    "effective national responses": "эффективные национальные меры",
    "regional co-operation": "региональное сотрудничество",
    "the rule of law": "верховенство права",
    "trust between the police and the public": "доверие между полицией и обществом",
    "secure and open borders": "безопасные и открытые границы",
    "stability and security in the region": "стабильность и безопасность в регионе",
    "sustainable national capacities": "устойчивый национальный потенциал",
    # Places that are not countries
    "online": "онлайн",
    "the OSCE area": "регион ОБСЕ",
}
TRANSLATED_SLOTS = ("topic", "audience", "audience2", "subject", "subject2", "method", "goal")

EVENT_TITLES = (
    "{kind}: {topic} ({place})",
    "{kind} по теме «{topic}» ({place})",
    "Региональное мероприятие по теме «{topic}»: {subject}",
    "{place}: {kind_lower} по теме «{subject}» и «{topic}»",
)
NEWS_TITLES = (
    "ОБСЕ поддерживает работу по теме «{topic}» ({place})",
    "{place}: мероприятие ОБСЕ по теме «{topic}»",
    "Новое руководство ОБСЕ по теме «{topic}»",
)
SUMMARIES = (
    "Департамент ОБСЕ по транснациональным угрозам провел мероприятие по теме «{topic}». "
    "Участники: {audience} ({place}). Цель — {goal}.",
    "Темы обсуждения: {topic}, {subject} и {subject2}. Формат: {method}.",
)
BODY_SENTENCES = (
    "Мероприятие по теме «{topic}» собрало следующих участников: {audience} ({place}).",
    "Формат работы: {method}; участники поделились национальным опытом по теме «{subject}».",
    "Эксперты представили {method} на примере недавних дел ({place2}).",
    "Мероприятие организовано по просьбе национальных властей ({place}).",
    "Обсуждались {subject}, {subject2} и роль, которую играют {audience2}; цель — {goal}.",
    "Практические занятия по теме «{subject}» прошли с соблюдением международных стандартов в области прав человека.",
    "Тренеры объяснили, как {subject2} помогает снизить риски в области «{topic}».",
    "Штабные учения проверили взаимодействие участников: {audience} и {audience2}.",
    "По итогам подготовлены рекомендации по теме «{subject}» и план дальнейших действий на следующий год.",
    "Выступающие подчеркнули, что тема «{topic}» требует сотрудничества между странами и ведомствами.",
    "На протяжении всего мероприятия обсуждались участие женщин и учет гендерной проблематики.",
    "Национальные органы договорились продолжать обмен информацией по теме «{topic}».",
    "Мероприятие является частью более широкого проекта, финансируемого за счет внебюджетных взносов государств-участников.",
)


def russian_slots(slots, kind, place, place2):
    """The Russian words of a row written in English with `slots`: its phrases translated,
    `kind` (the event type's Russian label) and the Russian names of its places."""
    translated = {name: RUSSIAN.get(slots[name], slots[name]) for name in TRANSLATED_SLOTS}
    return {**translated, "kind": kind, "kind_lower": kind.lower(), "place": place, "place2": place2}


def summary(rng, slots):
    return rng.choice(SUMMARIES).format(**slots)


def body(rng, slots):
    """Two paragraphs of 6 to 10 sentences."""
    sentences = [sentence.format(**slots) for sentence in rng.sample(BODY_SENTENCES, rng.randint(6, 10))]
    middle = len(sentences) // 2
    return " ".join(sentences[:middle]) + "\n\n" + " ".join(sentences[middle:])
