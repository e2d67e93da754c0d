"""Words for synthetic benchmark content about the department's real subject matter, so that
full-text search has realistic work to do. Every function draws from a `random.Random` in a fixed
order: the same state gives the same text. Some words are common on purpose ("terrorism", in about
15% of rows), some rare (`RARE_TERMS`, in about one row in fifty)."""

# What an event or news item is about, by theme slug (`tools.seed_content.THEMES`).
TOPICS_BY_THEME = {
    "countering-terrorism": (
        "countering terrorism",
        "countering the financing of terrorism",
        "foreign terrorist fighters",
        "preventing violent extremism and radicalization that lead to terrorism",
        "rule of law-compliant criminal justice responses to terrorism",
        "terrorism and the internet",
        "kidnapping for ransom",
        "protecting soft targets from terrorism",
    ),
    "cyber-ict-security": (
        "cyber/ICT security",
        "confidence-building measures in cyberspace",
        "crisis communication between states on ICT incidents",
        "protecting critical infrastructure from cyber attacks",
        "investigating crimes on the darknet",
        "digital evidence and cybercrime investigations",
    ),
    "policing": (
        "intelligence-led policing",
        "community policing",
        "investigating cryptocurrency-related crime",
        "countering money laundering",
        "combating trafficking in human beings",
        "combating illicit drug trafficking",
        "gender-based violence and police responses",
        "countering organized crime",
    ),
    "border-security-and-management": (
        "border security and management",
        "advance passenger information and passenger name records",
        "travel document security",
        "trafficking in cultural property",
        "customs co-operation at border crossing points",
        "detecting forged identity documents",
        "patrolling and leadership for border guards",
    ),
    "economic-activities": (
        "asset recovery",
        "financial investigations",
        "protecting non-nuclear critical energy infrastructure",
        "good governance and anti-corruption",
    ),
}
GENERAL_TOPICS = ("transnational threats", "regional security co-operation", "international police co-operation")

SUBJECTS = (
    "risk analysis",
    "information exchange",
    "joint investigations",
    "mutual legal assistance",
    "the use of open-source intelligence",
    "victim identification",
    "interagency co-ordination",
    "threat assessment",
    "human rights safeguards",
    "financial intelligence",
    "witness protection",
    "cross-border co-operation",
    "public-private partnerships",
    "data protection",
    "strategic planning",
    "case management",
)
AUDIENCES = (
    "police officers",
    "border guards",
    "customs officers",
    "prosecutors",
    "judges",
    "financial investigators",
    "analysts",
    "police cadets",
    "civil society representatives",
    "youth leaders",
    "national experts",
    "policymakers",
    "heads of border agencies",
    "cyber security specialists",
    "women police officers",
)
METHODS = (
    "case studies",
    "practical exercises",
    "a table-top simulation",
    "good practices from across the OSCE area",
    "the OSCE guidebook on the subject",
    "modern investigation techniques",
    "a mock trial",
    "an online course",
    "field visits",
)
GOALS = (
    "effective national responses",
    "regional co-operation",
    "the rule of law",
    "trust between the police and the public",
    "secure and open borders",
    "stability and security in the region",
    "sustainable national capacities",
)
FACILITIES = ("a border crossing point", "a police academy", "a forensic laboratory", "an airport", "a seaport")
# How the text names an event of each type (`activities.models.Event.Type`), where not its label.
KIND_BY_TYPE = {"launch": "launch event", "other": "event"}
ORGANISER = "OSCE Transnational Threats Department"
NEWS_KINDS = ("workshop", "conference", "training course", "round table", "expert meeting", "study visit")
RARE_TERMS = (
    "hawala",
    "steganography",
    "ransomware",
    "deepfakes",
    "drones",
    "3D-printed firearms",
    "sanctions evasion",
    "synthetic drugs",
    "captagon",
    "fentanyl",
    "precursor chemicals",
    "biometrics",
)
RARE_TERM_SHARE = 0.02

# One city per country code (`organisation/migrations/0002_countries.py`), for venues.
CITIES = {
    "AD": "Andorra la Vella", "AF": "Kabul", "AL": "Tirana", "AM": "Yerevan", "AT": "Vienna", "AU": "Canberra",
    "AZ": "Baku", "BA": "Sarajevo", "BE": "Brussels", "BG": "Sofia", "BY": "Minsk", "CA": "Ottawa",
    "CH": "Geneva", "CY": "Nicosia", "CZ": "Prague", "DE": "Berlin", "DK": "Copenhagen", "DZ": "Algiers",
    "EE": "Tallinn", "EG": "Cairo", "ES": "Madrid", "FI": "Helsinki", "FR": "Paris", "GB": "London",
    "GE": "Tbilisi", "GR": "Athens", "HR": "Zagreb", "HU": "Budapest", "IE": "Dublin", "IL": "Jerusalem",
    "IS": "Reykjavík", "IT": "Rome", "JO": "Amman", "JP": "Tokyo", "KG": "Bishkek", "KR": "Seoul",
    "KZ": "Astana", "LI": "Vaduz", "LT": "Vilnius", "LU": "Luxembourg", "LV": "Riga", "MA": "Rabat",
    "MC": "Monaco", "MD": "Chisinau", "ME": "Podgorica", "MK": "Skopje", "MN": "Ulaanbaatar", "MT": "Valletta",
    "NL": "The Hague", "NO": "Oslo", "PL": "Warsaw", "PT": "Lisbon", "RO": "Bucharest", "RS": "Belgrade",
    "RU": "Moscow", "SE": "Stockholm", "SI": "Ljubljana", "SK": "Bratislava", "SM": "San Marino",
    "TH": "Bangkok", "TJ": "Dushanbe", "TM": "Ashgabat", "TN": "Tunis", "TR": "Ankara", "UA": "Kyiv",
    "US": "Washington", "UZ": "Tashkent", "VA": "Vatican City", "XK": "Prishtinë/Priština",
}  # fmt: skip

EVENT_TITLES = (
    "{kind} on {topic} for {audience} in {place}",
    "{place}: {kind_lower} on {topic} and {subject}",
    "Regional {kind_lower} on {topic} for {audience}",
    "National {kind_lower} on {topic} held in {place}",
    "{kind} for {audience} on {subject} and {topic}",
)
NEWS_TITLES = (
    "OSCE supports {audience} in {place} in {topic}",
    "{place} hosts OSCE {kind_lower} on {topic}",
    "OSCE {kind_lower} strengthens {subject} among {audience} in {place}",
    "New OSCE guidebook on {topic} presented to {audience} in {place}",
    "{audience_cap} from {place} and {place2} meet to discuss {topic}",
)
SUMMARIES = (
    "The {organiser} held {a_kind} for {audience} from {place} on {topic}. "
    "It aimed to strengthen {goal} and build lasting co-operation with {partner}.",
    "{audience_cap} from {place} and {place2} learned about {topic} through {method}. "
    "The {kind_lower} also addressed {subject} and {subject2}.",
    "Over several days, {audience} discussed {topic}, {subject} and the role of {audience2} "
    "in {goal}, with experts of the {organiser}.",
)
BODY_SENTENCES = (
    "The {kind_lower} brought together {audience} from {place} to discuss {topic}.",
    "Participants examined {method} and shared national experience of {subject}.",
    "Experts from {partner} presented {method}, drawing on recent cases from {place2}.",
    "The {organiser} organized the {kind_lower} at the request of the authorities of {place}.",
    "Sessions covered {subject}, {subject2} and the role of {audience2} in {goal}.",
    "Practical exercises focused on {subject} in line with international human rights standards.",
    "Trainers explained how {subject2} can support {goal} and reduce the risks linked to {topic}.",
    "A simulation exercise tested co-ordination between {audience} and {audience2} in a realistic scenario.",
    "The {kind_lower} ended with recommendations on {subject} and a plan for follow-up activities next year.",
    "Speakers stressed that {topic} requires co-operation across borders and between agencies.",
    "The participation of women among {audience} and gender mainstreaming were discussed throughout.",
    "Participants visited {facility} to see {subject2} in practice.",
    "National authorities of {place} and {place2} agreed to keep exchanging information on {topic}.",
    "The activity is part of a wider project funded by extrabudgetary contributions of participating States.",
)


def event_kind(event_type, label):
    return KIND_BY_TYPE.get(event_type, label.lower())


def pick_slots(rng, kind, topic, place, place2, partner):
    """The words one row is written with; each text then chooses among them.

    The organising unit is not named: "Action against Terrorism Unit" in a quarter of the
    rows would make "terrorism" far commoner than its topics alone make it.
    """
    audience, audience2 = rng.sample(AUDIENCES, 2)
    subject, subject2 = rng.sample(SUBJECTS, 2)
    return {
        "topic": topic,
        "place": place,
        "place2": place2,
        "organiser": ORGANISER,
        "partner": partner,
        "kind": kind.capitalize(),
        "kind_lower": kind,
        "a_kind": f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}",
        "audience": audience,
        "audience_cap": audience.capitalize(),
        "audience2": audience2,
        "subject": subject,
        "subject2": subject2,
        "method": rng.choice(METHODS),
        "goal": rng.choice(GOALS),
        "facility": rng.choice(FACILITIES),
    }


def title(rng, templates, slots):
    text = rng.choice(templates).format(**slots)
    return text[0].upper() + text[1:]


def summary(rng, slots):
    return rng.choice(SUMMARIES).format(**slots)


def body(rng, slots):
    """Two paragraphs of 8 to 12 sentences (about 120 to 200 words)."""
    sentences = [sentence.format(**slots) for sentence in rng.sample(BODY_SENTENCES, rng.randint(8, 12))]
    if rng.random() < RARE_TERM_SHARE:
        sentences.append(f"A short session also touched on {rng.choice(RARE_TERMS)}.")
    middle = len(sentences) // 2
    return " ".join(sentences[:middle]) + "\n\n" + " ".join(sentences[middle:])
