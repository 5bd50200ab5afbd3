"""The regulation page: contents with anchors, each clause numbered once with its own link, approval details only
when the text gives them, sections that fold and a search within the page."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_contents_anchors_and_one_number_per_clause(client, imported):
    department = imported["İctimaiyyətlə əlaqələr şöbəsi"]
    page = client.get(reverse("units:detail", args=[department.slug]) + "?lang=ru").content.decode()
    contents = page.split('class="contents"')[1].split("</nav>")[0]
    anchors = re.findall(r'href="#([a-z_]+)"', contents)
    assert {"duty", "right"} <= set(anchors)
    for anchor in anchors:
        assert f'id="{anchor}"' in page  # every entry leads to its section
    assert "<ol" not in page.split("</header>")[1]  # no list number beside the clause's own
    clause = department.clauses.filter(number="3.1.4").first() or department.clauses.order_by("sort_key").first()
    assert f'<a class="clause-number" href="#clause-{clause.pk}"' in page
    assert f'id="clause-{clause.pk}"' in page
    assert 'details class="clause-section"' in page and 'id="clause-filter"' in page
    assert "js/regulation.js" in page


def test_approval_details_are_shown_only_when_known(client, imported):
    regulation = imported["International Cooperation Department"].regulations.first()
    regulation.approved_by, regulation.approval_date, regulation.approval_number = "", None, ""
    regulation.save()
    page = client.get(reverse("units:detail", args=[regulation.unit.slug]) + "?lang=en").content.decode()
    assert "not stated" not in page and "Approval date" not in page
