"""The portal's first content, as plain data, which `manage.py load_seed_content` loads. Every fact
comes from two seed documents only, "the report" (the TNTD chapter of the OSCE Annual Report 2017)
and "the news page" (the OSCE newsroom, December 2024), at the precision they give: nothing is made
up. The Russian is in tools/seed_content_ru_*.py; the countries' and regions' in organisation/data/."""

import datetime
from decimal import Decimal

from activities.models import DatePrecision, Event
from news.models import NewsItem
from organisation.models import OsceStructure, Unit
from tools.seed_content_ru_events import EVENTS_RU
from tools.seed_content_ru_organisation import (
    DEPARTMENT_LINKS_RU,
    DEPARTMENT_RU,
    NEWS_ITEMS_RU,
    PARTNERS_RU,
    STRUCTURES_RU,
    THEMES_RU,
    UNITS_RU,
)

DAY = DatePrecision.DAY
MONTH = DatePrecision.MONTH
YEAR = DatePrecision.YEAR
IN_2017 = datetime.date(2017, 1, 1)  # with YEAR: "2017", all the report says of most events

TNTD = "transnational-threats-department"

DEPARTMENT = {
    "slug": TNTD,
    "name": "Transnational Threats Department",
    "acronym": "TNTD",
    "head_name": "Rasa Ostrauskaite",
    "head_title": "Co-ordinator of Activities to Address Transnational Threats",
    "description": (
        "Throughout 2017, the OSCE Transnational Threats Department (TNTD) supported the OSCE participating "
        "States and Partners for Co-operation, upon their request, in their efforts to counter transnational "
        "threats. The Department provided assistance in translating political commitments into effective and "
        "sustainable activities such as convening expert meetings, sharing information and best practices, "
        "and co-ordinating the implementation of projects and plans of action. TNTD consists of a "
        "Co-ordination Cell dealing inter alia with security issues in cyber/information and communication "
        "technologies (ICTs) and three thematic units: the Action against Terrorism Unit, the Border Security "
        "and Management Unit and the Strategic Police Matters Unit."
    ),
}

# The web addresses the report lists under the department's heading, in its order.
DEPARTMENT_LINKS = (
    {"label": "Cyber/ICT security", "url": "https://www.osce.org/secretariat/cyber-ict-security"},
    {"label": "Countering terrorism", "url": "https://www.osce.org/secretariat/terrorism"},
    {"label": "Policing", "url": "https://www.osce.org/secretariat/policing"},
    {"label": "Border security and management", "url": "https://www.osce.org/secretariat/borders"},
    {"label": "POLIS", "url": "https://polis.osce.org"},
)

BUDGETS = (
    {
        "year": 2017,
        "unified_budget": Decimal("2955500.00"),
        "extrabudgetary_pledges": Decimal("2221361.00"),
        "staff_total": 33,
        "staff_extrabudgetary": 6,
    },
)

THEMES = (
    {
        "slug": "cyber-ict-security",
        "name": "Cyber/ICT security",
        "description": (
            "The focus of many states on developing cyber capabilities has added a complex layer to "
            "international peace and security. To reduce the risk of conflict stemming from the use of ICTs, "
            "in 2017, TNTD helped the OSCE participating States develop crisis communication mechanisms to "
            "prevent escalation, including the use of the OSCE Communications Network to raise concerns with "
            "other states."
            "\n\n"
            "TNTD continued to support the participating States, upon their request, in implementing the OSCE "
            "cyber/ICT security confidence-building measures (CBMs). This support included the commissioning of an "
            "analysis of the challenges states face in implementing the CBMs and the facilitation of the development "
            "of a work plan to tackle these challenges."
        ),
    },
    {
        "slug": "countering-terrorism",
        "name": "Countering terrorism",
        "description": (
            "Anti-terrorism activities continued to receive high priority in 2017, from preventing and "
            "countering violent extremism and radicalization that lead to terrorism (VERLT) to countering "
            "terrorist financing, protecting critical energy infrastructure and preventing the exploitation of "
            "the Internet by terrorists."
        ),
    },
    {
        "slug": "policing",
        "name": "Policing",
        "description": (
            "TNTD focused on building law enforcement capacities of the OSCE participating States by assisting "
            "in police development and reform and addressing organized crime, counter-terrorism, illicit drugs, "
            "human trafficking, smuggling of migrants and cybercrime."
        ),
    },
    {
        "slug": "border-security-and-management",
        "name": "Border security and management",
        "description": (
            "The OSCE Border Security and Management (BSM) National Focal Point Network continued to promote "
            "dialogue and networking through training events, thematic seminars and workshops."
        ),
    },
    # Named only as a "What we do" of the news page, which describes it nowhere.
    {"slug": "economic-activities", "name": "Economic activities", "description": ""},
)

COORDINATION_CELL = "co-ordination-cell"
ATU = "action-against-terrorism-unit"
BSMU = "border-security-and-management-unit"
SPMU = "strategic-police-matters-unit"

# In the report's order. No acronyms: the documents give none for the units.
UNITS = (
    {
        "slug": COORDINATION_CELL,
        "name": "Co-ordination Cell",
        "kind": Unit.Kind.COORDINATION_CELL,  # the report: "a Co-ordination Cell ... and three thematic units"
        "display_order": 1,
        "description": (
            "The Co-ordination Cell of TNTD deals inter alia with security issues in cyber/information and "
            "communication technologies (ICTs)."
        ),
        "themes": ("cyber-ict-security",),
    },
    {
        "slug": ATU,
        "name": "Action against Terrorism Unit",
        "display_order": 2,
        "description": "One of the three thematic units of TNTD.",
        "themes": ("countering-terrorism",),
    },
    {
        "slug": BSMU,
        "name": "Border Security and Management Unit",
        "display_order": 3,
        "description": "One of the three thematic units of TNTD.",
        "themes": ("border-security-and-management",),
    },
    {
        "slug": SPMU,
        "name": "Strategic Police Matters Unit",
        "display_order": 4,
        "description": "One of the three thematic units of TNTD.",
        "themes": ("policing",),
    },
)

SECRETARIAT = "osce-secretariat"
PRESENCE_IN_ALBANIA = "osce-presence-in-albania"
MISSION_TO_BIH = "osce-mission-to-bosnia-and-herzegovina"
PROJECT_COORDINATOR_IN_UZBEKISTAN = "osce-project-co-ordinator-in-uzbekistan"
THB_OFFICE = "office-of-the-special-representative-for-combating-trafficking-in-human-beings"

STRUCTURES = (
    {
        "slug": TNTD,
        "name": "Transnational Threats Department",
        "kind": OsceStructure.Kind.SECRETARIAT_DEPARTMENT,
        "country": None,
    },
    {"slug": SECRETARIAT, "name": "OSCE Secretariat", "kind": OsceStructure.Kind.SECRETARIAT, "country": None},
    {
        "slug": PRESENCE_IN_ALBANIA,
        "name": "OSCE Presence in Albania",
        "kind": OsceStructure.Kind.FIELD_OPERATION,
        "country": "AL",
    },
    {
        "slug": MISSION_TO_BIH,
        "name": "OSCE Mission to Bosnia and Herzegovina",
        "kind": OsceStructure.Kind.FIELD_OPERATION,
        "country": "BA",
    },
    {
        "slug": PROJECT_COORDINATOR_IN_UZBEKISTAN,
        "name": "OSCE Project Co-ordinator in Uzbekistan",
        "kind": OsceStructure.Kind.FIELD_OPERATION,
        "country": "UZ",
    },
    {
        "slug": THB_OFFICE,
        "name": "Office of the OSCE Special Representative and Co-ordinator for Combating Trafficking in Human Beings",
        "kind": OsceStructure.Kind.SECRETARIAT_DEPARTMENT,
        "country": None,
    },
)

UNODC = "unodc"
IOM = "iom"
GCTF = "global-counterterrorism-forum"
POLICE_ACADEMY_BANJA_LUKA = "police-academy-in-banja-luka"

PARTNERS = (
    {"slug": UNODC, "name": "United Nations Office on Drugs and Crime", "acronym": "UNODC"},
    {"slug": IOM, "name": "International Organization for Migration", "acronym": "IOM"},
    # The report names its Rabat Memorandum, not an acronym.
    {"slug": GCTF, "name": "Global Counterterrorism Forum", "acronym": ""},
    # Co-organiser of the Banja Luka training courses, as the news page names it.
    {"slug": POLICE_ACADEMY_BANJA_LUKA, "name": "Police Academy in Banja Luka", "acronym": ""},
)

# Keys every event may leave out, with what leaving them out means.
EVENT_DEFAULTS = {
    "end_date": None,
    "venue_city": "",
    "venue_country": None,
    "is_online": False,
    "participants_total": None,
    "participants_women": None,
    "participants_men": None,
    "body": "",
    "photo_caption": "",
    "photo_credit": "",
    "countries": (),
    "themes": (),
    "units": (),
    "structures": (),
    "partners": (),
}

# Sentences the report writes once about events stored one by one.
CRITICAL_ENERGY_EXERCISES = (
    "In response to renewed interest from participating States, four national risk assessment and crisis "
    "management exercises on the protection of non-nuclear critical energy infrastructure from terrorist attacks "
    "emanating from cyberspace were held in Belgrade, Bratislava, Skopje and Tirana."
)
RULE_OF_LAW_SEMINARS = (
    "Seminars on strengthening rule of law-compliant criminal justice responses to terrorism were held in "
    "Prishtinë/Priština and Astana, based on the Global Counterterrorism Forum Rabat Memorandum."
)
INTELLIGENCE_LED_POLICING_EVENTS = (
    "TNTD published a guidebook on intelligence-led policing in English, Albanian, Bosnian, Croatian, Serbian, "
    "Macedonian and Russian. Following the launch of the guidebook in Vienna, it organized two regional events in "
    "Skopje and Astana."
)

EVENTS_2017 = (
    # The two photographs of the report's chapter. Their captions date a moment, not the course:
    # the Gissar course was under way that July; the Khoja Obigarm photo shows a technique learned
    # at a course of which only the year is known. Neither says which unit ran the course.
    {
        "slug": "patrolling-and-leadership-course-afghan-border-police-gissar-2017",
        "title": "Patrolling and leadership training course for Afghan border police officers",
        "event_type": Event.Type.TRAINING_COURSE,
        "start_date": datetime.date(2017, 7, 1),
        "date_precision": MONTH,
        "venue_city": "Gissar",
        "venue_country": "TJ",
        "countries": ("AF",),
        "themes": ("border-security-and-management",),
        "summary": (
            "Afghan border police officers took part in a four-week OSCE patrolling and leadership training "
            "course in Gissar, Tajikistan, where they practised masking techniques using camouflage netting."
        ),
        "photo_caption": (
            "Afghan border police officers practise masking techniques by using camouflage netting during a "
            "four-week OSCE patrolling and leadership training course, Gissar, Tajikistan, 26 July 2017."
        ),
        "photo_credit": "OSCE/Daler Khamidov",
    },
    {
        "slug": "training-course-afghan-border-troops-khoja-obigarm-2017",
        "title": "OSCE-organized training course for Afghan border troops",
        "event_type": Event.Type.TRAINING_COURSE,
        "start_date": IN_2017,
        "date_precision": YEAR,
        "venue_city": "Khoja Obigarm",
        "venue_country": "TJ",
        "countries": ("AF",),
        "themes": ("border-security-and-management",),
        "summary": (
            "Afghan border troops learned the technique of belaying in a bundle at an OSCE-organized training "
            "course."
        ),
        "photo_caption": (
            "Afghan border troops use the technique of belaying in a bundle, learned at an OSCE-organized "
            "training course, Khoja Obigarm, 17 April 2017."
        ),
        "photo_credit": "OSCE/Firdavs Kurbanov",
    },
    # Cyber/ICT security
    {
        "slug": "interregional-conference-cyber-ict-security-2017",
        "title": "Interregional conference on cyber/ICT security",
        "event_type": Event.Type.CONFERENCE,
        "start_date": IN_2017,
        "date_precision": YEAR,
        "themes": ("cyber-ict-security",),
        "structures": (TNTD,),
        "summary": (
            "An interregional conference on cyber/ICT security enabled OSCE Asian Partners for Co-operation "
            "to contribute to efforts designed to promote cyber stability between states."
        ),
    },
    {
        "slug": "subregional-training-ict-challenges-2017",
        "title": "Subregional training events on ICT-related challenges",
        "event_type": Event.Type.TRAINING_COURSE,
        "start_date": IN_2017,
        "date_precision": YEAR,
        "themes": ("cyber-ict-security",),
        "structures": (TNTD,),
        "summary": (
            "Subregional training events promoted co-operation on ICT-related challenges between policymakers "
            "and technical experts, focusing on national preparedness, strategies and resilience."
        ),
    },
    # Combating terrorism
    {
        "slug": "osce-wide-counter-terrorism-conference-verlt-2017",
        "title": "OSCE-wide counter-terrorism conference on preventing and countering VERLT",
        "event_type": Event.Type.CONFERENCE,
        "start_date": IN_2017,
        "date_precision": YEAR,
        "themes": ("countering-terrorism",),
        "structures": (TNTD,),
        "summary": (
            "Preventing and countering violent extremism and radicalization that lead to terrorism (VERLT) was "
            "the focus of the OSCE-wide counter-terrorism conference, which highlighted the importance of a "
            "multifaceted approach in addressing terrorism and its root causes. The event gathered more than "
            "500 high-level participants, practitioners, academics and civil society representatives, from the "
            "majority of OSCE participating States as well as all Partners for Co-operation, 35 international "
            "and regional organizations and over 95 civil society organizations."
        ),
        "body": (
            "Underscoring the importance of their engagement, youth representatives reiterated that they are "
            "part of the solution to the threat of terrorism. They presented recommendations elaborated at four "
            "subregional youth workshops held under the umbrella of the #UnitedCVE social media campaign."
        ),
    },
    {
        "slug": "unitedcve-subregional-youth-workshops-2017",
        "title": "Four subregional youth workshops under the #UnitedCVE campaign",
        "event_type": Event.Type.WORKSHOP,
        "start_date": IN_2017,
        "date_precision": YEAR,
        "themes": ("countering-terrorism",),
        "structures": (TNTD,),
        "summary": (
            "Youth representatives elaborated recommendations at four subregional youth workshops held under "
            "the umbrella of the #UnitedCVE social media campaign, and presented them at the OSCE-wide "
            "counter-terrorism conference."
        ),
    },
    {
        "slug": "unitedcve-social-media-campaign-2017",
        "title": "#UnitedCVE social media campaign",
        "event_type": Event.Type.CAMPAIGN,
        "start_date": IN_2017,
        "date_precision": YEAR,
        "is_online": True,
        "themes": ("countering-terrorism",),
        "structures": (TNTD,),
        "summary": "The #UnitedCVE social media campaign reached more than 40 million individuals online.",
    },
    {
        "slug": "countering-terrorist-financing-courses-kyrgyzstan-kazakhstan-2017",
        "title": "Advanced training and train-the-trainer courses on countering terrorist financing",
        "event_type": Event.Type.TRAINING_COURSE,
        "start_date": IN_2017,
        "date_precision": YEAR,
        "countries": ("KG", "KZ"),
        "themes": ("countering-terrorism",),
        "structures": (TNTD,),
        "partners": (UNODC,),
        "summary": (
            "In support of national efforts to counter terrorist financing, a series of advanced training and "
            "train-the-trainer courses focusing on analysis, investigation, financial disruption of terrorist "
            "networks, and UN sanctions listing cases was started in Kyrgyzstan and Kazakhstan in joint "
            "co-operation with the UNODC Global Programme against Money-Laundering."
        ),
    },
    {
        "slug": "critical-energy-infrastructure-exercise-belgrade-2017",
        "title": (
            "National risk assessment and crisis management exercise on protecting non-nuclear critical energy "
            "infrastructure from terrorist attacks emanating from cyberspace, Belgrade"
        ),
        "event_type": Event.Type.EXERCISE,
        "start_date": IN_2017,
        "date_precision": YEAR,
        "venue_city": "Belgrade",
        "venue_country": "RS",
        "countries": ("RS",),
        "themes": ("countering-terrorism", "cyber-ict-security"),
        "structures": (TNTD,),
        "summary": CRITICAL_ENERGY_EXERCISES + " This one was held in Belgrade.",
    },
    {
        "slug": "critical-energy-infrastructure-exercise-bratislava-2017",
        "title": (
            "National risk assessment and crisis management exercise on protecting non-nuclear critical energy "
            "infrastructure from terrorist attacks emanating from cyberspace, Bratislava"
        ),
        "event_type": Event.Type.EXERCISE,
        "start_date": IN_2017,
        "date_precision": YEAR,
        "venue_city": "Bratislava",
        "venue_country": "SK",
        "countries": ("SK",),
        "themes": ("countering-terrorism", "cyber-ict-security"),
        "structures": (TNTD,),
        "summary": CRITICAL_ENERGY_EXERCISES + " This one was held in Bratislava.",
    },
    {
        "slug": "critical-energy-infrastructure-exercise-skopje-2017",
        "title": (
            "National risk assessment and crisis management exercise on protecting non-nuclear critical energy "
            "infrastructure from terrorist attacks emanating from cyberspace, Skopje"
        ),
        "event_type": Event.Type.EXERCISE,
        "start_date": IN_2017,
        "date_precision": YEAR,
        "venue_city": "Skopje",
        "venue_country": "MK",
        "countries": ("MK",),
        "themes": ("countering-terrorism", "cyber-ict-security"),
        "structures": (TNTD,),
        "summary": CRITICAL_ENERGY_EXERCISES + " This one was held in Skopje.",
    },
    {
        "slug": "critical-energy-infrastructure-exercise-tirana-2017",
        "title": (
            "National risk assessment and crisis management exercise on protecting non-nuclear critical energy "
            "infrastructure from terrorist attacks emanating from cyberspace, Tirana"
        ),
        "event_type": Event.Type.EXERCISE,
        "start_date": IN_2017,
        "date_precision": YEAR,
        "venue_city": "Tirana",
        "venue_country": "AL",
        "countries": ("AL",),
        "themes": ("countering-terrorism", "cyber-ict-security"),
        "structures": (TNTD,),
        "summary": CRITICAL_ENERGY_EXERCISES + " This one was held in Tirana.",
    },
    {
        "slug": "online-course-terrorist-use-of-the-internet-launch-2017",
        "title": "Launch of a publicly accessible online course on the exploitation of the Internet by terrorists",
        "event_type": Event.Type.LAUNCH,
        "start_date": IN_2017,
        "date_precision": YEAR,
        "is_online": True,
        "themes": ("countering-terrorism",),
        "structures": (TNTD,),
        "summary": (
            "To prevent the exploitation of the Internet by terrorists, a publicly accessible online course was "
            "launched demonstrating how terrorists exploit the Internet for their nefarious aims and explaining "
            "how to counter this threat."
        ),
    },
    {
        "slug": "rule-of-law-criminal-justice-responses-seminar-prishtine-pristina-2017",
        "title": (
            "Seminar on strengthening rule of law-compliant criminal "
            "justice responses to terrorism, Prishtinë/Priština"
        ),
        "event_type": Event.Type.SEMINAR,
        "start_date": IN_2017,
        "date_precision": YEAR,
        "venue_city": "Prishtinë/Priština",
        "venue_country": "XK",
        "themes": ("countering-terrorism",),
        "structures": (TNTD,),
        "summary": RULE_OF_LAW_SEMINARS + " This one was held in Prishtinë/Priština.",
    },
    {
        "slug": "rule-of-law-criminal-justice-responses-seminar-astana-2017",
        "title": "Seminar on strengthening rule of law-compliant criminal justice responses to terrorism, Astana",
        "event_type": Event.Type.SEMINAR,
        "start_date": IN_2017,
        "date_precision": YEAR,
        "venue_city": "Astana",
        "venue_country": "KZ",
        "themes": ("countering-terrorism",),
        "structures": (TNTD,),
        "summary": RULE_OF_LAW_SEMINARS + " This one was held in Astana.",
    },
    {
        "slug": "preventing-countering-kidnapping-for-ransom-training-2017",
        "title": "Training on preventing and countering kidnapping for ransom",
        "event_type": Event.Type.TRAINING_COURSE,
        "start_date": IN_2017,
        "date_precision": YEAR,
        "themes": ("countering-terrorism",),
        "structures": (TNTD,),
        "summary": (
            "Training was held for NGOs working in high-risk areas on preventing and countering kidnapping for "
            "ransom, as well as for law enforcement officers in charge of resolving such cases."
        ),
    },
    {
        "slug": "whole-of-society-approach-verlt-seminar-ulaanbaatar-2017",
        "title": "National seminar on a whole-of-society approach to prevent and counter VERLT",
        "event_type": Event.Type.SEMINAR,
        "start_date": IN_2017,
        "date_precision": YEAR,
        "venue_city": "Ulaanbaatar",
        "venue_country": "MN",
        "countries": ("MN",),
        "themes": ("countering-terrorism",),
        "structures": (TNTD,),
        "summary": (
            "A national seminar on a whole-of-society approach to "
            "prevent and counter VERLT was held in Ulaanbaatar."
        ),
    },
    # Police-related activities
    {
        "slug": "intelligence-led-policing-guidebook-launch-vienna-2017",
        "title": "Launch of the guidebook on intelligence-led policing",
        "event_type": Event.Type.LAUNCH,
        "start_date": IN_2017,
        "date_precision": YEAR,
        "venue_city": "Vienna",
        "venue_country": "AT",
        "themes": ("policing",),
        "structures": (TNTD,),
        "summary": (
            "TNTD published a guidebook on intelligence-led policing in English, Albanian, Bosnian, Croatian, "
            "Serbian, Macedonian and Russian, and launched it in Vienna."
        ),
    },
    {
        "slug": "intelligence-led-policing-regional-event-skopje-2017",
        "title": "Regional event following the launch of the guidebook on intelligence-led policing, Skopje",
        "event_type": Event.Type.OTHER,
        "start_date": IN_2017,
        "date_precision": YEAR,
        "venue_city": "Skopje",
        "venue_country": "MK",
        "themes": ("policing",),
        "structures": (TNTD,),
        "summary": INTELLIGENCE_LED_POLICING_EVENTS + " This one was held in Skopje.",
    },
    {
        "slug": "intelligence-led-policing-regional-event-astana-2017",
        "title": "Regional event following the launch of the guidebook on intelligence-led policing, Astana",
        "event_type": Event.Type.OTHER,
        "start_date": IN_2017,
        "date_precision": YEAR,
        "venue_city": "Astana",
        "venue_country": "KZ",
        "themes": ("policing",),
        "structures": (TNTD,),
        "summary": INTELLIGENCE_LED_POLICING_EVENTS + " This one was held in Astana.",
    },
    {
        "slug": "regional-seminar-crimes-related-to-migration-see-2017",
        "title": "Regional seminar on crimes related to migration in South-Eastern Europe",
        "event_type": Event.Type.SEMINAR,
        "start_date": IN_2017,
        "date_precision": YEAR,
        "themes": ("policing",),
        "structures": (TNTD, THB_OFFICE),
        "partners": (IOM, UNODC),
        "summary": (
            "To respond to the flow of migrants, a particular challenge for countries in South-Eastern Europe "
            "(SEE) in recent years, TNTD and the Office of the OSCE Special Representative and Co-ordinator for "
            "Combating Trafficking in Human Beings, together with the IOM and the UNODC, organized a regional "
            "seminar on crimes related to migration in SEE."
        ),
    },
    {
        "slug": "darknet-cryptocurrencies-drug-crimes-training-2017",
        "title": (
            "Training and awareness-raising on drug-related crimes "
            "facilitated by the darknet and cryptocurrencies"
        ),
        "event_type": Event.Type.TRAINING_COURSE,
        "start_date": IN_2017,
        "date_precision": YEAR,
        "countries": ("BY", "UZ"),
        "themes": ("policing",),
        "structures": (TNTD,),
        "summary": (
            "Training and awareness-raising activities were conducted in Belarus and Uzbekistan on drug-related "
            "crimes facilitated by the darknet and cryptocurrencies."
        ),
    },
    {
        "slug": "osce-wide-anti-drug-conference-2017",
        "title": "2017 OSCE-wide anti-drug conference",
        "event_type": Event.Type.CONFERENCE,
        "start_date": IN_2017,
        "date_precision": YEAR,
        "themes": ("policing",),
        "structures": (TNTD,),
        "summary": (
            "The nexus between illicit drugs, organized crime and terrorism was addressed at the 2017 OSCE-wide "
            "anti-drug conference."
        ),
    },
    {
        "slug": "annual-police-experts-meeting-crime-should-not-pay-2017",
        "title": "2017 OSCE Annual Police Experts Meeting: Crime Should Not Pay",
        "event_type": Event.Type.MEETING,
        "start_date": IN_2017,
        "date_precision": YEAR,
        "themes": ("policing",),
        "structures": (TNTD,),
        "summary": (
            "Money is the main incentive and motivation behind serious crime. Crime Should Not Pay was the title "
            "of the 2017 OSCE Annual Police Experts meeting, during which participants discussed ways to "
            "strengthen measures to identify and trace illicit financial flows and confiscate criminal assets."
        ),
    },
    # Border security and management
    {
        "slug": "bsm-national-focal-point-network-annual-meeting-2017",
        "title": "Annual Meeting of the OSCE Border Security and Management National Focal Point Network",
        "event_type": Event.Type.MEETING,
        "start_date": datetime.date(2017, 3, 1),
        "date_precision": MONTH,
        "venue_country": "AT",
        "themes": ("border-security-and-management",),
        "structures": (TNTD,),
        "summary": (
            "The Annual Meeting of the OSCE Border Security and Management (BSM) National Focal Point Network, "
            "focusing on emerging threats and cross-border co-operation and supported by the Austrian OSCE "
            "Chairmanship, was held in March in Austria."
        ),
    },
    {
        "slug": "foreign-terrorist-fighters-mobile-training-team-courses-2017",
        "title": "Mobile training team courses on identifying potential foreign terrorist fighters",
        "event_type": Event.Type.TRAINING_COURSE,
        "start_date": IN_2017,
        "date_precision": YEAR,
        "countries": ("BA", "UA", "UZ"),
        "themes": ("border-security-and-management", "countering-terrorism"),
        "structures": (TNTD,),
        "summary": (
            "The OSCE mobile training team comprised of 17 border officers and counter-terrorism officials to "
            "identify potential foreign terrorist fighters conducted training courses in Bosnia and Herzegovina, "
            "Ukraine and Uzbekistan."
        ),
    },
    {
        "slug": "osce-wide-seminar-passenger-data-exchange-2017",
        "title": "First-ever OSCE-wide seminar on passenger data exchange",
        "event_type": Event.Type.SEMINAR,
        "start_date": datetime.date(2017, 9, 1),
        "date_precision": MONTH,
        "themes": ("border-security-and-management",),
        "structures": (TNTD,),
        "summary": "The first-ever OSCE-wide seminar on passenger data exchange was held in September.",
    },
    {
        "slug": "advance-passenger-information-national-workshops-2017",
        "title": "National workshops on establishing Advance Passenger Information systems",
        "event_type": Event.Type.WORKSHOP,
        "start_date": IN_2017,
        "date_precision": YEAR,
        "countries": ("AL", "MK", "ME", "KG"),
        "themes": ("border-security-and-management",),
        "structures": (TNTD,),
        "summary": (
            "A series of national workshops on establishing Advance Passenger Information systems was organized "
            "in Albania, the former Yugoslav Republic of Macedonia, Montenegro and Kyrgyzstan, ahead of the "
            "first-ever OSCE-wide seminar on passenger data exchange."
        ),
    },
    {
        "slug": "delimitation-and-demarcation-guidebook-launch-2017",
        "title": "Launch of the guidebook on delimitation and demarcation",
        "event_type": Event.Type.LAUNCH,
        "start_date": datetime.date(2017, 11, 1),
        "date_precision": MONTH,
        "venue_country": "BY",
        "themes": ("border-security-and-management",),
        "structures": (TNTD,),
        "summary": (
            "TNTD developed a guidebook on delimitation and demarcation, which includes a compilation of good "
            "practices in the OSCE area, and launched it in November in Belarus."
        ),
    },
    {
        "slug": "trafficking-in-cultural-property-workshops-2017",
        "title": "Workshops on combating trafficking in cultural property",
        "event_type": Event.Type.WORKSHOP,
        "start_date": IN_2017,
        "date_precision": YEAR,
        "countries": ("CY", "IT"),
        "themes": ("border-security-and-management",),
        "structures": (TNTD,),
        "summary": (
            "TNTD established the Mediterranean Points of Contact Network on BSM and organized workshops on "
            "combating trafficking in cultural property in Cyprus and Italy."
        ),
    },
)

EVENTS_2024 = (
    {
        "slug": "cryptocurrency-money-laundering-peer-exchange-tirana-2024",
        "title": (
            "Peer exchange on cryptocurrency money laundering investigations "
            "for Albanian prosecutors and investigators"
        ),
        "event_type": Event.Type.PEER_EXCHANGE,
        "start_date": datetime.date(2024, 12, 16),
        "date_precision": DAY,
        "venue_city": "Tirana",
        "venue_country": "AL",
        "countries": ("AL",),
        "structures": (PRESENCE_IN_ALBANIA,),
        "summary": (
            "The OSCE Presence in Albania facilitated a peer exchange meeting at the Italian Embassy in Tirana, "
            "focusing on financial investigations related to money laundering through cryptocurrencies."
        ),
    },
    {
        "slug": "gender-based-violence-training-police-cadets-banja-luka-2024",
        "title": "Basic training courses for police cadets on gender-based violence",
        "event_type": Event.Type.TRAINING_COURSE,
        "start_date": datetime.date(2024, 12, 9),
        "end_date": datetime.date(2024, 12, 12),
        "date_precision": DAY,
        "venue_city": "Banja Luka",
        "venue_country": "BA",
        "countries": ("BA",),
        "themes": ("policing",),
        "structures": (TNTD, MISSION_TO_BIH),
        "partners": (POLICE_ACADEMY_BANJA_LUKA,),
        "summary": (
            "The OSCE Transnational Threats Department, the OSCE Mission to Bosnia and Herzegovina and the "
            "Police Academy in Banja Luka conducted four one-day basic training courses for police cadets on "
            "gender-based violence (GBV) in Banja Luka. The training sessions were delivered by national police "
            "officers, a prosecutor, a judge, a psychologist and other local experts."
        ),
    },
    {
        "slug": "pool-of-young-experts-training-course-vienna-2024",
        "title": "Training course of the OSCE Pool of Young Experts in the peace and security field",
        "event_type": Event.Type.TRAINING_COURSE,
        "start_date": datetime.date(2024, 12, 11),
        "end_date": datetime.date(2024, 12, 13),
        "date_precision": DAY,
        "venue_city": "Vienna",
        "venue_country": "AT",
        "participants_total": 27,
        "participants_women": 18,
        "participants_men": 9,
        "summary": (
            "The OSCE brought together 27 members of the OSCE Pool of Young Experts (18 women and 9 men) in "
            "Vienna for an in-person training course focusing on professional competences in the field of "
            "peace and security."
        ),
    },
    {
        "slug": "illicit-trafficking-weapons-ammunition-explosives-conference-kyiv-2024",
        "title": (
            "Second National Conference on Preventing and Combating Illicit Trafficking of Weapons, Ammunition "
            "and Explosives"
        ),
        "event_type": Event.Type.CONFERENCE,
        "start_date": datetime.date(2024, 12, 11),
        "date_precision": DAY,
        "venue_city": "Kyiv",
        "venue_country": "UA",
        "countries": ("UA",),
        "summary": (
            "Over 100 representatives of Ukrainian authorities, international organizations, diplomatic missions "
            "and civil society participated in the Second National Conference on Preventing and Combating "
            "Illicit Trafficking of Weapons, Ammunition and Explosives (WAE) in Kyiv."
        ),
    },
    {
        "slug": "requesting-electronic-evidence-expert-meeting-tashkent-2024",
        "title": "Second expert-level meeting on requesting electronic evidence across borders",
        "event_type": Event.Type.EXPERT_MEETING,
        "start_date": datetime.date(2024, 12, 4),
        "date_precision": DAY,
        "venue_city": "Tashkent",
        "venue_country": "UZ",
        "countries": ("UZ",),
        "themes": ("countering-terrorism",),
        "structures": (TNTD, PROJECT_COORDINATOR_IN_UZBEKISTAN),
        "summary": (
            "The OSCE Transnational Threats Department, in co-operation with the OSCE Project Co-ordinator in "
            "Uzbekistan, hosted the second expert-level meeting on requesting electronic evidence across borders "
            "in Tashkent."
        ),
    },
    {
        "slug": "central-asia-cybercrime-electronic-evidence-workshop-tashkent-2024",
        "title": (
            "Central Asia regional workshop on training police officers "
            "and prosecutors on cybercrime and electronic evidence"
        ),
        "event_type": Event.Type.WORKSHOP,
        "start_date": datetime.date(2024, 12, 5),
        "end_date": datetime.date(2024, 12, 6),
        "date_precision": DAY,
        "venue_city": "Tashkent",
        "venue_country": "UZ",
        "themes": ("policing",),
        "structures": (TNTD,),
        "summary": (
            "The OSCE Transnational Threats Department (TNTD) held a Central Asia regional workshop on developing "
            "strategic and structured approaches to the training and education of police officers and "
            "prosecutors working on cybercrime and electronic evidence."
        ),
    },
)

EVENTS = EVENTS_2017 + EVENTS_2024

NEWS_DEFAULTS = {
    "kind": "",  # blank where the news page gives none
    "body": "",
    "structures": (),
    "themes": (),
    "countries": (),
    "related_events": (),
}

# The news page of December 2024, in its order; "structures" is its "Where we are",
# "themes" its "What we do", exactly as it lists them.
NEWS_ITEMS = (
    {
        "slug": "osce-presence-in-albania-hosts-peer-exchange-on-cryptocurrency-money-laundering-investigations",
        "title": (
            "OSCE Presence in Albania hosts peer exchange on cryptocurrency money laundering investigations for "
            "Albanian prosecutors and investigators"
        ),
        "published_on": datetime.date(2024, 12, 16),
        "kind": NewsItem.Kind.NEWS,
        "structures": (PRESENCE_IN_ALBANIA, TNTD),
        "countries": ("AL",),
        "related_events": ("cryptocurrency-money-laundering-peer-exchange-tirana-2024",),
        "summary": (
            "On 16 December 2024, the OSCE Presence in Albania facilitated a peer exchange meeting at the Italian "
            "Embassy in Tirana, focusing on financial investigations related to money laundering through "
            "cryptocurrencies."
        ),
    },
    {
        "slug": "osce-trains-police-cadets-on-gender-based-violence-in-banja-luka",
        "title": (
            "OSCE trains police cadets to strengthen criminal justice "
            "responses to gender-based violence in Banja Luka"
        ),
        "published_on": datetime.date(2024, 12, 16),
        "kind": NewsItem.Kind.NEWS,
        "structures": (TNTD, SECRETARIAT),
        "themes": ("policing",),
        "countries": ("BA",),
        "related_events": ("gender-based-violence-training-police-cadets-banja-luka-2024",),
        "summary": (
            "From 9 to 12 December, the OSCE Transnational Threats Department, the OSCE Mission to Bosnia and "
            "Herzegovina and the Police Academy in Banja Luka conducted four one-day basic training courses for "
            "police cadets on gender-based violence (GBV) in Banja Luka. The training sessions were delivered by "
            "national police officers, a prosecutor, a judge, a psychologist and other local experts."
        ),
    },
    {
        "slug": "challenges-and-opportunities-in-migration-diplomacy-in-focus-at-osce-workshop",
        "title": "Challenges and opportunities in the field of migration diplomacy in focus at OSCE workshop",
        "published_on": datetime.date(2024, 12, 13),
        "kind": NewsItem.Kind.NEWS,
        "themes": ("economic-activities",),
        # The page gives the workshop neither a date nor a place: there is no event to link.
        "summary": (
            "Migration is becoming an increasingly important area of diplomatic relations. Recently, the "
            "adoption of bilateral and multilateral agreements of migration governance has intensified globally, "
            "and references to migration diplomacy have recurred systematically in political and public debates."
        ),
    },
    {
        "slug": "osce-trains-pool-of-young-experts-in-the-peace-and-security-field",
        "title": "OSCE trains Pool of Young Experts in the peace and security field",
        "published_on": datetime.date(2024, 12, 13),
        "related_events": ("pool-of-young-experts-training-course-vienna-2024",),
        "summary": (
            "From 11 to 13 December, the OSCE brought together 27 members of the OSCE Pool of Young Experts "
            "(18 women and 9 men) in Vienna for an in-person training course focusing on professional competences "
            "in the field of peace and security."
        ),
    },
    {
        "slug": "osce-supports-ukraine-in-preventing-and-combating-illicit-trafficking-of-weapons",
        "title": (
            "OSCE supports Ukraine in preventing and combating illicit trafficking of weapons, ammunition and "
            "explosives"
        ),
        "published_on": datetime.date(2024, 12, 13),
        "countries": ("UA",),
        "related_events": ("illicit-trafficking-weapons-ammunition-explosives-conference-kyiv-2024",),
        "summary": (
            "On 11 December, over 100 representatives of Ukrainian authorities, international organizations, "
            "diplomatic missions and civil society participated in the Second National Conference on Preventing "
            "and Combating Illicit Trafficking of Weapons, Ammunition and Explosives (WAE) in Kyiv."
        ),
    },
    {
        "slug": "osce-builds-uzbekistans-capacity-in-requesting-electronic-evidence-across-borders",
        "title": "OSCE builds Uzbekistan’s capacity in requesting electronic evidence across borders",
        "published_on": datetime.date(2024, 12, 12),
        "kind": NewsItem.Kind.NEWS,
        "structures": (TNTD, SECRETARIAT),
        "themes": ("countering-terrorism",),
        "countries": ("UZ",),
        "related_events": ("requesting-electronic-evidence-expert-meeting-tashkent-2024",),
        "summary": (
            "On 4 December, the OSCE Transnational Threats Department, in co-operation with the OSCE Project "
            "Co-ordinator in Uzbekistan, hosted the second expert-level meeting on requesting electronic evidence "
            "across borders in Tashkent."
        ),
    },
    {
        "slug": "osce-regional-workshop-in-central-asia-on-combating-cybercrime-and-electronic-evidence",
        "title": (
            "OSCE regional workshop in Central Asia focuses on competency frameworks and training strategies on "
            "combating cybercrime and dealing with electronic evidence"
        ),
        "published_on": datetime.date(2024, 12, 12),
        "kind": NewsItem.Kind.NEWS,
        "structures": (TNTD, SECRETARIAT),
        "themes": ("policing",),
        "related_events": ("central-asia-cybercrime-electronic-evidence-workshop-tashkent-2024",),
        "summary": (
            "On 5 and 6 December in Tashkent, the OSCE Transnational Threats Department (TNTD) held a Central Asia "
            "regional workshop on developing strategic and structured approaches to the training and education "
            "of police officers and prosecutors working on cybercrime and electronic evidence."
        ),
    },
)


# The Russian of each kind of record, by slug (the department's links by their English label).
RUSSIAN = {
    "department": {TNTD: DEPARTMENT_RU},
    "department_link": {label: {"label": text} for label, text in DEPARTMENT_LINKS_RU.items()},
    "theme": THEMES_RU,
    "unit": UNITS_RU,
    "osce_structure": STRUCTURES_RU,
    "partner_organisation": PARTNERS_RU,
    "event": EVENTS_RU,
    "news_item": NEWS_ITEMS_RU,
}


def russian(kind, key):
    """The Russian columns of one record ({"title_ru": ...}); {} where it has none."""
    return {f"{field}_ru": text for field, text in RUSSIAN[kind].get(key, {}).items()}
