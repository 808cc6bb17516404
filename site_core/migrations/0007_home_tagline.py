"""The tagline moves from the site's settings (one value for every language) to the home page, which is translated:
each site's tagline goes to its root page, in the source language; its translations get theirs when translated."""

from django.db import migrations, models


def move_taglines(apps, schema_editor):
    SiteSettings = apps.get_model("site_core", "SiteSettings")
    HomePage = apps.get_model("site_core", "HomePage")
    for settings in SiteSettings.objects.exclude(site_tagline="").select_related("site"):
        HomePage.objects.filter(pk=settings.site.root_page_id).update(tagline=settings.site_tagline)


def restore_taglines(apps, schema_editor):
    SiteSettings = apps.get_model("site_core", "SiteSettings")
    HomePage = apps.get_model("site_core", "HomePage")
    for settings in SiteSettings.objects.select_related("site"):
        home = HomePage.objects.filter(pk=settings.site.root_page_id).first()
        if home is not None and home.tagline:
            SiteSettings.objects.filter(pk=settings.pk).update(site_tagline=home.tagline)


class Migration(migrations.Migration):
    dependencies = [
        ("site_core", "0006_home_page_sections"),
    ]

    operations = [
        migrations.AddField(
            model_name="homepage",
            name="tagline",
            field=models.CharField(
                blank=True,
                help_text=(
                    "A sentence under the institution's name in the header of every page in this language, for "
                    "example “Citizen participation, one commitment at a time”."
                ),
                max_length=160,
                verbose_name="tagline",
            ),
        ),
        migrations.RunPython(move_taglines, restore_taglines),
        migrations.RemoveField(
            model_name="sitesettings",
            name="site_tagline",
        ),
    ]
