"""Demo content for the open data: the page, in French and English, after every room that fills its files. The texts
are in demo/open_data.yaml."""

from consultations.opendata.models import OpenDataPage
from site_core import demo
from site_core.models import HomePage

DATA = demo.data_file(__file__, "open_data.yaml")


@demo.register(order=29)
def build_open_data(stdout):
    home = HomePage.objects.get(locale=demo.locale("fr"), depth=2)
    demo.upsert_page_from_data(home, OpenDataPage, demo.load_data(DATA)["page"])
    stdout.write("Open data page.")
