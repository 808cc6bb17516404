"""The "Staff" group: members (the authority's agents) may follow the training section."""

from django.db import migrations

STAFF_GROUP_NAME = "Staff"


def create_staff_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name=STAFF_GROUP_NAME)


def remove_staff_group(apps, schema_editor):
    # Deleting the group would silently drop every agent's membership: keep it on the way back.
    pass


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("training", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_staff_group, remove_staff_group)]
