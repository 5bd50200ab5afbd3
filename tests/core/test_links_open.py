"""Every link a member of staff sees opens for them. A page names what its reader may not open (a control card of
another unit, another unit's draft, a document out of their view, a release not yet public) without linking to it,
rather than sending them to a 404. And no id is used twice on a page: with two forms that share field names (a
reason, an e-mail), a label would name the other form's field. Crawled over the demo as the roles whose views
differ, following every link (the public structure pages, downloads and filtered lists aside)."""

import re
from collections import Counter, deque
from io import StringIO

import pytest
from django.core.management import call_command

from core.models import User

pytestmark = pytest.mark.django_db

ROLES = ["clerk", "info.head", "info.officer", "pr.officer", "events.officer", "relations.officer"]
NOT_PAGES = re.compile(r"^/(api|admin|static|media|structure)/|^/accounts/logout|\.(pdf|xlsx|ics|xml|jpg)$|/feed/|/files/|/letter")


def _links(html):
    return {href.replace("&amp;", "&") for href in re.findall(r'href="(/[^"#?]*)"', html)}


def test_every_link_a_member_of_staff_sees_opens_for_them_and_no_page_uses_an_id_twice(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=StringIO())
    broken, twice, crawled = [], [], 0
    for username in ROLES:
        client.force_login(User.objects.get(username=username))
        seen, queue = {"/staff/"}, deque([("/staff/", None)])
        while queue:
            path, linked_from = queue.popleft()
            response = client.get(path)
            crawled += 1
            if response.status_code in (403, 404):
                broken.append(f"{username}: {path} (linked from {linked_from}) answers {response.status_code}")
            if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
                continue
            html = response.content.decode()
            if repeated := sorted(name for name, count in Counter(re.findall(r'\sid="([^"]+)"', html)).items() if count > 1):
                twice.append(f"{username}: {path} has {', '.join(repeated)} twice")
            for link in _links(html) - seen:
                if not NOT_PAGES.search(link):
                    seen.add(link)
                    queue.append((link, path))
    assert crawled > 300  # the crawl reached the demo's pages, not just the desks
    assert broken == [], "\n".join(broken)
    assert twice == [], "\n".join(twice)
