"""The demo consultations' texts and dates, written as Python specs (one per consultation) that demo_content.py builds.

Over 400 lines because it is content, not logic: one long spec per consultation, in French with the English
translation. Kept apart from the builders so that turning it into data files (issue 13, item 8) touches only this."""

import datetime

from django.utils import timezone

from consultations.models import ConsultationEvent, ReportResponse, Territory

DECIDIM = "https://participer.metropole-exemple.fr/processes/"

TERRITORIES = [
    # slug, French name, kind, English name
    ("exemple-centre", "Exemple (ville-centre)", Territory.COMMUNE, "Exemple (central city)"),
    ("val-de-marque", "Val-de-Marque", Territory.COMMUNE, "Val-de-Marque"),
    ("les-hauts-pres", "Les Hauts-Prés", Territory.COMMUNE, "Les Hauts-Prés"),
    ("saint-aubin", "Saint-Aubin-lès-Exemple", Territory.COMMUNE, "Saint-Aubin-lès-Exemple"),
    ("secteur-nord", "Secteur nord", Territory.AREA, "North area"),
    ("secteur-sud", "Secteur sud", Territory.AREA, "South area"),
]


def day(offset):
    return timezone.localdate() + datetime.timedelta(days=offset)


def moment(offset, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day(offset), datetime.time(hour, minute)))


def event(title, kind, fmt, offset, start, end, **fields):
    values = {
        "title": title,
        "kind": kind,
        "format": fmt,
        "start": moment(offset, *start),
        "end": moment(offset, *end),
        "description": "",
        "place_name": "",
        "address": "",
        "step_free_access": False,
        "hearing_loop": False,
        "sign_language": False,
        "public_transport": "",
        "access_notes": "",
        "online_url": "",
        "registration_url": "",
        "capacity": None,
        "attendees": None,
        "contributions_count": None,
        "minutes_summary": "",
    }
    values.update(fields)
    return values


def phase(title, start, end, description="", participation=True):
    return {
        "title": title,
        "start_date": day(start),
        "end_date": day(end),
        "description": description,
        "is_participation": participation,
    }


HALL = {
    "place_name": "Hôtel de la Métropole, salle du conseil",
    "address": "1 place de la Concertation\n59000 Exemple",
    "step_free_access": True,
    "hearing_loop": True,
    "public_transport": "Métro 1, station Concertation ; bus 12, arrêt Hôtel de la Métropole",
}

WALKING_PROPOSALS = [
    "Élargir les trottoirs de la rue de la Gare",
    "Installer des bancs tous les 200 mètres sur les grands axes",
    "Allonger le temps de traversée aux feux près des écoles",
    "Créer une rue aux enfants devant chaque groupe scolaire",
    "Éclairer le passage sous la voie ferrée du Val-de-Marque",
    "Supprimer les poteaux inutiles au milieu des trottoirs",
    "Baliser des itinéraires piétons entre les gares et les parcs",
    "Ouvrir les cours d'école le week-end pour traverser les quartiers",
    "Planter des arbres d'ombrage sur les parcours vers les marchés",
    "Verbaliser le stationnement sur les trottoirs",
    "Installer des toilettes publiques gratuites dans les parcs",
    "Afficher les temps de marche sur les panneaux directionnels",
    "Abaisser les bordures à chaque passage piéton",
    "Créer un passage piéton sécurisé devant la médiathèque",
    "Réserver une voie piétonne le dimanche sur les quais",
    "Ajouter des fontaines à eau sur les promenades",
    "Remplacer les pavés glissants de la place du Marché",
    "Relier les deux rives du canal par une passerelle",
    "Réduire la vitesse à 30 km/h dans tous les centres-bourgs",
    "Former les agents de voirie au guidage des personnes aveugles",
    "Mettre des bandes podotactiles aux arrêts de tramway",
    "Publier une carte des trottoirs accessibles en fauteuil",
    "Végétaliser les cours des résidences le long des parcours",
    "Organiser une fête annuelle de la marche dans chaque commune",
]


def consultation_specs():
    """The six demo consultations, French content (the English translation of one is further down)."""
    return [
        {
            "slug": "plan-marche",
            "commitments": [1, 4, 5, 7, 8],
            "themes": ["marche", "mobilité", "espaces publics"],
            "territories": [],
            "fields": {
                "title": "Plan marche : mieux marcher dans la métropole",
                "summary": (
                    "La Métropole prépare son premier plan marche. Après un diagnostic en ligne et une randonnée "
                    "urbaine, les propositions tirées au sort ont été présentées en public ; un forum ouvert les "
                    "améliore avant l'analyse."
                ),
                "question": "Qu'est-ce qui vous empêche de marcher davantage, et que faudrait-il changer en priorité ?",
                "decision_maker": "Le conseil métropolitain, qui votera le plan marche",
                "service_in_charge": "Direction des mobilités, mission modes actifs",
                "impact_decision": (
                    "Le conseil métropolitain votera le plan marche et son budget d'investissement sur cinq ans. "
                    "La vice-présidente chargée des mobilités présentera la délibération."
                ),
                "impact_open": (
                    "Les aménagements prioritaires, les itinéraires à traiter en premier, le mobilier urbain "
                    "(bancs, fontaines, toilettes) et la signalétique."
                ),
                "impact_closed": (
                    "Le budget global (24 millions d'euros sur cinq ans) est fixé ; les voiries communales restent "
                    "de la compétence des communes."
                ),
                "impact_use": (
                    "Chaque contribution est lue par la mission modes actifs. Les propositions sont regroupées par "
                    "thème, chiffrées, puis reçoivent une réponse motivée dans le bilan."
                ),
                "answer_due_date": day(100),
                "decidim_url": DECIDIM + "plan-marche",
                "online_instructions": (
                    "Sur la plateforme, signalez un obstacle sur la carte, déposez une proposition ou soutenez "
                    "celles des autres, jusqu'à la fin du forum ouvert."
                ),
                "listing_summary": "Le premier plan marche de la Métropole, construit avec les habitants.",
            },
            "phases": [
                phase(
                    "Diagnostic en ligne",
                    -75,
                    -40,
                    "Carte des obstacles et des parcours agréables, ouverte à toutes et à tous.",
                ),
                phase("Randonnée urbaine exploratoire", -35, -35, "Une journée à pied pour confirmer le diagnostic."),
                phase(
                    "Tirage au sort et Fabrique à idées",
                    -27,
                    -20,
                    "Huit propositions tirées au sort sont présentées par leurs auteurs en public.",
                ),
                phase("Forum ouvert", -19, 12, "Les propositions sont améliorées en ateliers, en ligne et en salle."),
                phase(
                    "Analyse et rédaction du bilan",
                    13,
                    90,
                    "La mission modes actifs analyse les contributions et prépare les réponses.",
                    participation=False,
                ),
            ],
            "events": [
                event(
                    "Randonnée urbaine exploratoire du centre-ville",
                    ConsultationEvent.EXPLORATORY_WALK,
                    ConsultationEvent.IN_PERSON,
                    -35,
                    (10, 0),
                    (16, 0),
                    description="Huit kilomètres à pied, de la gare au parc de la Marque, avec des pauses.",
                    place_name="Parvis de la gare d'Exemple",
                    address="Place de la Gare\n59000 Exemple",
                    step_free_access=True,
                    public_transport="Métro 1 et 2, station Gare",
                    attendees=42,
                    contributions_count=67,
                    minutes_summary=(
                        "Quarante-deux personnes ont marché huit kilomètres. Points noirs relevés : traversées "
                        "trop courtes près des écoles, trottoirs encombrés rue de la Gare, passage sous la voie "
                        "ferrée mal éclairé. Points forts : les quais du canal et le parc de la Marque."
                    ),
                ),
                event(
                    "Tirage au sort public des propositions",
                    ConsultationEvent.RANDOM_DRAW,
                    ConsultationEvent.HYBRID,
                    -27,
                    (18, 0),
                    (19, 0),
                    online_url="https://video.metropole-exemple.fr/direct/tirage-plan-marche",
                    attendees=18,
                    contributions_count=0,
                    minutes_summary=(
                        "Huit propositions ont été tirées au sort parmi les 24 recevables, devant un huissier et "
                        "en direct. Le détail du tirage est publié plus bas pour que chacun puisse le refaire."
                    ),
                    **HALL,
                ),
                event(
                    "La Fabrique à idées : huit propositions en trois minutes",
                    ConsultationEvent.PITCH_EVENT,
                    ConsultationEvent.IN_PERSON,
                    -20,
                    (18, 30),
                    (21, 0),
                    description="Les auteurs des propositions tirées au sort les présentent en trois minutes.",
                    place_name="La Condition publique",
                    address="14 place du Général-Faidherbe\n59100 Val-de-Marque",
                    step_free_access=True,
                    hearing_loop=True,
                    sign_language=True,
                    public_transport="Tramway R, arrêt Faidherbe",
                    attendees=85,
                    contributions_count=24,
                    minutes_summary=(
                        "Quatre-vingt-cinq personnes ont écouté les huit propositions et les ont enrichies par "
                        "24 remarques écrites. Les plus discutées : l'allongement des traversées près des écoles "
                        "et la carte des trottoirs accessibles."
                    ),
                ),
                event(
                    "Forum ouvert : améliorer les propositions",
                    ConsultationEvent.OPEN_FORUM,
                    ConsultationEvent.HYBRID,
                    10,
                    (9, 30),
                    (17, 0),
                    description=(
                        "Chacun propose un sujet, les ateliers se forment librement. Déjeuner offert, garde "
                        "d'enfants sur inscription."
                    ),
                    online_url="https://visio.metropole-exemple.fr/forum-plan-marche",
                    registration_url=DECIDIM + "plan-marche/inscription-forum",
                    capacity=120,
                    access_notes="Garde d'enfants de 3 à 10 ans sur inscription. Parking vélo surveillé.",
                    **HALL,
                ),
            ],
            "draw": {
                "title": "Les 8 propositions présentées à la Fabrique à idées",
                "method": (
                    "Les 24 propositions recevables déposées en ligne pendant le diagnostic ont été numérotées "
                    "dans l'ordre de dépôt. Huit ont été tirées au sort en public, pour que des idées peu "
                    "soutenues aient autant de chances que les plus visibles."
                ),
                "items": WALKING_PROPOSALS,
                "count": 8,
                "seed": "plan-marche-tirage-public-2026",
            },
        },
        {
            "slug": "reseau-express-velo",
            "commitments": [4, 7, 8, 10, 11],
            "themes": ["mobilité", "vélo"],
            "territories": ["exemple-centre", "val-de-marque", "saint-aubin"],
            "fields": {
                "title": "Mobilités : le réseau express vélo",
                "summary": (
                    "Quel tracé pour les 120 km du futur réseau express vélo ? La concertation est terminée : "
                    "le bilan dit ce que la Métropole retient de chaque proposition."
                ),
                "question": "Par où doivent passer les grandes lignes cyclables, et comment les rendre sûres ?",
                "decision_maker": "Le conseil métropolitain",
                "service_in_charge": "Direction des mobilités, service des aménagements cyclables",
                "impact_decision": (
                    "Le conseil métropolitain arrêtera le tracé des cinq lignes et leur calendrier de réalisation."
                ),
                "impact_open": "Le tracé précis de chaque ligne, l'ordre des travaux, les stationnements vélo.",
                "impact_closed": (
                    "Le principe du réseau et son financement, déjà votés ; les routes départementales, qui "
                    "relèvent du Département."
                ),
                "impact_use": (
                    "Les contributions sont analysées par un bureau d'études indépendant, puis le service répond "
                    "à chacune dans le bilan."
                ),
                "answer_due_date": day(-150),
                "decidim_url": DECIDIM + "reseau-express-velo",
                "online_instructions": "La plateforme reste consultable : contributions, comptes rendus et bilan.",
                "listing_summary": "Cinq lignes cyclables express : la concertation et son bilan.",
            },
            "phases": [
                phase("Contributions en ligne et réunions", -300, -230, "Carte collaborative et réunions publiques."),
                phase("Ateliers de tracé", -229, -215, "Trois ateliers pour comparer les variantes de tracé."),
                phase(
                    "Analyse indépendante",
                    -214,
                    -160,
                    "Un bureau d'études analyse les 1 400 contributions.",
                    participation=False,
                ),
            ],
            "events": [
                event(
                    "Réunion publique de lancement",
                    ConsultationEvent.PUBLIC_MEETING,
                    ConsultationEvent.HYBRID,
                    -298,
                    (18, 30),
                    (20, 30),
                    online_url="https://video.metropole-exemple.fr/direct/rev-lancement",
                    attendees=210,
                    contributions_count=35,
                    minutes_summary=(
                        "Présentation du projet et de ses limites. Questions principales : sécurité aux carrefours, "
                        "cohabitation avec les piétons, stationnement des vélos-cargos."
                    ),
                    **HALL,
                ),
                event(
                    "Atelier de tracé – secteur sud",
                    ConsultationEvent.WORKSHOP,
                    ConsultationEvent.IN_PERSON,
                    -225,
                    (18, 0),
                    (20, 30),
                    place_name="Maison des associations de Saint-Aubin",
                    address="3 rue des Tilleuls\n59260 Saint-Aubin-lès-Exemple",
                    step_free_access=True,
                    attendees=48,
                    contributions_count=96,
                    minutes_summary="Trois variantes comparées sur carte ; la variante par les quais est préférée.",
                ),
                event(
                    "Réunion de restitution du bilan",
                    ConsultationEvent.RESTITUTION,
                    ConsultationEvent.HYBRID,
                    14,
                    (18, 30),
                    (20, 0),
                    description="La Métropole présente le bilan et répond aux questions.",
                    online_url="https://video.metropole-exemple.fr/direct/rev-restitution",
                    registration_url=DECIDIM + "reseau-express-velo/restitution",
                    capacity=200,
                    **HALL,
                ),
            ],
            "report": {
                "slug": "bilan",
                "fields": {
                    "title": "Bilan de la concertation sur le réseau express vélo",
                    "project_reminder": (
                        "<p>Le réseau express vélo prévoit cinq lignes continues et sûres, soit 120 km. La "
                        "concertation portait sur leur tracé précis et l'ordre des travaux. Cadre : concertation "
                        "préalable volontaire, au titre de la charte de la participation citoyenne.</p>"
                    ),
                    "organisation": (
                        "<p>Dix semaines de participation : une carte collaborative en ligne, une réunion "
                        "publique de lancement retransmise en direct, trois ateliers de tracé dans les communes "
                        "traversées et un questionnaire papier dans les mairies.</p>"
                    ),
                    "participants_online": 1180,
                    "participants_in_person": 326,
                    "contributions_online": 1214,
                    "contributions_in_person": 231,
                    "events_held": 4,
                    "total_attendance": 352,
                    "reach_notes": (
                        "Les cyclistes réguliers sont nombreux ; les habitants des quartiers prioritaires et les "
                        "plus de 65 ans ont peu participé. Un atelier supplémentaire leur sera proposé."
                    ),
                    "heard": (
                        "<p>Une large majorité demande des pistes séparées de la circulation et des piétons. "
                        "Les avis divergent sur la rue de la Gare : les commerçants craignent la perte de "
                        "stationnement, les riverains soutiennent la piste.</p>"
                    ),
                    "delivered_impact": (
                        "<p>Le tracé voté reprend la variante par les quais, proposée en atelier. Deux lignes "
                        "sont avancées d'un an. Le stationnement vélo sécurisé est ajouté dans les gares, "
                        "à la demande de nombreux participants.</p>"
                    ),
                    "participants_informed": (
                        "Un courriel à chaque participant inscrit, la réunion de restitution et l'affichage "
                        "dans les mairies des communes traversées."
                    ),
                },
                "responses": [
                    {
                        "subject": "Ligne 2",
                        "proposal": "Faire passer la ligne 2 par les quais du canal plutôt que par la route.",
                        "channel": ReportResponse.IN_PERSON,
                        "decision": ReportResponse.KEPT,
                        "reason": "",
                    },
                    {
                        "subject": "Gares",
                        "proposal": "Créer des abris vélos sécurisés dans toutes les gares du réseau.",
                        "channel": ReportResponse.BOTH,
                        "decision": ReportResponse.ADAPTED,
                        "reason": (
                            "Retenu pour les huit gares principales d'ici 2028 ; les autres suivront selon la "
                            "fréquentation mesurée."
                        ),
                    },
                    {
                        "subject": "Rue de la Gare",
                        "proposal": "Supprimer tout le stationnement automobile de la rue de la Gare.",
                        "channel": ReportResponse.ONLINE,
                        "decision": ReportResponse.NOT_KEPT,
                        "reason": (
                            "Les livraisons des commerces ont besoin d'aires dédiées : la piste est créée, mais six "
                            "places de livraison sont conservées."
                        ),
                    },
                    {
                        "subject": "Routes départementales",
                        "proposal": "Éclairer la route départementale entre Val-de-Marque et Saint-Aubin.",
                        "channel": ReportResponse.WRITTEN,
                        "decision": ReportResponse.OUT_OF_SCOPE,
                        "reason": "Cette route relève du Département : la demande lui a été transmise.",
                    },
                ],
                "next_steps": [
                    {
                        "description": "Vote du tracé par le conseil métropolitain",
                        "due_date": day(30),
                        "responsible": "Conseil métropolitain",
                    },
                    {
                        "description": "Début des travaux de la ligne 2",
                        "due_date": day(200),
                        "responsible": "Direction des mobilités",
                    },
                ],
            },
        },
        {
            "slug": "berges-du-canal",
            "commitments": [1, 3, 7],
            "themes": ["espaces publics", "environnement"],
            "territories": ["val-de-marque", "secteur-nord"],
            "fields": {
                "title": "Aménager les berges du canal",
                "summary": (
                    "Trois kilomètres de berges vont être réaménagés entre Val-de-Marque et le secteur nord. "
                    "La concertation commence bientôt : venez dire ce que vous voulez y faire."
                ),
                "question": "Quels usages voulez-vous sur les berges : promenade, sport, jeux, nature, commerces ?",
                "decision_maker": "Le bureau métropolitain",
                "service_in_charge": "Direction de l'espace public et de la nature en ville",
                "impact_decision": "Le bureau métropolitain choisira le programme d'aménagement parmi trois scénarios.",
                "impact_open": "Les usages, le mobilier, la part laissée à la nature, les horaires d'éclairage.",
                "impact_closed": "La navigation sur le canal, gérée par l'État, et le budget de 6 millions d'euros.",
                "impact_use": (
                    "Les contributions servent à construire les trois scénarios soumis au bureau ; le bilan dira "
                    "lesquelles ont été reprises."
                ),
                "answer_due_date": day(180),
                "decidim_url": DECIDIM + "berges-du-canal",
                "online_instructions": "",
                "listing_summary": "Trois kilomètres de berges à réinventer ensemble.",
            },
            "phases": [
                phase("Contributions en ligne", 21, 70, "Carte des envies et des usages."),
                phase("Balade des berges", 35, 35, "Une marche commentée sur les trois kilomètres."),
                phase("Analyse et scénarios", 71, 150, "Construction des trois scénarios.", participation=False),
            ],
            "events": [
                event(
                    "Réunion publique de lancement",
                    ConsultationEvent.PUBLIC_MEETING,
                    ConsultationEvent.IN_PERSON,
                    25,
                    (18, 30),
                    (20, 30),
                    place_name="Salle Jean-Macé",
                    address="20 rue Jean-Macé\n59100 Val-de-Marque",
                    step_free_access=True,
                    hearing_loop=True,
                    public_transport="Bus 18, arrêt Jean-Macé",
                ),
                event(
                    "Balade commentée des berges",
                    ConsultationEvent.EXPLORATORY_WALK,
                    ConsultationEvent.IN_PERSON,
                    35,
                    (14, 0),
                    (17, 0),
                    place_name="Écluse de la Marque",
                    address="Chemin de halage\n59100 Val-de-Marque",
                    public_transport="Vélo en libre-service, station Écluse",
                    registration_url=DECIDIM + "berges-du-canal/balade",
                    capacity=40,
                    access_notes="Parcours de 3 km sur terrain plat ; un véhicule accompagne pour les pauses.",
                ),
            ],
        },
        {
            "slug": "aires-de-jeux",
            "commitments": [5, 6, 7],
            "themes": ["jeunesse", "espaces publics"],
            "territories": ["les-hauts-pres", "secteur-sud"],
            "fields": {
                "title": "Des aires de jeux pour tous les âges",
                "summary": (
                    "Enfants, adolescents, parents et grands-parents ont dit ce qu'ils attendent des aires de "
                    "jeux. La participation est close : les contributions sont en cours d'analyse."
                ),
                "question": "À quoi doit ressembler une aire de jeux où chaque âge trouve sa place ?",
                "decision_maker": "La commission espaces publics de la Métropole",
                "service_in_charge": "Direction de l'espace public, service des parcs et jardins",
                "impact_decision": "La commission choisira le modèle d'aire de jeux appliqué aux rénovations.",
                "impact_open": "Les équipements, l'ombre, les assises, l'accessibilité, les règles d'usage.",
                "impact_closed": "La liste des douze aires à rénover, fixée par l'état des équipements.",
                "impact_use": "Un groupe d'enfants et d'adolescents relit l'analyse avant le bilan.",
                "answer_due_date": day(60),
                "decidim_url": DECIDIM + "aires-de-jeux",
                "online_instructions": "",
                "listing_summary": "Le modèle des futures aires de jeux, conçu avec toutes les générations.",
            },
            "phases": [
                phase(
                    "Questionnaire et ateliers", -90, -15, "Un questionnaire illustré et des ateliers dans les parcs."
                ),
                phase("Analyse", -14, 45, "Analyse relue par un groupe d'enfants.", participation=False),
            ],
            "events": [
                event(
                    "Atelier dessin « Mon aire de jeux idéale »",
                    ConsultationEvent.WORKSHOP,
                    ConsultationEvent.IN_PERSON,
                    -60,
                    (14, 0),
                    (17, 0),
                    place_name="Parc des Hauts-Prés",
                    address="Avenue des Prés\n59650 Les Hauts-Prés",
                    step_free_access=True,
                    attendees=64,
                    contributions_count=112,
                    minutes_summary=(
                        "Soixante-quatre enfants et parents ont dessiné 112 idées. Demandes fréquentes : de "
                        "l'ombre, des jeux d'eau, des bancs pour les adultes, des équipements pour les ados."
                    ),
                ),
                event(
                    "Rencontre avec les conseils de jeunes",
                    ConsultationEvent.WORKSHOP,
                    ConsultationEvent.ONLINE,
                    -30,
                    (17, 30),
                    (19, 0),
                    online_url="https://visio.metropole-exemple.fr/aires-de-jeux-jeunes",
                    attendees=23,
                    contributions_count=31,
                    minutes_summary="Les adolescents demandent des lieux à eux : street workout, city stade, wifi.",
                ),
            ],
        },
        {
            "slug": "renovation-des-ecoles",
            "commitments": [7, 10],
            "themes": ["environnement", "climat"],
            "territories": ["exemple-centre"],
            "fields": {
                "title": "Plan climat : rénover les écoles et leurs cours",
                "summary": (
                    "Parents, enseignants et élèves ont proposé des priorités pour rénover les écoles et "
                    "végétaliser leurs cours. La date promise pour la réponse est dépassée."
                ),
                "question": "Quelles écoles rénover en premier, et comment transformer leurs cours ?",
                "decision_maker": "Le conseil métropolitain, avec les conseils municipaux concernés",
                "service_in_charge": "Direction de la transition écologique",
                "impact_decision": "Le conseil fixera l'ordre des rénovations et le modèle de cour végétalisée.",
                "impact_open": "L'ordre de priorité, l'aménagement des cours, leur ouverture hors temps scolaire.",
                "impact_closed": "Le niveau de performance énergétique, imposé par la loi.",
                "impact_use": "Les contributions sont croisées avec l'audit énergétique de chaque école.",
                "answer_due_date": day(-25),
                "decidim_url": DECIDIM + "renovation-des-ecoles",
                "online_instructions": "",
                "listing_summary": "Quelles écoles rénover d'abord ? La réponse est attendue.",
            },
            "phases": [
                phase("Contributions et visites d'écoles", -200, -130, "Questionnaire en ligne et visites."),
                phase("Analyse", -129, -40, "Croisement avec les audits énergétiques.", participation=False),
            ],
            "events": [
                event(
                    "Visite de l'école Jules-Ferry et de sa cour",
                    ConsultationEvent.EXPLORATORY_WALK,
                    ConsultationEvent.IN_PERSON,
                    -170,
                    (9, 30),
                    (12, 0),
                    place_name="École Jules-Ferry",
                    address="8 rue de l'École\n59000 Exemple",
                    attendees=37,
                    contributions_count=58,
                    minutes_summary="Les parents demandent de l'ombre et moins de bitume ; les élèves, un potager.",
                ),
            ],
        },
        {
            "slug": "alimentation-locale",
            "commitments": [1, 4, 6],
            "themes": ["alimentation", "environnement"],
            "territories": ["secteur-nord", "secteur-sud"],
            "fields": {
                "title": "Mieux manger local : le projet alimentaire de la Métropole",
                "summary": (
                    "Cantines, marchés, jardins partagés, aide alimentaire : la Métropole prépare son projet "
                    "alimentaire territorial. Donnez votre avis en ligne et en atelier."
                ),
                "question": "Comment rendre une alimentation locale et de qualité accessible à tous ?",
                "decision_maker": "Le conseil métropolitain",
                "service_in_charge": "Direction de l'agriculture et de l'alimentation",
                "impact_decision": "Le conseil adoptera le projet alimentaire territorial et ses 20 actions.",
                "impact_open": "Le choix et l'ordre des actions, les lieux des futurs marchés de producteurs.",
                "impact_closed": "Les règles nationales de la restauration scolaire.",
                "impact_use": "Chaque action du projet final citera les contributions dont elle provient.",
                "answer_due_date": day(120),
                "decidim_url": DECIDIM + "alimentation-locale",
                "online_instructions": "Proposez une action ou commentez les 30 pistes déjà publiées.",
                "listing_summary": "Une alimentation locale et de qualité pour tous : vos idées.",
            },
            "phases": [
                phase("Propositions en ligne et ateliers", -10, 40, "Ateliers dans les centres sociaux."),
                phase("Analyse", 41, 100, "Rédaction des actions.", participation=False),
            ],
            "events": [
                event(
                    "Atelier cuisine et idées au centre social",
                    ConsultationEvent.WORKSHOP,
                    ConsultationEvent.IN_PERSON,
                    12,
                    (14, 0),
                    (17, 0),
                    place_name="Centre social des Trois-Ponts",
                    address="45 rue des Trois-Ponts\n59000 Exemple",
                    step_free_access=True,
                    public_transport="Bus 7, arrêt Trois-Ponts",
                    registration_url=DECIDIM + "alimentation-locale/atelier",
                    capacity=25,
                ),
                event(
                    "Réunion en ligne avec les producteurs",
                    ConsultationEvent.PUBLIC_MEETING,
                    ConsultationEvent.ONLINE,
                    20,
                    (19, 0),
                    (20, 30),
                    online_url="https://visio.metropole-exemple.fr/alimentation-producteurs",
                ),
            ],
        },
    ]


ENGLISH = {
    "index": {
        "slug": "consultations",
        "title": "Consultations",
        "introduction": (
            "Each consultation says from the start what your participation will change, how to take part online "
            "and in person, and ends with a report that answers every contribution."
        ),
        "listing_summary": "Take part in the Métropole's consultations and read what became of your ideas.",
    },
    "reseau-express-velo": {
        "slug": "express-cycle-network",
        "themes": ["mobility", "cycling"],
        "fields": {
            "title": "Mobility: the express cycle network",
            "summary": (
                "Which route for the 120 km of the future express cycle network? The consultation is over: the "
                "report says what the Métropole keeps from each proposal."
            ),
            "question": "Where should the main cycle lines run, and how can they be made safe?",
            "decision_maker": "The metropolitan council",
            "service_in_charge": "Mobility department, cycling infrastructure service",
            "impact_decision": "The metropolitan council will set the route of the five lines and their timetable.",
            "impact_open": "The exact route of each line, the order of the works, cycle parking.",
            "impact_closed": (
                "The principle of the network and its funding, already voted; departmental roads, which are the "
                "Département's responsibility."
            ),
            "impact_use": (
                "Contributions are analysed by an independent consultancy, then the service answers each one in "
                "the report."
            ),
            "online_instructions": "The platform remains open for reading: contributions, minutes and the report.",
            "listing_summary": "Five express cycle lines: the consultation and its report.",
        },
        "phases": [
            ("Online contributions and meetings", "Collaborative map and public meetings."),
            ("Route workshops", "Three workshops to compare the route options."),
            ("Independent analysis", "A consultancy analyses the 1,400 contributions."),
        ],
        "events": [
            (
                "Launch public meeting",
                "",
                (
                    "Presentation of the project and its limits. Main questions: safety at junctions, sharing with "
                    "pedestrians, parking for cargo bikes."
                ),
            ),
            ("Route workshop – south area", "", "Three options compared on a map; the canal-side option is preferred."),
            ("Report-back meeting", "The Métropole presents the report and answers questions.", ""),
        ],
        "report": {
            "slug": "report",
            "fields": {
                "title": "Report of the consultation on the express cycle network",
                "project_reminder": (
                    "<p>The express cycle network plans five continuous, safe lines, 120 km in all. The consultation "
                    "was about their exact route and the order of the works. Frame: a voluntary prior consultation "
                    "under the citizen participation charter.</p>"
                ),
                "organisation": (
                    "<p>Ten weeks of participation: a collaborative online map, a launch public meeting streamed "
                    "live, three route workshops in the municipalities crossed and a paper questionnaire in the town "
                    "halls.</p>"
                ),
                "reach_notes": (
                    "Regular cyclists took part in large numbers; residents of priority neighbourhoods and people "
                    "over 65 took little part. An extra workshop will be offered to them."
                ),
                "heard": (
                    "<p>A large majority asks for lanes separated from traffic and from pedestrians. Opinions differ "
                    "on Rue de la Gare: shopkeepers fear losing parking, residents support the lane.</p>"
                ),
                "delivered_impact": (
                    "<p>The route voted follows the canal-side option proposed in a workshop. Two lines are brought "
                    "forward by a year. Secure cycle parking is added at stations, as many participants asked.</p>"
                ),
                "participants_informed": (
                    "An e-mail to every registered participant, the report-back meeting and notices in the town "
                    "halls of the municipalities crossed."
                ),
            },
            "responses": [
                ("Line 2", "Run line 2 along the canal rather than along the road.", ""),
                (
                    "Stations",
                    "Create secure cycle shelters at every station on the network.",
                    "Kept for the eight main stations by 2028; the others will follow according to measured use.",
                ),
                (
                    "Rue de la Gare",
                    "Remove all car parking from Rue de la Gare.",
                    "Shops need delivery bays: the lane is built, but six delivery spaces are kept.",
                ),
                (
                    "Departmental roads",
                    "Light the departmental road between Val-de-Marque and Saint-Aubin.",
                    "This road is the Département's responsibility: the request has been passed on to it.",
                ),
            ],
            "next_steps": ["The metropolitan council votes on the route", "Works on line 2 begin"],
        },
    },
}
