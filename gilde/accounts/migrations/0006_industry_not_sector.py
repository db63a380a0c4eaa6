"""One concept for the line of business a person's organisation works in: "industry" in the code,
"branche" in Dutch (it was "sector"). Renames only, so every value stays."""

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_api_tokens_data_exports_erasure")]

    operations = [
        migrations.RemoveConstraint(model_name="sector", name="sector_name_unique_ci"),
        migrations.RenameModel(old_name="Sector", new_name="Industry"),
        migrations.RenameField(model_name="user", old_name="sector", new_name="industry"),
        migrations.AlterModelOptions(
            name="industry",
            options={
                "ordering": ["name"],
                "verbose_name": "shared industry",
                "verbose_name_plural": "shared industries",
            },
        ),
        migrations.AlterField(
            model_name="user",
            name="industry",
            field=models.CharField(blank=True, max_length=150, verbose_name="industry"),
        ),
        migrations.AddConstraint(
            model_name="industry",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("name"), name="industry_name_unique_ci"
            ),
        ),
    ]
