"""The followers' addresses, under each language's prefix (site_core/urls.py includes them through the
PUBLIC_URLS hook); the route words are translated like the site's others."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from consultations.follow import views

app_name = "follow"

urlpatterns = [
    path(_("follow/"), views.follow, name="follow"),
    path(_("follow/confirm/<str:token>/"), views.confirm, name="confirm"),
    path(_("follow/leave/<str:token>/"), views.leave, name="leave"),
    path(_("follow/my-data/<str:token>/"), views.my_data, name="my_data"),
    path(_("follow/my-data/<str:token>/export/"), views.my_data_export, name="my_data_export"),
]
