"""Demo content for the indicators: the dashboard page, in French and English (after the label's builder, so that
its figures include the earlier years' consultations and the awards)."""

from consultations.indicators.models import DashboardPage
from site_core import demo
from site_core.models import HomePage


@demo.register(order=28)
def build_dashboard(stdout):
    home = HomePage.objects.get(locale=demo.locale("fr"), depth=2)
    dashboard = demo.upsert_child_page(
        home,
        DashboardPage,
        "tableau-de-bord",
        title="Tableau de bord des engagements",
        introduction=(
            "Ces chiffres sont calculés à partir des concertations publiées, de leurs rencontres, de leurs bilans "
            "et des labels : rien n'est saisi deux fois. Ils montrent si la Métropole tient les engagements de sa "
            "charte."
        ),
        listing_summary="Les engagements de la charte sont-ils tenus ? Les chiffres, calculés à partir des bilans.",
        show_in_menus=True,
    )
    demo.upsert_translation(
        dashboard,
        "en",
        title="Commitments dashboard",
        slug="dashboard",
        introduction=(
            "These figures are computed from the published consultations, their events, their reports and the "
            "labels: nothing is typed twice. They show whether the Métropole keeps the commitments of its charter."
        ),
        listing_summary="Are the charter's commitments kept? The figures, computed from the reports.",
        show_in_menus=True,
    )
    stdout.write("Dashboard page.")
