"""One concept for the line of business: "industry" in the code, "branche" in Dutch (it was
"sector"). Renames only, so every value and every CoP's choice stays."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("composition", "0004_delete_importstaging")]

    operations = [
        migrations.RenameField(model_name="candidate", old_name="sector", new_name="industry"),
        migrations.RenameField(model_name="memberprofile", old_name="sector", new_name="industry"),
        migrations.RenameField(
            model_name="compositionsettings",
            old_name="one_organisation_per_sector",
            new_name="one_organisation_per_industry",
        ),
        migrations.AlterField(
            model_name="candidate",
            name="industry",
            field=models.CharField(blank=True, max_length=150, verbose_name="industry"),
        ),
        migrations.AlterField(
            model_name="memberprofile",
            name="industry",
            field=models.CharField(blank=True, max_length=150, verbose_name="industry"),
        ),
        migrations.AlterField(
            model_name="compositionsettings",
            name="one_organisation_per_industry",
            field=models.BooleanField(
                default=False,
                help_text="A guard against competition: the dashboard names industries that "
                "break it.",
                verbose_name="at most one organisation per industry",
            ),
        ),
    ]
