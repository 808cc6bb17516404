"""Demo content for site_core: locales, home pages, an about page, the accessibility statement, the legal
pages, menus, site settings and the two demo accounts. The texts are in demo/site.yaml and demo/legal.yaml. The
authority, "Métropole du Val de Marque", is fictional."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from site_core import demo, public_address
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

SITE_DATA = demo.data_file(__file__, "site.yaml")
LEGAL_DATA = demo.data_file(__file__, "legal.yaml")


@demo.register(order=0)
def build_site(stdout):
    data = demo.load_data(SITE_DATA)
    fr, _en, _nl = demo.locale("fr"), demo.locale("en"), demo.locale("nl")
    root = Page.get_first_root_node()
    home_spec = data["home"]
    picture = home_spec["hero_image"]
    hero = demo.demo_image(picture["title"], picture["colours"], seed=picture["seed"])
    home_fields = demo.source_fields(home_spec)
    home_fields = {name: value for name, value in home_fields.items() if name not in ("slug", "hero_image")}
    home = HomePage.objects.filter(locale=fr, depth=2).first()
    if home is None:
        home = HomePage(slug=home_spec["slug"], hero_image=hero, **home_fields)
        root.add_child(instance=home)
        home.save_revision().publish()
    else:
        home = demo.update_page(home, {"hero_image": hero, **home_fields})
    # The default site points at the French home; Wagtail's placeholder welcome page goes away.
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port = public_address.site_address()
    site.site_name, site.root_page = data["site_name"], home
    site.save()
    Page.objects.filter(depth=2).exclude(pk=home.pk).not_type(HomePage).delete()
    # The settings before any document: the printed ones take the authority's name and logo from them.
    settings = SiteSettings.for_site(site)
    for name, value in data["settings"].items():
        setattr(settings, name, value)
    settings.logo = demo.demo_logo(data["logo"]["title"], data["logo"]["colours"])
    settings.save()

    for code in demo.TRANSLATIONS:
        demo.upsert_translation(home, code, **home_spec[code])

    demo.upsert_page_from_data(home, StandardPage, data["about"])
    statement = data["accessibility_statement"]
    plan_spec = statement["multi_year_plan"]
    plan = demo.official_document(
        plan_spec["title"],
        plan_spec["document"],
        designation=plan_spec["designation"],
        facts=[tuple(row) for row in plan_spec["facts"]],
        signed_on=plan_spec["signed_on"],
    )
    demo.upsert_page_from_data(home, AccessibilityStatementPage, statement, multi_year_plan=plan)

    build_accounts(data["accounts"])


@demo.register(order=90)
def build_legal_pages(stdout):
    """The legal notice, personal-data page and site map, in French and English, after every app's pages (the
    home page's last children, as their footer links come last)."""
    data = demo.load_data(LEGAL_DATA)
    home = HomePage.objects.get(locale=demo.locale("fr"), depth=2)
    for key, model in (
        ("legal_notice", LegalNoticePage),
        ("personal_data", PersonalDataPage),
        ("site_map", SiteMapPage),
    ):
        demo.upsert_page_from_data(home, model, data[key])


def build_accounts(accounts):
    User = get_user_model()
    editor = accounts["editor"]
    admin, _ = User.objects.get_or_create(
        username=editor["username"], defaults={"email": editor["email"], "first_name": editor["first_name"]}
    )
    admin.is_staff = admin.is_superuser = admin.is_active = True
    admin.set_password(editor["password"])
    admin.save()
    staff = accounts["staff"]
    agent, _ = User.objects.get_or_create(
        username=staff["username"],
        defaults={name: staff[name] for name in ("email", "first_name", "last_name")},
    )
    agent.is_active = True
    agent.set_password(staff["password"])
    agent.save()
    staff_group = Group.objects.filter(name="Staff").first()
    if staff_group:
        agent.groups.add(staff_group)


@demo.register(order=100)
def build_navigation(stdout):
    """Menus last, once every app has added its pages: the French home page's children marked "show in menus",
    under the short labels of site.yaml's `menu`, in every language; each link leads to the page's translation in
    the menu's language where there is one, else to the French page (the header then says it is in French)."""
    labels = demo.load_data(SITE_DATA)["menu"]
    default_menus = {}
    homes = sorted(
        HomePage.objects.filter(depth=2).select_related("locale"), key=lambda page: page.locale.language_code != "fr"
    )
    sources = list(homes[0].get_children().live().public().in_menu().not_type(AccessibilityStatementPage))
    for home in homes:
        code = home.locale.language_code
        translations = {
            page.translation_key: page
            for page in Page.objects.live().filter(
                locale=home.locale, translation_key__in=[p.translation_key for p in sources]
            )
        }
        pages = [
            (translations.get(page.translation_key, page), labels.get(page.slug, {}).get(code, "")) for page in sources
        ]
        for location, links in ((NavigationMenu.MAIN, pages), (NavigationMenu.FOOTER, [(home, "")])):
            menu = NavigationMenu.objects.filter(location=location, locale=home.locale).first()
            if menu is None:
                menu = NavigationMenu(location=location, locale=home.locale)
                if location in default_menus:  # a translation of the French menu, for wagtail-localize
                    menu.translation_key = default_menus[location].translation_key
                menu.save()
            default_menus.setdefault(location, menu)
            menu.items.all().delete()
            for position, (page, label) in enumerate(links):
                NavigationMenuItem.objects.create(
                    menu=menu, page=page, label=label, sort_order=position, locale=home.locale
                )
        own = [page.specific for page, _label in pages if page.locale_id == home.locale_id]
        highlights = [("highlight", {"page": page, "title": "", "text": ""}) for page in own[:6]]
        demo.update_page(home.specific, {"highlights": highlights})
    accounts = demo.load_data(SITE_DATA)["accounts"]
    editor, staff = accounts["editor"], accounts["staff"]
    stdout.write(
        f"Demo accounts: editor {editor['username']} / {editor['password']}, "
        f"staff {staff['username']} / {staff['password']}"
    )
