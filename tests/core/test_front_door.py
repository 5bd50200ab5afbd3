"""The public front door: the organisation's identity in header and footer, the services with their promises,
"track my case" from a pasted link, translated error pages with a way back."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import PortalIdentity

pytestmark = pytest.mark.django_db


def _identity(**values):
    return PortalIdentity.objects.create(**{
        "name_az": "Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi", "name_ru": "Министерство труда и социальной защиты населения",
        "phone": "+994 12 555 01 42", "email": "info@ministry.example", "reception_hours_ru": "понедельник – пятница",
        "address_az": "AZ1000, Bakı, Nümunə küçəsi 1", "address_ru": "AZ1000, Баку, улица Нумуне, 1",
        "links": "e-Gov | https://www.e-gov.az\nnot a link line", **values})


def test_the_header_and_footer_show_the_organisation_in_the_readers_language(client):
    _identity()
    russian = client.get("/?lang=ru").content.decode()
    header, footer = russian.split("</header>")[0], russian.split("<footer")[1]
    assert "Министерство труда и социальной защиты населения" in header
    assert "tel:+994125550142" in footer and "mailto:info@ministry.example" in footer
    assert "понедельник – пятница" in footer
    assert "улица Нумуне" in footer and "Nümunə küçəsi" not in footer
    assert 'href="https://www.e-gov.az"' in footer and "not a link line" not in footer
    english = client.get("/?lang=en").content.decode()
    assert "Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi" in english.split("</header>")[0]  # no English name: Azerbaijani
    assert "Nümunə küçəsi" in english.split("<footer")[1]  # nor an English address
    assert 'rel="icon"' in english


def test_an_uploaded_emblem_is_served_and_cached_and_a_changed_identity_shows_at_once(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from io import BytesIO

    from PIL import Image

    image = BytesIO()
    Image.new("RGB", (8, 8), "navy").save(image, "PNG")
    identity = _identity(emblem=SimpleUploadedFile("emblem.png", image.getvalue(), content_type="image/png"))
    page = client.get("/").content.decode()
    assert reverse("core:emblem") in page
    emblem = client.get(reverse("core:emblem"))
    assert emblem.status_code == 200 and emblem["Content-Type"] == "image/png"
    assert "immutable" in emblem["Cache-Control"]
    identity.name_az = "Yeni ad"
    identity.save()
    assert "Yeni ad" in client.get("/?lang=az").content.decode()


def test_without_an_identity_the_portal_still_has_a_name_and_an_emblem(client):
    page = client.get("/?lang=en").content.decode()
    assert "Ministry Portal" in page and "img/emblem" in page
    assert client.get("/favicon.ico").status_code == 301


def test_the_home_page_offers_the_services_with_the_laws_promise(client):
    page = client.get("/?lang=ru").content.decode()
    for url in (reverse("appeals:submit"), reverse("appeals:inforequest-submit"), reverse("appeals:track-lookup"),
                reverse("appeals:reception"), reverse("media_relations:press"), reverse("units:tree"),
                reverse("documents:calculator")):
        assert f'href="{url}"' in page.split("</header>")[1]
    assert "15 рабочих дней" in page  # appeal.standard, as the policy says today
    assert "24 часа" in page


def test_track_my_case_takes_the_pasted_link_and_says_clearly_when_it_is_wrong(client, imported):
    from appeals.services import case_submit
    from tests.appeals.conftest import APPEAL

    case, _created = case_submit(organisation=imported["Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi"], case_type="appeal",
                                 data=APPEAL)
    link = f"https://portal.example{reverse('appeals:track', args=[case.tracking_token])}"
    found = client.get(reverse("appeals:track-lookup"), {"code": link})
    assert found.status_code == 302 and found["Location"] == reverse("appeals:track", args=[case.tracking_token])
    wrong = client.get(reverse("appeals:track-lookup"), {"code": "no-such-code-0000000000000", "lang": "en"})
    assert wrong.status_code == 400
    body = wrong.content.decode()
    assert "We found no case with this code." in body and 'value="no-such-code-0000000000000"' in body


@pytest.mark.parametrize(("language", "text"), [("ru", "Страница не найдена"), ("az", "Səhifə tapılmadı")])
def test_a_missing_page_is_translated_with_a_way_back(client, language, text):
    response = client.get(f"/no/such/page/?lang={language}")
    assert response.status_code == 404
    page = response.content.decode()
    assert text in page and 'href="/"' in page and 'class="site-footer"' in page
