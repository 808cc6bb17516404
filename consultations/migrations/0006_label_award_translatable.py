# Label awards become a translatable snippet (wagtail-localize). Existing awards become the source records in the
# site's default language (French), each with a fresh translation key; their verification codes are kept.
#
# Done in three steps because a translation key must differ from row to row (a column default would give every
# existing row the same one): add the columns as nullable, fill them, then make them required and unique.

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def existing_awards_become_sources(apps, schema_editor):
    LabelAward = apps.get_model("consultations", "LabelAward")
    Locale = apps.get_model("wagtailcore", "Locale")
    awards = list(LabelAward.objects.filter(locale__isnull=True).only("pk"))
    if not awards:
        return
    # An award only exists under a published consultation page, so its locale exists: get_or_create is a safeguard.
    locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    for award in awards:
        award.locale_id = locale.pk
        award.translation_key = uuid.uuid4()
    LabelAward.objects.bulk_update(awards, ["locale", "translation_key"], batch_size=500)
    if schema_editor.connection.vendor == "postgresql":
        # The rows just written carry a deferred foreign-key check; run it now so that PostgreSQL lets the next
        # operations alter the table in this same transaction ("pending trigger events").
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0005_decidim_results"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="labelaward",
            name="locale",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="labelaward",
            name="translation_key",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(existing_awards_become_sources, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="labelaward",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="labelaward",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        # The code is shared by an award's translations: unique per language instead of unique in the table.
        migrations.AlterField(
            model_name="labelaward",
            name="code",
            field=models.CharField(editable=False, max_length=16, verbose_name="verification code"),
        ),
        migrations.AlterUniqueTogether(
            name="labelaward",
            unique_together={("translation_key", "locale")},
        ),
        migrations.AddConstraint(
            model_name="labelaward",
            constraint=models.UniqueConstraint(fields=("code", "locale"), name="unique_label_award_code_per_locale"),
        ),
    ]
