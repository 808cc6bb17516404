"""The site's URLs plus /bench-ceiling/: a bare Django view returning a static 10 kB page, the machine's ceiling."""

from django.http import HttpResponse
from django.urls import path

from site_core.urls import urlpatterns as site_urlpatterns

CEILING_BODY = ("<!DOCTYPE html><html lang='fr'><title>Plafond</title><p>" + "x" * 10_180 + "</p></html>").encode()


def ceiling(request):
    return HttpResponse(CEILING_BODY)


urlpatterns = [path("bench-ceiling/", ceiling), *site_urlpatterns]
