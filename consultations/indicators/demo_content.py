"""Demo content for the indicators: the dashboard page, in French and English (after the label's builder, so that
its figures include the earlier years' consultations and the awards). The texts are in demo/dashboard.yaml."""

from consultations.indicators.models import DashboardPage
from site_core import demo
from site_core.models import HomePage

DATA = demo.data_file(__file__, "dashboard.yaml")


@demo.register(order=28)
def build_dashboard(stdout):
    home = HomePage.objects.get(locale=demo.locale("fr"), depth=2)
    demo.upsert_page_from_data(home, DashboardPage, demo.load_data(DATA)["page"])
    stdout.write("Dashboard page.")
