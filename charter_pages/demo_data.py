"""The demo charter of the fictional "Métropole Exemple", in French with its English translation.

Every text is written for this demo; none is a real authority's. Each entry pairs the French text (the source)
with its English translation, which the builder feeds to wagtail-localize.
"""

import datetime

PAGE = {
    "title": ("Charte de la participation citoyenne", "Citizen participation charter"),
    "listing_summary": (
        "Nos engagements quand nous vous demandons votre avis, ce que nous vous demandons en retour, "
        "et comment vérifier chaque promesse.",
        "Our commitments when we ask for your opinion, what we ask of you in return, and how to check each promise.",
    ),
    "lead": (
        "Cette charte est un contrat moral entre la Métropole Exemple et les habitants de ses 95 communes. "
        "Elle dit ce que nous promettons quand nous vous demandons votre avis, ce que nous vous demandons en "
        "retour, et comment vérifier que chaque promesse est tenue.",
        "This charter is a moral contract between Métropole Exemple and the people of its 95 municipalities. "
        "It says what we promise when we ask for your opinion, what we ask of you in return, and how to check "
        "that each promise is kept.",
    ),
    "adoption_body": ("Conseil métropolitain", "Metropolitan council"),
    "easy_read_intro": (
        "La Métropole prend des décisions pour votre ville.\n"
        "Avant de décider, elle vous demande votre avis.\n"
        "Cette page explique ce que la Métropole vous promet.\n"
        "Elle explique aussi ce que la Métropole vous demande.",
        "The Métropole makes decisions for your town.\n"
        "Before deciding, it asks for your opinion.\n"
        "This page explains what the Métropole promises you.\n"
        "It also explains what the Métropole asks of you.",
    ),
}
ADOPTION_DATE = datetime.date(2016, 12, 2)
DELIBERATION = "16 C 0001"

PREAMBLE = [
    (
        "En 2016, des habitants, des associations, des élus et des agents de la Métropole ont écrit ensemble "
        "cette charte, au fil de six ateliers ouverts à tous.",
        "In 2016, residents, associations, elected officials and staff of the Métropole wrote this charter "
        "together, over six workshops open to all.",
    ),
    (
        "Le conseil métropolitain l'a adoptée le 2 décembre 2016. Une deuxième édition, plus courte et organisée "
        "en cinq axes, a suivi en 2021, après un bilan public de la première.",
        "The metropolitan council adopted it on 2 December 2016. A second, shorter edition organised in five "
        "axes followed in 2021, after a public review of the first one.",
    ),
    (
        "Chaque engagement porte un numéro qui ne change pas d'une édition à l'autre, et dit comment vérifier "
        "qu'il est tenu. Les concertations indiquent quels engagements elles appliquent.",
        "Each commitment has a number that does not change from one edition to the next, and says how to check "
        "that it is kept. Consultations state which commitments they apply.",
    ),
]

# Pictograms drawn for the demo: (kind, French alt text, English alt text).
PICTOGRAMS = {
    "calendar": ("Un calendrier", "A calendar"),
    "document": ("Une feuille de papier écrite", "A written sheet of paper"),
    "people": ("Trois personnes côte à côte", "Three people side by side"),
    "speech": ("Une bulle de parole", "A speech bubble"),
    "check": ("Une coche dans un cercle", "A tick in a circle"),
    "chart": ("Un graphique en barres", "A bar chart"),
}

CHAPTERS = [
    {
        "title": ("Informer avant de décider", "Inform before deciding"),
        "introduction": (
            "Pour donner un avis utile, il faut savoir à l'avance ce qui se prépare et ce qui reste ouvert.",
            "To give a useful opinion, you need to know in advance what is being prepared and what is still open.",
        ),
        "commitments": [
            {
                "number": 1,
                "pictogram": "calendar",
                "title": ("Annoncer chaque concertation à l'avance", "Announce every consultation in advance"),
                "promise": (
                    "Nous nous engageons à annoncer chaque concertation au moins trois semaines avant son ouverture, "
                    "sur ce site et dans les mairies des communes concernées.",
                    "We commit to announcing every consultation at least three weeks before it opens, on this "
                    "site and in the town halls of the municipalities concerned.",
                ),
                "citizen_meaning": (
                    "Vous avez le temps de vous organiser pour participer.",
                    "You have time to organise yourself to take part.",
                ),
                "evidence": (
                    "La date d'annonce et la date d'ouverture sont affichées sur chaque concertation : "
                    "l'écart doit être d'au moins 21 jours.",
                    "The announcement date and the opening date are shown on every consultation: "
                    "they must be at least 21 days apart.",
                ),
                "official_reference": ("Édition 2021, axe 1, action 1.1", "2021 edition, axis 1, action 1.1"),
                "easy_read_text": (
                    "Nous vous prévenons avant chaque concertation.\n"
                    "Nous vous prévenons 3 semaines avant.\n"
                    "Vous avez le temps de vous préparer.",
                    "We tell you before each consultation.\nWe tell you 3 weeks before.\nYou have time to get ready.",
                ),
            },
            {
                "number": 2,
                "title": (
                    "Dire ce qui est décidé et ce qui reste ouvert",
                    "Say what is decided and what is still open",
                ),
                "promise": (
                    "Nous nous engageons à dire, dès l'ouverture, ce qui est déjà décidé, ce sur quoi votre avis "
                    "peut agir et qui prendra la décision finale.",
                    "We commit to saying, from the opening, what is already decided, what your opinion can "
                    "change and who will take the final decision.",
                ),
                "citizen_meaning": (
                    "Vous savez sur quoi porte vraiment la concertation, sans fausse promesse.",
                    "You know what the consultation is really about, with no false promise.",
                ),
                "evidence": (
                    "Chaque concertation a une rubrique « Ce que votre avis peut changer » ; "
                    "une concertation sans cette rubrique ne tient pas l'engagement.",
                    "Every consultation has a section “What your opinion can change”; "
                    "a consultation without it does not keep this commitment.",
                ),
                "official_reference": ("Édition 2021, axe 1, action 1.2", "2021 edition, axis 1, action 1.2"),
                "easy_read_text": (
                    "Nous disons ce qui est déjà décidé.\n"
                    "Nous disons ce que vous pouvez changer.\n"
                    "Nous disons qui décide à la fin.",
                    "We say what is already decided.\nWe say what you can change.\nWe say who decides at the end.",
                ),
            },
            {
                "number": 3,
                "pictogram": "document",
                "title": ("Publier des documents clairs", "Publish clear documents"),
                "promise": (
                    "Nous nous engageons à publier les documents utiles en langage clair, dans un format "
                    "accessible, avec un résumé de deux pages au plus.",
                    "We commit to publishing the useful documents in plain language, in an accessible format, "
                    "with a summary of two pages at most.",
                ),
                "citizen_meaning": (
                    "Vous comprenez le projet sans être spécialiste.",
                    "You understand the project without being an expert.",
                ),
                "evidence": (
                    "Chaque document indique son format et sa taille ; le résumé figure en tête de la concertation.",
                    "Every document shows its format and size; the summary is at the top of the consultation.",
                ),
                "official_reference": ("Édition 2021, axe 1, action 1.4", "2021 edition, axis 1, action 1.4"),
                "easy_read_text": (
                    "Nous écrivons des documents simples.\nChaque document a un résumé court.",
                    "We write simple documents.\nEach document has a short summary.",
                ),
            },
        ],
    },
    {
        "title": ("Associer chacune et chacun", "Involve everyone"),
        "introduction": (
            "La participation ne doit pas être réservée à ceux qui ont du temps, un ordinateur ou l'habitude "
            "des réunions.",
            "Taking part must not be only for those who have time, a computer or the habit of meetings.",
        ),
        "commitments": [
            {
                "number": 4,
                "pictogram": "people",
                "title": ("Mêler rencontres et participation en ligne", "Combine meetings and online participation"),
                "promise": (
                    "Nous nous engageons à proposer, pour chaque concertation, au moins une façon de participer "
                    "en personne et une façon de participer en ligne.",
                    "We commit to offering, for every consultation, at least one way to take part in person "
                    "and one way to take part online.",
                ),
                "citizen_meaning": (
                    "Vous pouvez participer sans ordinateur, ou sans vous déplacer.",
                    "You can take part without a computer, or without travelling.",
                ),
                "evidence": (
                    "Le bilan de chaque concertation et le tableau de bord publient la part des rencontres "
                    "en personne.",
                    "Each consultation's report and the dashboard publish the share of in-person meetings.",
                ),
                "official_reference": ("Édition 2021, axe 2, action 2.1", "2021 edition, axis 2, action 2.1"),
                "easy_read_text": (
                    "Vous pouvez participer sur internet.\nVous pouvez aussi venir à une réunion.\nVous choisissez.",
                    "You can take part on the internet.\nYou can also come to a meeting.\nYou choose.",
                ),
            },
            {
                "number": 5,
                "title": ("Aller vers celles et ceux qu'on entend peu", "Reach out to those seldom heard"),
                "promise": (
                    "Nous nous engageons à aller à la rencontre des personnes qui participent le moins : jeunes, "
                    "habitants des quartiers prioritaires, personnes âgées ou en situation de handicap.",
                    "We commit to reaching out to the people who take part least: young people, residents of "
                    "priority neighbourhoods, older people and people with disabilities.",
                ),
                "citizen_meaning": (
                    "Nous venons là où vous êtes : marchés, écoles, centres sociaux.",
                    "We come to where you are: markets, schools, community centres.",
                ),
                "evidence": (
                    "Le bilan indique qui a participé (âge, commune, en ligne ou en personne) et qui n'a pas été "
                    "touché.",
                    "The report states who took part (age, municipality, online or in person) and who was not reached.",
                ),
                "official_reference": ("Édition 2021, axe 2, action 2.3", "2021 edition, axis 2, action 2.3"),
                "easy_read_text": (
                    "Nous allons vers les personnes qui participent peu.\n"
                    "Par exemple les jeunes.\n"
                    "Par exemple les personnes âgées.",
                    "We go to the people who take part little.\nFor example young people.\nFor example older people.",
                ),
            },
            {
                "number": 6,
                "title": ("Des rencontres accessibles à tous", "Meetings accessible to all"),
                "promise": (
                    "Nous nous engageons à tenir nos rencontres dans des lieux accessibles et desservis par les "
                    "transports en commun, à des horaires variés, avec une interprétation en langue des signes "
                    "sur demande.",
                    "We commit to holding our meetings in accessible places served by public transport, at "
                    "varied times, with sign language interpreting on request.",
                ),
                "citizen_meaning": (
                    "Votre handicap, vos horaires de travail ou l'absence de voiture ne vous empêchent pas de venir.",
                    "Your disability, your working hours or not having a car do not stop you from coming.",
                ),
                "evidence": (
                    "Chaque annonce de rencontre précise l'accessibilité du lieu et les aides possibles.",
                    "Every meeting announcement states how accessible the venue is and what help is available.",
                ),
                "official_reference": ("Édition 2021, axe 2, action 2.5", "2021 edition, axis 2, action 2.5"),
                "easy_read_text": (
                    "Les réunions ont lieu dans des salles accessibles.\n"
                    "Vous pouvez y aller en bus ou en tram.\n"
                    "Vous pouvez demander de l'aide pour venir.",
                    "Meetings take place in accessible rooms.\n"
                    "You can get there by bus or tram.\n"
                    "You can ask for help to come.",
                ),
            },
        ],
    },
    {
        "title": ("Dire ce que votre avis change", "Say what your opinion changes"),
        "introduction": (
            "Donner son avis n'a de sens que si l'on sait ce qu'il devient.",
            "Giving your opinion only makes sense if you know what becomes of it.",
        ),
        "commitments": [
            {
                "number": 7,
                "pictogram": "speech",
                "title": ("Annoncer l'effet de votre avis", "Announce what your opinion will change"),
                "promise": (
                    "Nous nous engageons à annoncer, avant l'ouverture de chaque concertation, l'effet que vos "
                    "contributions auront sur la décision.",
                    "We commit to announcing, before every consultation opens, the effect your contributions "
                    "will have on the decision.",
                ),
                "citizen_meaning": (
                    "Vous savez avant de participer si votre avis sera consulté, pris en compte ou décisif.",
                    "You know before taking part whether your opinion will be heard, taken into account or decisive.",
                ),
                "evidence": (
                    "L'effet annoncé est affiché sur chaque concertation ; le bilan le compare à l'effet réel.",
                    "The announced effect is shown on every consultation; the report compares it with the "
                    "actual effect.",
                ),
                "official_reference": ("Édition 2021, axe 3, action 3.1", "2021 edition, axis 3, action 3.1"),
                "easy_read_text": (
                    "Avant de commencer, nous disons à quoi servira votre avis.",
                    "Before we start, we say what your opinion will be used for.",
                ),
            },
            {
                "number": 8,
                "pictogram": "check",
                "title": ("Répondre à chaque proposition", "Answer every proposal"),
                "promise": (
                    "Nous nous engageons à répondre à chaque proposition : retenue, adaptée ou non retenue, "
                    "et toujours pourquoi.",
                    "We commit to answering every proposal: kept, adapted or not kept, and always why.",
                ),
                "citizen_meaning": (
                    "Aucune idée ne disparaît sans explication.",
                    "No idea disappears without an explanation.",
                ),
                "evidence": (
                    "Le bilan donne la réponse, proposition par proposition ou thème par thème ; la part des "
                    "propositions qui ont reçu une réponse est publiée.",
                    "The report gives the answer, proposal by proposal or theme by theme; the share of proposals "
                    "that received an answer is published.",
                ),
                "official_reference": ("Édition 2021, axe 3, action 3.2", "2021 edition, axis 3, action 3.2"),
                "easy_read_text": (
                    "Nous répondons à chaque idée.\nNous disons si nous la gardons.\nNous disons pourquoi.",
                    "We answer every idea.\nWe say if we keep it.\nWe say why.",
                ),
            },
            {
                "number": 9,
                "title": ("Marquer ce qui vient des habitants", "Mark what comes from residents"),
                "promise": (
                    "Nous nous engageons à signaler par le label citoyen, dans les documents officiels, "
                    "ce qui vient d'une concertation.",
                    "We commit to marking with the citizen label, in official documents, what comes from "
                    "a consultation.",
                ),
                "citizen_meaning": (
                    "Vous voyez dans la décision finale la trace de ce que les habitants ont apporté.",
                    "You can see in the final decision the mark of what residents contributed.",
                ),
                "evidence": (
                    "Chaque document labellisé porte un code que chacun peut vérifier sur ce site.",
                    "Every labelled document carries a code that anyone can check on this site.",
                ),
                "official_reference": ("Édition 2021, axe 3, action 3.4", "2021 edition, axis 3, action 3.4"),
                "easy_read_text": (
                    "Un logo montre ce qui vient des habitants.\nCe logo s'appelle le label citoyen.",
                    "A logo shows what comes from residents.\nThis logo is called the citizen label.",
                ),
            },
        ],
    },
    {
        "title": ("Rendre des comptes", "Account for what we do"),
        "introduction": (
            "Une promesse se vérifie : nous publions ce que nous avons fait, dans des délais connus.",
            "A promise can be checked: we publish what we have done, within known deadlines.",
        ),
        "commitments": [
            {
                "number": 10,
                "pictogram": "document",
                "title": ("Publier un bilan dans les trois mois", "Publish a report within three months"),
                "promise": (
                    "Nous nous engageons à publier le bilan de chaque concertation au plus tard trois mois après "
                    "sa clôture, selon un cadre commun à toutes les concertations.",
                    "We commit to publishing the report of every consultation no later than three months after "
                    "it closes, following a framework common to all consultations.",
                ),
                "citizen_meaning": (
                    "Vous savez quand et où lire ce qui a été entendu et ce qui en a été fait.",
                    "You know when and where to read what was heard and what was done with it.",
                ),
                "evidence": (
                    "La date de clôture et la date de publication du bilan figurent sur chaque concertation ; "
                    "le tableau de bord donne le délai moyen.",
                    "The closing date and the report's publication date are shown on every consultation; "
                    "the dashboard gives the average delay.",
                ),
                "official_reference": ("Édition 2021, axe 4, action 4.1", "2021 edition, axis 4, action 4.1"),
                "easy_read_text": (
                    "Après la concertation, nous écrivons un bilan.\n"
                    "Le bilan dit ce que nous avons entendu.\n"
                    "Nous publions le bilan dans les 3 mois.",
                    "After the consultation, we write a report.\n"
                    "The report says what we heard.\n"
                    "We publish the report within 3 months.",
                ),
            },
            {
                "number": 11,
                "title": ("Revenir vers les participants", "Come back to participants"),
                "promise": (
                    "Nous nous engageons à organiser une restitution pour chaque concertation, pour présenter "
                    "le bilan aux participants et répondre à leurs questions.",
                    "We commit to holding a feedback meeting for every consultation, to present the report to "
                    "participants and answer their questions.",
                ),
                "citizen_meaning": (
                    "Vous pouvez demander directement ce qu'est devenue votre contribution.",
                    "You can ask directly what became of your contribution.",
                ),
                "evidence": (
                    "La restitution est annoncée sur la page de la concertation, avec sa date et son lieu.",
                    "The feedback meeting is announced on the consultation's page, with its date and place.",
                ),
                "official_reference": ("Édition 2021, axe 4, action 4.2", "2021 edition, axis 4, action 4.2"),
                "easy_read_text": (
                    "Nous revenons vous voir.\nNous expliquons le bilan.\nVous pouvez poser vos questions.",
                    "We come back to see you.\nWe explain the report.\nYou can ask your questions.",
                ),
            },
            {
                "number": 12,
                "pictogram": "chart",
                "title": ("Suivre et publier des indicateurs", "Track and publish indicators"),
                "promise": (
                    "Nous nous engageons à suivre des indicateurs de la participation et à les publier chaque année.",
                    "We commit to tracking participation indicators and publishing them every year.",
                ),
                "citizen_meaning": (
                    "Vous jugez sur pièces si la participation progresse.",
                    "You can judge from the facts whether participation is improving.",
                ),
                "evidence": (
                    "Le tableau de bord publie les indicateurs, avec les données en tableau et à télécharger.",
                    "The dashboard publishes the indicators, with the data as tables and to download.",
                ),
                "official_reference": ("Édition 2021, axe 4, action 4.5", "2021 edition, axis 4, action 4.5"),
                "easy_read_text": (
                    "Nous comptons les personnes qui participent.\nNous publions ces chiffres chaque année.",
                    "We count the people who take part.\nWe publish these figures every year.",
                ),
            },
        ],
    },
    {
        "title": ("Faire vivre la participation", "Keep participation alive"),
        "introduction": (
            "La charte ne vaut que si celles et ceux qui l'appliquent la connaissent, et si elle évolue.",
            "The charter is only worth something if those who apply it know it, and if it evolves.",
        ),
        "commitments": [
            {
                "number": 13,
                "title": ("Former les services", "Train the departments"),
                "promise": (
                    "Nous nous engageons à former à la charte les agents qui organisent une concertation, "
                    "avant qu'ils en conduisent une.",
                    "We commit to training in the charter the staff who organise a consultation, before they run one.",
                ),
                "citizen_meaning": (
                    "La personne qui vous accueille connaît les règles et les applique.",
                    "The person who welcomes you knows the rules and applies them.",
                ),
                "evidence": (
                    "Le tableau de bord publie le nombre d'agents formés et la part des concertations conduites "
                    "par un agent formé.",
                    "The dashboard publishes the number of staff trained and the share of consultations run by "
                    "trained staff.",
                ),
                "official_reference": ("Édition 2021, axe 5, action 5.1", "2021 edition, axis 5, action 5.1"),
                "easy_read_text": (
                    "Les agents de la Métropole apprennent la charte.\n"
                    "Ils l'apprennent avant d'organiser une concertation.",
                    "The Métropole's staff learn the charter.\nThey learn it before organising a consultation.",
                ),
            },
            {
                "number": 14,
                "title": ("Faire évoluer la charte avec vous", "Change the charter with you"),
                "promise": (
                    "Nous nous engageons à évaluer la charte avec des habitants tous les cinq ans et à publier "
                    "ce qui change.",
                    "We commit to reviewing the charter with residents every five years and publishing what changes.",
                ),
                "citizen_meaning": (
                    "Vous pouvez proposer de nouveaux engagements.",
                    "You can propose new commitments.",
                ),
                "evidence": (
                    "Chaque édition de la charte est publiée sur cette page, avec ce qui a changé.",
                    "Every edition of the charter is published on this page, with what changed.",
                ),
                "official_reference": ("Édition 2021, axe 5, action 5.4", "2021 edition, axis 5, action 5.4"),
                "easy_read_text": (
                    "Tous les 5 ans, nous relisons la charte avec des habitants.\nNous disons ce qui change.",
                    "Every 5 years, we reread the charter with residents.\nWe say what changes.",
                ),
            },
        ],
    },
]

RECIPROCAL = [
    {
        "title": ("Respecter chaque personne", "Respect every person"),
        "description": (
            "Écouter les autres avis, même en désaccord, et ne jamais s'en prendre aux personnes.",
            "Listen to other opinions, even when you disagree, and never attack people.",
        ),
        "easy_read_text": (
            "Je respecte les autres.\nJ'écoute les avis différents.",
            "I respect others.\nI listen to different opinions.",
        ),
    },
    {
        "title": ("Argumenter ses propositions", "Give reasons for your proposals"),
        "description": (
            "Dire pourquoi une idée est utile, pour qui, et ce qu'elle changerait.",
            "Say why an idea is useful, for whom, and what it would change.",
        ),
        "easy_read_text": ("Je dis pourquoi mon idée est utile.", "I say why my idea is useful."),
    },
    {
        "title": ("Penser à l'intérêt général", "Think of the common good"),
        "description": (
            "Tenir compte des autres habitants et des autres communes, pas seulement de sa rue.",
            "Take other residents and other municipalities into account, not only your own street.",
        ),
        "easy_read_text": ("Je pense aussi aux autres habitants.", "I also think of other residents."),
    },
    {
        "title": ("S'informer avant de contribuer", "Find out before contributing"),
        "description": (
            "Lire les informations publiées, en particulier ce qui est déjà décidé et ce qui reste ouvert.",
            "Read the information published, especially what is already decided and what is still open.",
        ),
        "easy_read_text": (
            "Je lis les informations avant de donner mon avis.",
            "I read the information before giving my opinion.",
        ),
    },
]

EDITIONS = [
    {
        "name": ("Première édition", "First edition"),
        "date": datetime.date(2016, 12, 2),
        "summary": [
            (
                "La première charte, écrite avec des habitants et votée par le conseil métropolitain.",
                "The first charter, written with residents and voted by the metropolitan council.",
            ),
        ],
        "document_lines": [
            "Metropole Exemple - organisation fictive de demonstration",
            "Charte de la participation citoyenne, premiere edition, 2 decembre 2016.",
        ],
    },
    {
        "name": ("Édition 2021", "2021 edition"),
        "date": datetime.date(2021, 6, 28),
        "summary": [
            (
                "Les engagements sont regroupés en cinq axes, chacun avec des actions numérotées.",
                "The commitments are grouped into five axes, each with numbered actions.",
            ),
            (
                "Chaque engagement dit désormais comment vérifier qu'il est tenu.",
                "Each commitment now says how to check that it is kept.",
            ),
            (
                "Nouveaux engagements : annoncer l'effet de votre avis (7), publier un bilan dans les trois mois "
                "(10) et former les services (13).",
                "New commitments: announce what your opinion will change (7), publish a report within three "
                "months (10) and train the departments (13).",
            ),
        ],
        "document_lines": [
            "Metropole Exemple - organisation fictive de demonstration",
            "Charte de la participation citoyenne, edition 2021 : 5 axes.",
        ],
    },
]

GLOSSARY = [
    (
        ("concertation", "Un moment où la Métropole demande l'avis des habitants avant de décider."),
        ("consultation", "A time when the Métropole asks residents for their opinion before deciding."),
    ),
    (
        ("bilan", "Le document qui raconte une concertation : qui a participé, ce qui a été dit, ce qui est retenu."),
        ("report", "The document that tells the story of a consultation: who took part, what was said, what is kept."),
    ),
    (
        ("restitution", "Une rencontre ou une page où la Métropole présente le bilan aux participants."),
        ("feedback meeting", "A meeting or a page where the Métropole presents the report to participants."),
    ),
    (
        ("délibération", "Une décision votée par une assemblée d'élus, comme le conseil métropolitain."),
        ("deliberation", "A decision voted by an assembly of elected officials, such as the metropolitan council."),
    ),
    (
        ("conseil métropolitain", "L'assemblée des élus des 95 communes, qui vote les décisions de la Métropole."),
        (
            "metropolitan council",
            "The assembly of elected officials of the 95 municipalities, which votes the Métropole's decisions.",
        ),
    ),
    (
        ("indicateur", "Un chiffre suivi dans le temps, qui montre si une promesse est tenue."),
        ("indicator", "A figure followed over time, which shows whether a promise is kept."),
    ),
    (
        ("label citoyen", "Un logo qui montre, dans un document officiel, ce qui vient des habitants."),
        ("citizen label", "A logo showing, in an official document, what comes from residents."),
    ),
    (
        ("tableau de bord", "La page qui publie les chiffres de la participation, mis à jour régulièrement."),
        ("dashboard", "The page that publishes the participation figures, updated regularly."),
    ),
    (
        (
            "quartiers prioritaires",
            "Des quartiers où l'État et les communes agissent en priorité, car les revenus y sont faibles.",
        ),
        (
            "priority neighbourhoods",
            "Neighbourhoods where the State and municipalities act first, because incomes there are low.",
        ),
    ),
]
