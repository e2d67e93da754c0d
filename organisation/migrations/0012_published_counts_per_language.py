"""Published counts per language (search/counts.py): the counts are the same in each, but the
choices' labels and their order are the language's. The rows stored so far were counted with
English labels; Russian pages count live until the next change of public content stores theirs."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("tntd", "0011_russian_names")]

    operations = [
        migrations.RemoveConstraint(model_name="publishedcount", name="published_count_one_per_choice"),
        migrations.AddField(
            model_name="publishedcount",
            name="language",
            field=models.CharField(default="en", help_text="The language of the labels: en, ru.", max_length=10),
            preserve_default=False,
        ),
        migrations.AlterModelOptions(name="publishedcount", options={"ordering": ["content", "language", "facet", "position"]}),
        migrations.AddConstraint(
            model_name="publishedcount",
            constraint=models.UniqueConstraint(
                fields=("content", "language", "facet", "value"), name="published_count_one_per_choice_and_language"
            ),
        ),
    ]
