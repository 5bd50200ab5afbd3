from django.db import migrations, models


class Migration(migrations.Migration):
    """The address, like the name and the reception hours, is kept in each of the portal's languages; the one
    address entered so far becomes the Azerbaijani one (the fallback)."""

    dependencies = [("core", "0005_portal_identity")]

    operations = [
        migrations.RenameField("portalidentity", "address", "address_az"),
        migrations.AlterField("portalidentity", "address_az",
                              models.CharField(blank=True, max_length=300, verbose_name="address in Azerbaijani")),
        migrations.AddField("portalidentity", "address_ru",
                            models.CharField(blank=True, max_length=300, verbose_name="address in Russian")),
        migrations.AddField("portalidentity", "address_en",
                            models.CharField(blank=True, max_length=300, verbose_name="address in English")),
    ]
