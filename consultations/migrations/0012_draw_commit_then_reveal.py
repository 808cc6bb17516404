# The fields of a draw made commit then reveal (the existing draws are marked in 0009).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('consultations', '0011_decidim_contributions_and_kept_uploads'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='randomdraw',
            options={'ordering': ['-list_published_at', '-performed_at'], 'verbose_name': 'random draw', 'verbose_name_plural': 'random draws'},
        ),
        migrations.AddField(
            model_name='randomdraw',
            name='list_published_at',
            field=models.DateTimeField(blank=True, help_text='When the list and its fingerprint were published: the seed must be fixed after that moment.', null=True, verbose_name='list published at'),
        ),
        migrations.AddField(
            model_name='randomdraw',
            name='protocol',
            field=models.CharField(choices=[('commit_reveal', 'list published before the draw, public seed'), ('former', 'former method, not replayable')], default='commit_reveal', max_length=20, verbose_name='protocol'),
        ),
        migrations.AddField(
            model_name='randomdraw',
            name='seed_source',
            field=models.TextField(blank=True, help_text='Announced with the list, before the draw: a public value fixed after the list is published and that the Métropole does not control, for example “the ten dice thrown at the session by ten people from the audience, in the order thrown” or “the numbers of the national lottery draw of 12 March”.', verbose_name='where the seed comes from'),
        ),
        migrations.AlterField(
            model_name='randomdraw',
            name='method',
            field=models.TextField(help_text='Why a random draw, who attends it, how the list was made.', verbose_name='method'),
        ),
        migrations.AlterField(
            model_name='randomdraw',
            name='performed_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='drawn at'),
        ),
        migrations.AlterField(
            model_name='randomdraw',
            name='result',
            field=models.JSONField(blank=True, default=list, verbose_name='result'),
        ),
        migrations.AlterField(
            model_name='randomdraw',
            name='seed',
            field=models.CharField(blank=True, help_text='The value read at the draw, exactly as announced, for example “3-6-1-4-4-2-5-6-1-3”.', max_length=100, verbose_name='seed'),
        ),
        migrations.AlterField(
            model_name='randomdraw',
            name='title',
            field=models.CharField(help_text='For example “The 8 proposals presented at the pitch event”.', max_length=200, verbose_name='what is drawn'),
        ),
    ]
