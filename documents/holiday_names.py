"""Holiday names as the holidays package gives them in English, marked for translation so the
deadline explanation names each skipped day in the reader's language."""

from django.utils.translation import gettext_noop

HOLIDAY_NAMES = [
    gettext_noop("New Year's Day"), gettext_noop("Martyrs' Day"), gettext_noop("Women's Day"),
    gettext_noop("Spring Festival"), gettext_noop("Eid al-Fitr"), gettext_noop("Eid al-Adha"),
    gettext_noop("Victory over Fascism Day"), gettext_noop("Independence Day"), gettext_noop("Republic Day"),
    gettext_noop("National Liberation Day"), gettext_noop("Armed Forces Day"), gettext_noop("Victory Day"),
    gettext_noop("National Flag Day"), gettext_noop("International Azerbaijanis Solidarity Day"),
    gettext_noop("Presidential elections"), gettext_noop("Parliamentary elections"), gettext_noop("Municipal elections"),
    gettext_noop("Referendum"),
    # Kazakhstan
    gettext_noop("Orthodox Christmas"), gettext_noop("International Women's Day"), gettext_noop("Nowruz Holiday"),
    gettext_noop("Kazakhstan's People Solidarity Holiday"), gettext_noop("Defender of the Fatherland Day"),
    gettext_noop("Capital Day"), gettext_noop("Constitution Day"),
]
