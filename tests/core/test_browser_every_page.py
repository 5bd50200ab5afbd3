"""Every page of the portal, as each demo role reaches it, at 360 px and 1366 px in Azerbaijani, Russian and English:
nothing scrolls sideways, nothing fails to load, the console stays clean and axe-core finds no serious or critical
violation. The pages are found by following the links each role sees (menus, lists, cards), one page per URL
pattern, so a new page is covered as soon as something links to it. With SCREENSHOTS=<folder> the test also
saves the screenshots of docs/screenshots (`make screenshots`)."""

import os
import re
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE = Path(__file__).resolve().parent.parent / "vendor" / "axe-core" / "axe.min.js"
WIDTHS = (360, 1366)
LANGUAGES = ("az", "ru", "en")
# one login per role; the crawl of each starts from its menu
ROLES = [None, "clerk", "info.officer", "pr.head", "minister", "pr.officer", "events.officer", "journalist"]
# what a browser downloads rather than shows, and what is not the portal's own page
NOT_PAGES = re.compile(r"(\.pdf|\.ics|\.xlsx|\.xml|/feed/|/files/|/source/|/letter|/akn/|/popolo/|/badge|/emblem|favicon)"
                       r"|^/(api|admin|static|media)/|^/accounts/(logout|password_reset/confirm|reset)|^/healthz")
PAGE_LIMIT = 120
SCREENSHOTS = {  # name → (role, path) for docs/screenshots
    "home": (None, "/"), "form": (None, "/appeals/new/"), "unit": (None, "/structure/ictimaiyyetle-elaqeler-shobesi/"),
    "staff-home": ("pr.head", "/staff/"), "list": ("clerk", "/appeals/cases/"),
}


def _route(path):
    try:
        return resolve(urlsplit(path).path).route
    except Resolver404:
        return None


def _links(page, origin):
    hrefs = page.evaluate("() => Array.from(document.querySelectorAll('a[href]'), a => a.href)")
    found = []
    for href in hrefs:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != origin or "lang=" in parts.query or "format=" in parts.query:
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if not NOT_PAGES.search(parts.path):
            found.append(path)
    return found


class Watcher:
    """Console errors, failed requests and error answers seen while a page loads."""

    def __init__(self, page):
        self.problems = []
        page.on("console", lambda message: message.type == "error" and self.problems.append(f"console: {message.text}"))
        page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        # a request the next navigation cancelled (the icon, a lazy image below the fold) is not a failure
        page.on("requestfailed", lambda request: "ERR_ABORTED" not in (request.failure or "") and self.problems.append(
            f"failed: {request.url} {request.failure}"))
        page.on("response", lambda response: response.status >= 400 and self.problems.append(
            f"{response.status}: {response.url}"))

    def take(self):
        problems, self.problems = self.problems, []
        return problems


def _axe(page):
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => `${v.id}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)""")


def _language(context, origin, language):
    """What `?lang=` would remember, without a page load."""
    from django.conf import settings

    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": origin}])


def _context(browser, origin, role, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)  # bypass: axe is injected
    page = context.new_page()
    if role:
        page.goto(f"{origin}/accounts/login/")
        page.fill("#id_username", role)
        page.fill("#id_password", "portal-demo")
        page.click("main form button[type=submit]")
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
    return context, page


def _is_page(response):
    return response is not None and "text/html" in (response.headers.get("content-type") or "")


# what a page must never show a reader: a Python object's name, an unfilled placeholder, template syntax, a bare
# None/True/False where a value was missing (not the words in a sentence: "False reports without an answer")
INTERNALS = re.compile(r"<function [^>]*>|<[\w.]+ object at 0x[0-9a-f]+>|%\(\w+\)[sd]|\{\{|\{%"
                       r"|(?<![\w-])(?:None|True|False)(?![ \t]+[a-z])")


def _check(page, watcher, origin, path, width, axe):
    response = page.goto(origin + path)
    problems = watcher.take()
    if not _is_page(response):
        return response, problems
    overflow = page.evaluate("document.documentElement.scrollWidth") - width
    if overflow > 0:
        problems.append(f"scrolls sideways by {overflow} px")
    problems += [f"shows program internals: {match!r}" for match in INTERNALS.findall(page.inner_text("body"))[:3]]
    # bad input is answered by the portal in the page's language, not blocked by the browser's bubble in its own
    unchecked = page.evaluate("""() => Array.from(document.querySelectorAll('main form:not([novalidate])'))
        .filter(form => form.querySelector('[required], [min], [max], [pattern], [minlength], [maxlength], [type=email], [type=url]'))
        .map(form => form.getAttribute('action') || form.getAttribute('method'))""")
    problems += [f"a form lets the browser validate: {form}" for form in unchecked]
    if axe:
        problems += [f"axe {item}" for item in _axe(page)]
    return response, problems


def _crawl(page, watcher, origin, role, seen_routes, problems):
    """The pages this role reaches that no earlier role checked, found breadth-first (and checked on the way at 360 px
    in Azerbaijani). Lists and menus seen before are passed through for their links, not checked again; a signed-in
    role's home is its desk (the public home differs only in the header)."""
    start = ["/staff/"] if role else ["/"]
    queue, queued, passed, pages = list(start), set(start), set(), []
    while queue and len(pages) < PAGE_LIMIT:
        path = queue.pop(0)
        route = _route(path)
        new = route is not None and (route not in seen_routes or path in start)
        # a page seen before is passed through only when it is a list or menu (no id in its address)
        if route is None or (not new and (route in passed or "<" in route)):
            continue
        if new:
            response, found = _check(page, watcher, origin, path, 360, axe=len(pages) % 2 == 0)
        else:
            response, found = page.goto(origin + path), watcher.take()
        passed.add(route)
        if not _is_page(response):
            continue
        if new:
            seen_routes.add(route)
            pages.append(path)
            problems += [f"{role or 'visitor'} 360px az {path}: {problem}" for problem in found]
        for link in _links(page, origin):
            if link not in queued and _route(link) not in passed:
                queued.add(link)
                queue.append(link)
    return pages


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    from django.core.management import call_command

    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=StringIO())


def test_every_page_fits_loads_cleanly_and_is_accessible(live_server, browser, demo):
    from appeals.models import Case, ReceptionBooking
    from media_relations.models import Accreditation

    origin = live_server.url
    seen_routes, problems, visited = set(), [], 0
    # pages reached through a private link (an e-mail, a badge's QR code) rather than from another page
    private = [f"/appeals/track/{case.tracking_token}/" for case in Case.objects.exclude(tracking_token="").order_by("-id")[:1]]
    private += [f"/reception/booking/{booking.token}/" for booking in ReceptionBooking.objects.order_by("-id")[:1]]
    private += [f"/press/accreditation/verify/{item.token}/" for item in Accreditation.objects.filter(state="approved")[:1]]
    # and the answers of the password-reset form and its link (a used or broken link included)
    private += [reverse("password_reset_done"), reverse("password_reset_confirm", args=["MQ", "used-link"]),
                reverse("password_reset_complete")]
    shots = Path(os.environ["SCREENSHOTS"]) if os.environ.get("SCREENSHOTS") else None
    for role in ROLES:
        for width in WIDTHS:
            context, page = _context(browser, origin, role, width)
            watcher = Watcher(page)
            for language in LANGUAGES:
                _language(context, origin, language)
                first = width == WIDTHS[0] and language == LANGUAGES[0]
                if first:
                    pages = _crawl(page, watcher, origin, role, seen_routes, problems)
                    if role is None:
                        pages += private
                        seen_routes.update(_route(path) for path in private)
                    visited += len(pages)
                for number, path in enumerate([] if first else pages):
                    # axe once per page: every other page at 360 px in Azerbaijani (above), the rest at 1366 px in
                    # Russian or English, so both widths and all three languages are checked across the pages
                    axe = width != WIDTHS[0] and number % 2 == 1 and (number // 2 + LANGUAGES.index(language)) % 2 == 0
                    problems += [f"{role or 'visitor'} {width}px {language} {path}: {problem}"
                                 for problem in _check(page, watcher, origin, path, width, axe)[1]]
                    visited += 1
                if shots and language in ("az", "ru"):
                    for name, (shot_role, path) in SCREENSHOTS.items():
                        if shot_role == role:
                            page.goto(origin + path)  # a long regulation is shown by its first screens
                            page.screenshot(path=str(shots / f"{name}-{width}-{language}.png"), full_page=name != "unit")
            context.close()
    # the crawl reached the portal's main parts (a broken menu would silently shrink it)
    for route in ("", "structure/", "appeals/new/", "appeals/cases/", "control/my/", "documents/", "press/office/",
                  "protocol/", "protocol/visits/<id:pk>/", "plans/<id:pk>/", "staff/", "appeals/track/<str:token>/",
                  "reception/booking/<str:token>/", "press/accreditation/verify/<str:token>/"):
        assert route in seen_routes, f"no page of {route!r} was reached"
    assert problems == [], f"{len(problems)} problems on {visited} page views:\n" + "\n".join(problems)
