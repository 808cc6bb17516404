"""Demo content for site_core: locales, home pages, an about page, the accessibility statement, the legal
pages, menus, site settings and the two demo accounts. The authority, "Métropole Exemple", is fictional."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from site_core import demo, public_address
from site_core import demo_legal_data as legal
from site_core.models import (
    AccessibilityStatementPage,
    HomePage,
    LegalNoticePage,
    NavigationMenu,
    NavigationMenuItem,
    PersonalDataPage,
    SiteMapPage,
    SiteSettings,
    StandardPage,
)

ADMIN_ACCOUNT = ("admin", "pacte-admin-demo")
STAFF_ACCOUNT = ("agent", "pacte-agent-demo")

HOME_FR = {
    "title": "Accueil",
    "hero_title": "Participer, c'est un contrat : voici ce que nous promettons",
    "hero_text": (
        "La Métropole Exemple s'engage auprès des habitants de ses 95 communes. "
        "Lisez nos engagements, prenez part aux concertations et vérifiez que nous tenons parole."
    ),
    "introduction": (
        "<p>Depuis 2016, une <b>charte de la participation citoyenne</b>, écrite avec des habitants, "
        "dit comment la Métropole vous associe à ses décisions. Ce site la rend lisible par tous et vérifiable : "
        "chaque concertation annonce dès le départ ce que vos contributions changeront, "
        "et se termine par un bilan qui dit ce qui a été retenu, ce qui ne l'a pas été, et pourquoi.</p>"
    ),
    "listing_summary": "Les engagements de la Métropole Exemple envers les habitants, et leur suivi.",
}
HOME_EN = {
    "title": "Home",
    "hero_title": "Taking part is a contract: here is what we promise",
    "hero_text": (
        "Métropole Exemple makes commitments to the people of its 95 municipalities. "
        "Read them, take part in consultations and check that we keep our word."
    ),
    "introduction": (
        "<p>Since 2016, a <b>citizen participation charter</b>, written with residents, has set out how the "
        "Métropole involves you in its decisions. This site makes it readable by everyone and checkable: "
        "every consultation says from the start what your contributions will change, and ends with a report "
        "saying what was kept, what was not, and why.</p>"
    ),
    "listing_summary": "Métropole Exemple's commitments to residents, and how they are kept.",
}
HOME_NL = {
    "title": "Home",
    "hero_title": "Meedoen is een contract: dit beloven wij",
    "hero_text": (
        "Métropole Exemple gaat verbintenissen aan met de inwoners van haar 95 gemeenten. "
        "Lees ze, doe mee aan inspraak en controleer of wij ons woord houden."
    ),
    "introduction": (
        "<p>Sinds 2016 legt een <b>handvest voor burgerparticipatie</b>, samen met inwoners geschreven, vast "
        "hoe de Métropole u bij haar besluiten betrekt. De meeste pagina's zijn voorlopig alleen in het Frans "
        "en het Engels beschikbaar.</p>"
    ),
    "listing_summary": "De verbintenissen van Métropole Exemple aan haar inwoners.",
}

ABOUT_FR = {
    "title": "Comment fonctionne la participation",
    "introduction": (
        "La Mission participation citoyenne accompagne les services de la Métropole : "
        "elle forme les agents, veille au respect de la charte et publie les bilans."
    ),
    "listing_summary": "Qui organise les concertations, comment, et comment les suivre.",
}
ABOUT_EN = {
    "title": "How participation works",
    "introduction": (
        "The citizen participation team supports the Métropole's departments: it trains staff, "
        "checks that the charter is respected and publishes the reports."
    ),
    "listing_summary": "Who runs consultations, how, and how to follow them.",
}

ABOUT_BODY_FR = [
    ("heading", {"text": "En ligne et en personne", "level": "h2"}),
    (
        "paragraph",
        "<p>Chaque concertation combine une participation en ligne, sur la plateforme participative de la "
        "Métropole, et des rencontres : ateliers, balades urbaines, réunions publiques. Vous pouvez participer "
        "sans ordinateur : les rencontres comptent autant que les contributions en ligne.</p>",
    ),
    (
        "key_figures",
        {
            "title": "La participation en chiffres",
            "figures": [
                {"value": "95", "label": "communes dans la Métropole"},
                {"value": "2016", "label": "année du vote de la première charte"},
                {"value": "38", "label": "actions dans l'édition 2021 de la charte"},
            ],
        },
    ),
    (
        "accordion",
        {
            "title": "Questions fréquentes",
            "items": [
                {
                    "question": "Qui peut participer ?",
                    "answer": "<p>Toute personne qui vit, travaille ou étudie dans la Métropole, sans condition "
                    "d'âge ni de nationalité.</p>",
                },
                {
                    "question": "Que devient mon avis ?",
                    "answer": "<p>Chaque concertation publie un bilan. Il répond à chaque proposition : retenue, "
                    "adaptée, non retenue ou hors sujet, avec la raison.</p>",
                },
            ],
        },
    ),
    (
        "quote",
        {
            "text": "On sait maintenant, avant de participer, ce qui est encore discutable et ce qui ne l'est plus.",
            "attribution": "Une participante de l'atelier de relecture de la charte",
        },
    ),
]
ABOUT_BODY_EN = [
    ("heading", {"text": "Online and in person", "level": "h2"}),
    (
        "paragraph",
        "<p>Every consultation combines online participation, on the Métropole's participation platform, and "
        "meetings: workshops, urban walks, public meetings. You can take part without a computer: meetings count "
        "as much as online contributions.</p>",
    ),
    (
        "key_figures",
        {
            "title": "Participation in figures",
            "figures": [
                {"value": "95", "label": "municipalities in the Métropole"},
                {"value": "2016", "label": "year the first charter was voted"},
                {"value": "38", "label": "actions in the 2021 edition of the charter"},
            ],
        },
    ),
    (
        "accordion",
        {
            "title": "Frequently asked questions",
            "items": [
                {
                    "question": "Who can take part?",
                    "answer": "<p>Anyone who lives, works or studies in the Métropole, whatever their age or "
                    "nationality.</p>",
                },
                {
                    "question": "What happens to my opinion?",
                    "answer": "<p>Every consultation publishes a report. It answers each proposal: kept, adapted, "
                    "not kept or out of scope, with the reason.</p>",
                },
            ],
        },
    ),
    (
        "quote",
        {
            "text": "Now we know, before taking part, what is still open to discussion and what is not.",
            "attribution": "A participant in the charter review workshop",
        },
    ),
]

STATEMENT_FR = {
    "title": "Déclaration d'accessibilité",
    "site_name": "Pacte – la participation citoyenne de la Métropole Exemple",
    "statement_date": datetime.date(2026, 9, 15),
    "conformity_status": AccessibilityStatementPage.PARTIAL,
    "compliance_rate": 87,
    "audit_date": datetime.date(2026, 9, 1),
    "auditor": "la Mission numérique accessible de la Métropole Exemple (audit interne)",
    "audit_scope": (
        "<p>Échantillon : accueil, charte, version facile à lire, liste des concertations, une concertation, "
        "un bilan, recherche, déclaration d'accessibilité. Outils : Firefox et NVDA, Safari et VoiceOver, "
        "Chrome et axe-core.</p>"
    ),
    "non_conformities": (
        "<ul><li>Certaines vidéos anciennes n'ont pas encore de sous-titres synchronisés ; leur transcription "
        "est disponible sous chaque vidéo.</li></ul>"
    ),
    "contact_email": "accessibilite@metropole-exemple.fr",
    "contact_address": "Métropole Exemple – Mission participation citoyenne\n1 place de la Concertation\n59000 Exemple",
}
STATEMENT_EN = {
    "title": "Accessibility statement",
    "site_name": "Pacte – citizen participation at Métropole Exemple",
    "auditor": "Métropole Exemple's digital accessibility team (internal audit)",
    "audit_scope": (
        "<p>Sample: home, charter, easy-to-read version, list of consultations, one consultation, one report, "
        "search, accessibility statement. Tools: Firefox with NVDA, Safari with VoiceOver, Chrome with axe-core.</p>"
    ),
    "non_conformities": (
        "<ul><li>Some older videos do not yet have synchronised captions; their transcript is available below "
        "each video.</li></ul>"
    ),
}


@demo.register(order=0)
def build_site(stdout):
    fr, _en, _nl = demo.locale("fr"), demo.locale("en"), demo.locale("nl")
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=fr, depth=2).first()
    hero = demo.demo_image("Illustration – habitants réunis", ["#dde7f3", "#1f4e8c", "#f0c987", "#8fb996"], seed=1)
    if home is None:
        home = HomePage(slug="accueil", hero_image=hero, **HOME_FR)
        root.add_child(instance=home)
        home.save_revision().publish()
    else:
        home = demo.update_page(home, {"hero_image": hero, **HOME_FR})
    # The default site points at the French home; Wagtail's placeholder welcome page goes away.
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port = public_address.site_address()
    site.site_name, site.root_page = "Pacte", home
    site.save()
    Page.objects.filter(depth=2).exclude(pk=home.pk).not_type(HomePage).delete()

    demo.upsert_translation(home, "en", **HOME_EN)
    demo.upsert_translation(home, "nl", **HOME_NL)

    about = demo.upsert_child_page(home, StandardPage, "participer", show_in_menus=True, body=ABOUT_BODY_FR, **ABOUT_FR)
    demo.upsert_translation(about, "en", slug="how-it-works", body=ABOUT_BODY_EN, **ABOUT_EN)

    plan = demo.demo_document(
        "Schéma pluriannuel d'accessibilité numérique 2025-2027",
        ["Métropole Exemple (organisation fictive de démonstration)", "Priorités : formulaires, vidéos, documents."],
    )
    statement = demo.upsert_child_page(
        home, AccessibilityStatementPage, "accessibilite", multi_year_plan=plan, **STATEMENT_FR
    )
    demo.upsert_translation(statement, "en", slug="accessibility", **STATEMENT_EN)

    settings = SiteSettings.for_site(site)
    settings.organisation_name = "Métropole Exemple"
    settings.site_tagline = "Pacte : la participation citoyenne, engagement par engagement"
    settings.postal_address = "1 place de la Concertation\n59000 Exemple"
    settings.contact_email = "participation@metropole-exemple.fr"
    settings.contact_phone = "03 00 00 00 00"
    settings.save()

    build_accounts(stdout)


@demo.register(order=90)
def build_legal_pages(stdout):
    """The legal notice, personal-data page and site map, in French and English, after every app's pages (the
    home page's last children, as their footer links come last)."""
    home = HomePage.objects.get(locale=demo.locale("fr"), depth=2)
    notice = demo.upsert_child_page(home, LegalNoticePage, "mentions-legales", **legal.LEGAL_NOTICE_FR)
    demo.upsert_translation(notice, "en", slug="legal-notice", **legal.LEGAL_NOTICE_EN)
    data = demo.upsert_child_page(home, PersonalDataPage, "donnees-personnelles", **legal.PERSONAL_DATA_FR)
    demo.upsert_translation(data, "en", slug="personal-data", **legal.PERSONAL_DATA_EN)
    site_map = demo.upsert_child_page(home, SiteMapPage, "plan-du-site", **legal.SITE_MAP_FR)
    demo.upsert_translation(site_map, "en", slug="site-map", **legal.SITE_MAP_EN)


def build_accounts(stdout):
    User = get_user_model()
    admin, _ = User.objects.get_or_create(
        username=ADMIN_ACCOUNT[0], defaults={"email": "admin@metropole-exemple.fr", "first_name": "Camille"}
    )
    admin.is_staff = admin.is_superuser = admin.is_active = True
    admin.set_password(ADMIN_ACCOUNT[1])
    admin.save()
    agent, _ = User.objects.get_or_create(
        username=STAFF_ACCOUNT[0],
        defaults={"email": "agent@metropole-exemple.fr", "first_name": "Dominique", "last_name": "Martin"},
    )
    agent.is_active = True
    agent.set_password(STAFF_ACCOUNT[1])
    agent.save()
    staff_group = Group.objects.filter(name="Staff").first()
    if staff_group:
        agent.groups.add(staff_group)


@demo.register(order=100)
def build_navigation(stdout):
    """Menus last, once every app has added its pages: the home page's children marked "show in menus"."""
    default_menus = {}
    homes = HomePage.objects.filter(depth=2).select_related("locale")
    for home in sorted(homes, key=lambda page: page.locale.language_code != "fr"):
        pages = list(home.get_children().live().public().in_menu().not_type(AccessibilityStatementPage))
        for location, links in ((NavigationMenu.MAIN, pages), (NavigationMenu.FOOTER, [home])):
            menu = NavigationMenu.objects.filter(location=location, locale=home.locale).first()
            if menu is None:
                menu = NavigationMenu(location=location, locale=home.locale)
                if location in default_menus:  # a translation of the French menu, for wagtail-localize
                    menu.translation_key = default_menus[location].translation_key
                menu.save()
            default_menus.setdefault(location, menu)
            menu.items.all().delete()
            for position, page in enumerate(links):
                NavigationMenuItem.objects.create(menu=menu, page=page, sort_order=position, locale=home.locale)
        highlights = [("highlight", {"page": page, "title": "", "text": ""}) for page in pages[:6]]
        demo.update_page(home.specific, {"highlights": highlights})
    stdout.write(
        f"Demo accounts: editor {ADMIN_ACCOUNT[0]} / {ADMIN_ACCOUNT[1]}, staff {STAFF_ACCOUNT[0]} / {STAFF_ACCOUNT[1]}"
    )
