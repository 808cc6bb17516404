"""Draws made before commit then reveal (their list was not published before the draw, their seed was chosen by the
authority) keep their record and are shown as such, "former method, not replayable"; only then can the database
require a published list, and a seed entered after it, for every new draw."""

from django.db import migrations, models


def mark_former_draws(apps, schema_editor):
    apps.get_model("consultations", "RandomDraw").objects.update(protocol="former", list_published_at=None)


class Migration(migrations.Migration):

    dependencies = [
        ("consultations", "0012_draw_commit_then_reveal"),
    ]

    operations = [
        migrations.RunPython(mark_former_draws, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='randomdraw',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('protocol', 'commit_reveal'), _negated=True), ('list_published_at__isnull', False), _connector='OR'), name='draw_list_published_first'),
        ),
        migrations.AddConstraint(
            model_name='randomdraw',
            constraint=models.CheckConstraint(condition=models.Q(('performed_at__isnull', True), ('list_published_at__isnull', True), ('performed_at__gt', models.F('list_published_at')), _connector='OR'), name='draw_seed_after_list'),
        ),
    ]
