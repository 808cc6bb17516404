"""Demo content for training: the catalogue (staff only), the case's two modules with lessons and quizzes,
the public attestation check, and staff accounts at different stages. Métropole Exemple is fictional."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from site_core import demo
from site_core.models import HomePage
from training import access, progress
from training.models import (
    AttestationVerificationPage,
    ModulePrerequisite,
    StaffProfile,
    TrainingIndexPage,
    TrainingLessonPage,
    TrainingModulePage,
    TrainingSession,
)

INDEX_FR = {
    "title": "Formations des services",
    "introduction": (
        "Avant de conduire une concertation, chaque service se forme à la charte et à la méthode. "
        "Suivez les modules à votre rythme, répondez aux quiz et imprimez votre attestation."
    ),
    "listing_summary": "Les modules de formation à la participation citoyenne, réservés aux agents.",
    "show_in_menus": False,
}

VERIFY_FR = {
    "title": "Vérifier une attestation de formation",
    "introduction": (
        "Les agents de la Métropole formés à la participation citoyenne reçoivent une attestation portant un "
        "code. Saisissez ce code pour vérifier le nom, le module suivi et la date."
    ),
    "listing_summary": "Vérifier, avec son code, une attestation de formation délivrée à un agent de la Métropole.",
    "show_in_menus": False,
}
VERIFY_EN = {
    "title": "Check a training attestation",
    "introduction": (
        "Métropole staff trained in citizen participation receive an attestation with a code. Enter the code to "
        "check the name, the module and the date."
    ),
    "listing_summary": "Check, with its code, a training attestation given to a member of the Métropole's staff.",
}


def quiz(question, choices, explanation):
    return (
        "quiz",
        {
            "question": question,
            "choices": [{"text": text, "is_correct": correct} for text, correct in choices],
            "explanation": explanation,
        },
    )


def heading(text):
    return ("heading", {"text": text, "level": "h2"})


CHARTER_MODULE = {
    "title": "La charte de la participation en pratique",
    "introduction": "Une journée pour connaître la charte, ses engagements et ce qu'elle change dans votre travail.",
    "audience": "Tous les services de la Métropole, élus et agents d'accueil compris",
    "duration_hours": 7,
    "duration_label": "1 journée (facultative)",
    "format": TrainingModulePage.MIXED,
    "objectives": (
        "<ul><li>Expliquer à un habitant ce que la charte promet, et ce qu'elle ne promet pas.</li>"
        "<li>Repérer, dans un projet de votre service, les décisions qui appellent une concertation.</li>"
        "<li>Annoncer dès le départ l'impact attendu des contributions.</li></ul>"
    ),
    "listing_summary": "Les engagements de la charte et leurs conséquences pour chaque service.",
}
CHARTER_LESSONS = [
    (
        "histoire-et-esprit-de-la-charte",
        {
            "title": "D'où vient la charte",
            "introduction": "Comment la charte a été écrite avec des habitants, et pourquoi elle a été révisée.",
            "duration_minutes": 20,
            "body": [
                heading("Une charte écrite avec les habitants"),
                (
                    "paragraph",
                    "<p>La charte de la participation citoyenne a été rédigée lors d'une fabrique citoyenne, "
                    "puis votée par le conseil métropolitain le 2 décembre 2016. Une deuxième édition, en 2021, "
                    "l'a organisée en cinq axes, après un bilan public des actions de la première charte.</p>",
                ),
                heading("Un contrat moral"),
                (
                    "paragraph",
                    "<p>La charte engage les deux parties : la Métropole promet d'écouter, d'expliquer et de rendre "
                    "compte ; les habitants s'engagent à débattre avec respect. Ce n'est pas un règlement "
                    "intérieur : c'est une promesse publique que chacun peut vérifier.</p>",
                ),
                quiz(
                    "Quand la première charte a-t-elle été votée ?",
                    [("Le 2 décembre 2016", True), ("En 2018, avec la plateforme en ligne", False), ("En 2021", False)],
                    "<p>Elle a été votée le 2 décembre 2016 ; l'édition de 2021 l'a révisée en cinq axes.</p>",
                ),
                quiz(
                    "Qui la charte engage-t-elle ?",
                    [
                        ("La Métropole", True),
                        ("Les habitants qui participent", True),
                        ("Seulement le service participation", False),
                    ],
                    "<p>C'est un contrat moral : la Métropole et les participants prennent chacun des engagements.</p>",
                ),
            ],
        },
    ),
    (
        "les-engagements-de-la-metropole",
        {
            "title": "Les engagements de la Métropole",
            "introduction": "Ce que chaque service promet quand il lance une concertation.",
            "duration_minutes": 25,
            "body": [
                heading("Dire avant ce que l'avis changera"),
                (
                    "paragraph",
                    "<p>Chaque concertation annonce, dès son lancement, ce qui est encore ouvert à la discussion, "
                    "ce qui ne l'est plus, et l'impact que les contributions pourront avoir sur la décision.</p>",
                ),
                heading("Rendre compte après"),
                (
                    "paragraph",
                    "<p>Chaque concertation se termine par un bilan qui répond à chaque proposition : retenue, "
                    "adaptée ou non retenue, avec la raison. Ce bilan est présenté aux participants lors d'une "
                    "restitution.</p>",
                ),
                quiz(
                    "À quel moment faut-il annoncer l'impact attendu des contributions ?",
                    [
                        ("Au lancement de la concertation", True),
                        ("Dans le bilan final", False),
                        ("Seulement si un habitant le demande", False),
                    ],
                    "<p>La charte demande de l'annoncer dès le lancement : c'est ce qui permet aux habitants de "
                    "décider s'ils participent, et de vérifier ensuite.</p>",
                ),
                quiz(
                    "Que doit contenir le bilan pour une proposition non retenue ?",
                    [("La raison pour laquelle elle n'est pas retenue", True), ("Rien : on la retire", False)],
                    "<p>Chaque proposition non retenue est expliquée : c'est l'engagement de rendre compte.</p>",
                ),
            ],
        },
    ),
    (
        "organiser-une-concertation-hybride",
        {
            "title": "En ligne et en personne",
            "introduction": "Combiner la plateforme participative et les rencontres pour toucher tous les publics.",
            "duration_minutes": 30,
            "body": [
                heading("Pourquoi une démarche hybride"),
                (
                    "paragraph",
                    "<p>La plateforme en ligne, utilisée depuis 2018, ne touche pas tout le monde. Les ateliers, "
                    "les balades urbaines et les permanences permettent de participer sans ordinateur. Les deux "
                    "comptent autant dans le bilan.</p>",
                ),
                quiz(
                    "Quels formats permettent de participer sans ordinateur ?",
                    [
                        ("Un atelier en forum ouvert", True),
                        ("Une balade urbaine exploratoire", True),
                        ("Un questionnaire uniquement en ligne", False),
                        ("Une permanence en mairie", True),
                    ],
                    "<p>Les rencontres en personne complètent la plateforme : elles comptent autant que les "
                    "contributions en ligne.</p>",
                ),
            ],
        },
    ),
]

METHOD_MODULE = {
    "title": "Conduire un projet participatif : la méthode",
    "introduction": "Trois jours pour concevoir, animer et clore une concertation, du cadrage au bilan.",
    "audience": "Chefs de projet et services qui conduisent eux-mêmes une concertation",
    "duration_hours": 21,
    "duration_label": "3 jours",
    "format": TrainingModulePage.MIXED,
    "objectives": (
        "<ul><li>Cadrer une concertation : la question posée, ce qui est négociable, le calendrier.</li>"
        "<li>Choisir des formats en ligne et en personne adaptés aux publics.</li>"
        "<li>Rédiger le bilan avec le cadre type et organiser la restitution.</li></ul>"
    ),
    "listing_summary": "La méthode de projet participatif, du cadrage au bilan, en trois jours.",
}
METHOD_LESSONS = [
    (
        "cadrer-la-concertation",
        {
            "title": "Cadrer la concertation",
            "introduction": "Poser la bonne question et dire ce qui est ouvert à la discussion.",
            "duration_minutes": 40,
            "body": [
                heading("La fiche de cadrage"),
                (
                    "paragraph",
                    "<p>La fiche de cadrage dit quelle décision sera prise, par qui et quand ; ce qui est "
                    "négociable et ce qui ne l'est pas ; les publics à toucher ; l'impact annoncé.</p>",
                ),
                quiz(
                    "Que doit dire la fiche de cadrage ?",
                    [
                        ("Qui prend la décision, et quand", True),
                        ("Ce qui est négociable", True),
                        ("Le nom des participants", False),
                    ],
                    "<p>Le cadrage porte sur la décision et ses marges de manœuvre, pas sur les personnes.</p>",
                ),
            ],
        },
    ),
    (
        "animer-les-rencontres",
        {
            "title": "Animer les rencontres",
            "introduction": "Ateliers, forums ouverts, balades : préparer et animer pour que chacun parle.",
            "duration_minutes": 45,
            "body": [
                heading("Préparer l'accueil"),
                (
                    "paragraph",
                    "<p>Un lieu accessible, un horaire compatible avec le travail, une garde d'enfants si possible, "
                    "des documents faciles à lire : ce sont les conditions pour que viennent d'autres personnes "
                    "que les habitués.</p>",
                ),
                quiz(
                    "Qu'est-ce qui aide à toucher d'autres publics que les habitués ?",
                    [
                        ("Un lieu accessible et des horaires adaptés", True),
                        ("Des documents techniques complets", False),
                    ],
                    "<p>L'accessibilité du lieu, des horaires et des documents élargit la participation.</p>",
                ),
            ],
        },
    ),
    (
        "rediger-le-bilan",
        {
            "title": "Rédiger le bilan et restituer",
            "introduction": "Utiliser le cadre type de bilan et rendre compte aux participants.",
            "duration_minutes": 40,
            "body": [
                heading("Le cadre type de bilan"),
                (
                    "paragraph",
                    "<p>Le cadre type, issu d'une concertation sur les mobilités, suit huit parties : rappel du "
                    "projet, organisation, participation en chiffres, ce qui a été entendu, ce que la Métropole "
                    "retient et pourquoi, impact annoncé et obtenu, suites, annexes.</p>",
                ),
                quiz(
                    "Que compare le bilan ?",
                    [
                        ("L'impact annoncé au lancement et l'impact obtenu", True),
                        ("Le budget prévu et le budget dépensé", False),
                    ],
                    "<p>Le bilan met en regard ce qui avait été annoncé et ce qui a réellement changé.</p>",
                ),
            ],
        },
    ),
]

STAFF_DEMO_PEOPLE = [
    ("claire.dubois", "Claire", "Dubois", "Direction des espaces publics"),
    ("yanis.benali", "Yanis", "Benali", "Direction de l'habitat"),
]
AGENT_SERVICE = "Direction des mobilités"


def build_module(index, slug, fields, lessons, sessions, resource):
    resources = [("document", {"document": resource, "title": ""})]
    module = demo.upsert_child_page(index, TrainingModulePage, slug, resources=resources, **fields)
    sync_children(module, "sessions", TrainingSession, sessions)
    pages = []
    for lesson_slug, lesson_fields in lessons:
        pages.append(demo.upsert_child_page(module, TrainingLessonPage, lesson_slug, **lesson_fields))
    return module, pages


def sync_children(page, relation, model, wanted):
    """Give `page` exactly the `wanted` child rows (as dicts), publishing a revision only when they differ, so
    the admin's editor (which reads the latest revision) shows them too."""
    names = list(wanted[0]) if wanted else []
    current = [{name: getattr(row, name) for name in names} for row in getattr(page, relation).all()]
    if current == wanted:
        return
    setattr(page, relation, [model(sort_order=position, **row) for position, row in enumerate(wanted)])
    page.save_revision().publish()


def session_at(days, hour, place, capacity, trainer):
    start = timezone.make_aware(
        datetime.datetime.combine(datetime.date.today() + datetime.timedelta(days=days), datetime.time(hour, 0))
    )
    return {
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=7 if hour < 12 else 3),
        "place": place,
        "capacity": capacity,
        "trainer": trainer,
        "registration_url": "https://intranet.metropole-exemple.fr/formations/inscription",
    }


def complete_lesson(user, lesson):
    progress.mark_done(user, lesson)
    if progress.quiz_blocks(lesson):
        progress.record_quiz_score(user, lesson, 100)


@demo.register(order=30)
def build_training(stdout):
    fr_home = HomePage.objects.get(locale__language_code="fr", depth=2)
    index = demo.upsert_child_page(fr_home, TrainingIndexPage, "formations", **INDEX_FR)
    access.ensure_view_restriction(index)

    verification = demo.upsert_child_page(fr_home, AttestationVerificationPage, "verifier-une-attestation", **VERIFY_FR)
    demo.upsert_translation(verification, "en", slug="check-an-attestation", **VERIFY_EN)

    template = demo.demo_document(
        "Cadre type de bilan de concertation",
        [
            "Métropole Exemple (organisation fictive de démonstration)",
            "1. Rappel du projet et de la question posée",
            "2. Organisation de la concertation",
            "3. La participation en chiffres",
            "4. Ce qui a été entendu",
            "5. Ce que la Métropole retient, adapte ou ne retient pas, et pourquoi",
            "6. Impact annoncé et impact obtenu",
            "7. Les suites",
            "8. Annexes",
        ],
    )
    charter_sheet = demo.demo_document(
        "Fiche mémo – les engagements de la charte",
        ["Métropole Exemple (organisation fictive de démonstration)", "Dire avant, rendre compte après."],
    )
    charter, charter_lessons = build_module(
        index,
        "charte-de-la-participation",
        CHARTER_MODULE,
        CHARTER_LESSONS,
        [
            session_at(
                21,
                9,
                "Hôtel de la Métropole, salle du Conseil – 1 place de la Concertation",
                20,
                "Mission participation citoyenne",
            )
        ],
        charter_sheet,
    )
    method, _method_lessons = build_module(
        index,
        "methode-projet-participatif",
        METHOD_MODULE,
        METHOD_LESSONS,
        [
            session_at(
                35,
                9,
                "Maison de la participation – 12 rue des Ateliers, Exemple",
                14,
                "Mission participation citoyenne et un cabinet de conseil",
            ),
            session_at(63, 9, "Mairie annexe de Port-Exemple, salle 3", 14, "Mission participation citoyenne"),
        ],
        template,
    )
    sync_children(method, "prerequisites", ModulePrerequisite, [{"required_module": charter}])

    build_learners(charter_lessons)


def build_learners(charter_lessons):
    """The demo agent is partway through the charter module; two colleagues have completed it (for the report)."""
    User = get_user_model()
    staff_group = Group.objects.get(name=access.STAFF_GROUP_NAME)
    agent = User.objects.filter(username="agent").first()
    if agent is not None:
        agent.groups.add(staff_group)
        StaffProfile.objects.update_or_create(user=agent, defaults={"service": AGENT_SERVICE})
        for lesson in charter_lessons[:2]:
            complete_lesson(agent, lesson)
    for username, first_name, last_name, service in STAFF_DEMO_PEOPLE:
        person, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first_name, "last_name": last_name, "email": f"{username}@metropole-exemple.fr"},
        )
        if created:
            person.set_unusable_password()
            person.save()
        person.groups.add(staff_group)
        StaffProfile.objects.update_or_create(user=person, defaults={"service": service})
        for lesson in charter_lessons:
            complete_lesson(person, lesson)
