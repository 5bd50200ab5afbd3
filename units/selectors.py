"""Reads: the organisation tree, unit pages, clause search and competence-based routing."""

import functools
import math
import re
from collections import Counter, defaultdict

from django.db import connection
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from units.importer.text import search_form
from units.models import Clause, ClauseKind, Regulation, Unit
from units.querysets import under_paths

ROUTING_KINDS = (ClauseKind.AREA, ClauseKind.DUTY, ClauseKind.FUNCTION)


def unit_tree(*, organisation=None):
    """Active units ordered for display, each with `level`, in one query."""
    qs = Unit.objects.active()
    if organisation is not None:
        qs = qs.filter(path__startswith=organisation.path)
    units = list(qs.order_by("path"))
    # order siblings by `order` then name while keeping parents before children
    by_parent = defaultdict(list)
    for unit in units:
        by_parent[unit.parent_id].append(unit)
    ids = {u.pk for u in units}
    result = []

    def walk(parent_id, level):
        for unit in sorted(by_parent.get(parent_id, []), key=lambda u: (u.order, u.name)):
            unit.level = level
            result.append(unit)
            walk(unit.pk, level + 1)

    for root in sorted((u for u in units if u.parent_id not in ids), key=lambda u: (u.order, u.name)):
        root.level = 0
        result.append(root)
        walk(root.pk, 1)
    return result


def unit_detail(*, slug):
    """A unit with its regulations, clauses in force (grouped by kind) and sub-units, in a fixed number
    of queries whatever the size of the regulation."""
    unit = get_object_or_404(Unit.objects.select_related("parent"), slug=slug, is_active=True)
    # a model regulation's clauses are shown once, under "model regulations", not also as the unit's own
    clauses = list(Clause.objects.in_force().filter(unit=unit, regulation__is_model=False).select_related("regulation")
                   .order_by("sort_key"))
    children = list(unit.children.filter(is_active=True).order_by("order", "name"))
    regulations = list(
        Regulation.objects.filter(Q(unit=unit) | Q(pk__in={c.regulation_id for c in clauses})).order_by("language")
    )
    organisation_id = unit.organisation_id
    model_regulations = list(
        Regulation.objects.filter(Q(model_for_kind=unit.kind, unit_id=organisation_id) | Q(applies_to=unit), is_model=True)
        .distinct().prefetch_related(Prefetch("clauses", queryset=Clause.objects.in_force().order_by("sort_key")))
    )
    grouped = {kind: [] for kind in ClauseKind.values}
    for clause in clauses:
        grouped[clause.kind].append(clause)
    sections = [(ClauseKind(kind).label, kind, items) for kind, items in grouped.items() if items]
    return {"unit": unit, "sections": sections, "children": children, "regulations": regulations,
            "model_regulations": model_regulations, "ancestors": unit_ancestors(unit=unit)}


def unit_ancestors(*, unit):
    ids = [int(part) for part in unit.path.split(".") if part][:-1]
    by_id = Unit.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def clause_search(*, query, limit=50):
    """Clauses in force matching `query`. On PostgreSQL: full-text search with the `simple` configuration
    plus trigram word similarity, so Azerbaijani and Russian word forms still meet; elsewhere a plain
    contains-every-word fallback. The text compared is folded (İ/I/ı → i, lower case)."""
    folded = search_form(query)
    if not folded:
        return Clause.objects.none()
    base = Clause.objects.in_force().select_related("unit", "regulation")
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import (
            SearchQuery,
            SearchRank,
            SearchVector,
            TrigramWordSimilarity,
        )

        vector = SearchVector("search_text", config="simple")
        search = SearchQuery(folded, config="simple", search_type="plain")
        return (
            base.annotate(rank=SearchRank(vector, search), similarity=TrigramWordSimilarity(folded, "search_text"))
            .filter(Q(rank__gt=0) | Q(similarity__gte=0.5))
            .order_by("-rank", "-similarity", "sort_key")[:limit]
        )
    condition = Q()
    for word in folded.split():
        condition &= Q(search_text__contains=word)
    return base.filter(condition).order_by("regulation_id", "sort_key")[:limit]


# --- competence-based routing -------------------------------------------------------------------------

_STOPWORDS = set(search_form(
    "və ilə üçün bu o bir da də ki olan olaraq həmin aid edilmiş müəyyən etmək həyata keçirmək "
    "the and of to in for on with by a an is are be as at or from that this its their other which about "
    "и в во на по с со к о об для от из за что как это его их не или а также при"
).split())
_STEM = 6


def _stems(text):
    return [w[:_STEM] for w in re.findall(r"\w+", search_form(text)) if len(w) > 2 and w not in _STOPWORDS and not w.isdigit()]


class RoutingIndex:
    """An inverted index of an organisation's routing clauses: each stem's postings (the clauses that have it), so
    a suggestion reads only the clauses that share a stem with the text, however many there are."""

    def __init__(self, rows):
        self.documents = []  # (unit_id, number)
        self.postings = defaultdict(list)
        for unit_id, number, search_text in rows:
            position = len(self.documents)
            self.documents.append((unit_id, number))
            for stem in set(_stems(search_text)):
                self.postings[stem].append(position)
        self.postings = dict(self.postings)


_ROUTING_INDEXES = {}  # (organisation id or None) -> (stamp, RoutingIndex); per process


def _routing_stamp():
    """Changes whenever any clause, unit or regulation is written (every writer goes through the history: imports
    use bulk_create_with_history, edits save, a model applied to units saves its regulation): one query on indexed
    columns of the three history tables. The time is in it as well as the id, as a rolled-back write may give its
    id to the next one."""
    with connection.cursor() as cursor:
        cursor.execute(_routing_stamp_sql())
        return tuple(cursor.fetchone())


@functools.cache
def _routing_stamp_sql():
    tables = [connection.ops.quote_name(model.history.model._meta.db_table) for model in (Clause, Unit, Regulation)]
    columns = ", ".join(f"(SELECT MAX(history_id) FROM {table}), (SELECT MAX(history_date) FROM {table})" for table in tables)
    return f"SELECT {columns}"  # noqa: S608 - the table names come from the models' own metadata


def routing_index(*, organisation=None):
    """The organisation's routing index, rebuilt when a clause or unit has changed since it was built."""
    key, stamp = (organisation.pk if organisation else None), _routing_stamp()
    cached = _ROUTING_INDEXES.get(key)
    if cached and cached[0] == stamp:
        return cached[1]
    clauses = Clause.objects.in_force().filter(kind__in=ROUTING_KINDS, unit__is_active=True, unit__isnull=False)
    own = clauses if organisation is None else clauses.filter(unit__path__startswith=organisation.path)
    # a model regulation's duties count for the real units it applies to (the model's clause shown as the match),
    # instead of for the placeholder unit that stands for every unit of its kind
    applied = Regulation.applies_to.through.objects.filter(regulation__is_model=True, unit__is_active=True)
    if organisation is not None:
        applied = applied.filter(unit__path__startswith=organisation.path)
    units_of_model = defaultdict(list)
    for regulation_id, unit_id in applied.values_list("regulation_id", "unit_id"):
        units_of_model[regulation_id].append(unit_id)
    rows = list(own.exclude(regulation_id__in=list(units_of_model)).order_by("id")
                .values_list("unit_id", "number", "search_text").iterator(chunk_size=2000))
    if units_of_model:
        for regulation_id, number, search_text, name in clauses.filter(regulation_id__in=units_of_model).order_by("id").values_list(
                "regulation_id", "number", "search_text", "regulation__model_unit_name"):
            label = f"{number} ({name})" if name else number
            rows.extend((unit_id, label, search_text) for unit_id in units_of_model[regulation_id])
    index = RoutingIndex(rows)
    _ROUTING_INDEXES[key] = (stamp, index)
    return index


def unit_suggest_for_text(*, text, organisation=None, limit=3):
    """Rank the units whose duties best match `text`: TF-IDF over word stems (the first six letters of a
    folded word, which absorbs most Azerbaijani and Russian endings), each unit scored by its three best
    matching clauses. Reads the organisation's routing index, so the work follows the clauses that share a stem
    with the text, not all of them. Returns [{"unit", "score", "clauses": [numbers]}], best first."""
    ranked = unit_ranking_for_text(text=text, organisation=organisation, limit=limit)
    units = Unit.objects.in_bulk([match["unit_id"] for match in ranked]) if ranked else {}
    return [{"unit": units[match["unit_id"]], "score": match["score"], "clauses": match["clauses"]} for match in ranked]


def unit_ranking_for_text(*, text, organisation=None, limit=3):
    """unit_suggest_for_text's ranking with the units' ids only ([{"unit_id", "score", "clauses"}]): what a
    writer that stores the suggestion needs, without loading the units."""
    query = Counter(_stems(text))
    if not query:
        return []
    index = routing_index(organisation=organisation)
    total = len(index.documents)
    if not total:
        return []
    scores = defaultdict(float)
    for stem in query:
        postings = index.postings.get(stem)
        if postings:
            idf = math.log((total + 1) / (len(postings) + 0.5))
            for position in postings:
                scores[position] += idf
    per_unit = defaultdict(list)
    for position, score in scores.items():
        if score > 0:
            unit_id, number = index.documents[position]
            per_unit[unit_id].append((score, number))
    ranked = []
    for unit_id, matches in per_unit.items():
        matches.sort(reverse=True)
        best = matches[:3]
        ranked.append((sum(s for s, _n in best), unit_id, [n for _s, n in best]))
    ranked.sort(key=lambda r: (-r[0], r[1]))
    return [{"unit_id": unit_id, "score": round(score, 3), "clauses": numbers} for score, unit_id, numbers in ranked[:limit]]


# --- who runs a unit ----------------------------------------------------------------------------------

HEAD_KINDS = ("head", "sector_head")


def managed_unit_paths(*, user, on=None):
    """The paths of the units the user heads (or deputises, or acts for): their cards and plans are theirs to
    control. A superuser controls nothing in particular."""
    from units.querysets import _scope_for

    _see_all, subtrees, _exact = _scope_for(user, on)
    return subtrees


def user_manages_unit(*, user, unit, on=None):
    """True if the user is head, deputy or head of sector of `unit` or of a unit above it, or acts for one."""
    from units.models import MANAGING_KINDS, Acting, Membership

    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    ancestor_ids = [int(part) for part in unit.path.split(".") if part]
    held = Membership.objects.current(on).filter(
        user=user, position__unit_id__in=ancestor_ids, position__kind__in=MANAGING_KINDS
    )
    acting = Acting.objects.current(on).filter(user=user, position__unit_id__in=ancestor_ids, position__kind__in=MANAGING_KINDS)
    return held.exists() or acting.exists()


def users_acted_for(*, user, on=None):
    """The ids of the people whose position `user` holds as acting head today: what waits for them waits for `user`."""
    from units.models import Acting, Membership

    return Membership.objects.current(on).filter(
        position_id__in=Acting.objects.current(on).filter(user=user).values("position_id")).values("user_id")


def acting_for(*, user, on=None):
    """The people who act today in a position `user` holds (while they are away): what waits for `user` waits for
    them too. The reverse of users_acted_for."""
    from core.models import User
    from units.models import Acting, Membership

    held = Membership.objects.current(on).filter(user=user).values("position_id")
    return User.objects.filter(pk__in=Acting.objects.current(on).filter(position_id__in=held).values("user_id"), is_active=True)


def acting_for_each(*, user_ids, on=None):
    """acting_for for many people at once (a sweep): {user id: [the people acting in one of their positions]} for each
    of `user_ids` who holds a post on `on`; who holds none is not a key."""
    from units.models import Acting, Membership

    holders = defaultdict(list)  # position id -> those of user_ids who hold it
    for position_id, user_id in Membership.objects.current(on).filter(user_id__in=user_ids).values_list("position_id", "user_id"):
        holders[position_id].append(user_id)
    result = {user_id: [] for users in holders.values() for user_id in users}
    for acting in Acting.objects.current(on).filter(position_id__in=holders, user__is_active=True).select_related("user"):
        for user_id in holders[acting.position_id]:
            result[user_id].append(acting.user)
    return result


def managing_posts(*, user, on=None):
    """The ids of the managing positions `user` holds or acts in today."""
    from units.models import MANAGING_KINDS, Acting, Membership

    held = Membership.objects.current(on).filter(user=user, position__kind__in=MANAGING_KINDS).values_list("position_id", flat=True)
    acting = Acting.objects.current(on).filter(user=user, position__kind__in=MANAGING_KINDS).values_list("position_id", flat=True)
    return {*held, *acting}


def posts_left(*, on=None):
    """Memberships in a managing position that ended before `on`: what their holder gave from the post passes to
    whoever holds it now (the post controls the work, not the person)."""
    from units.models import MANAGING_KINDS, Membership

    return Membership.objects.filter(position__kind__in=MANAGING_KINDS, end__lt=on or timezone.localdate())


def post_successors(*, user, held_on, on=None):
    """The people who hold today, or act in, a managing position `user` held on `held_on` and has left since."""
    from core.models import User
    from units.models import Acting, Membership

    posts = posts_left(on=on).filter(user=user, start__lte=held_on, end__gte=held_on).values("position_id")
    holders = Membership.objects.current(on).filter(position_id__in=posts).values("user_id")
    acting = Acting.objects.current(on).filter(position_id__in=posts).values("user_id")
    return User.objects.filter(Q(pk__in=holders) | Q(pk__in=acting), is_active=True).exclude(pk=user.pk)


def user_is_registry_for(*, user, unit, on=None):
    """True if the user is a registry clerk of `unit` or of a unit above it (the ministry's registry
    clerk, placed at the ministry, keeps control over the whole organisation)."""
    from units.models import Membership, PositionKind

    if user is None or not user.is_authenticated:
        return False
    ancestor_ids = [int(part) for part in unit.path.split(".") if part]
    return Membership.objects.current(on).filter(
        user=user, position__unit_id__in=ancestor_ids, position__kind=PositionKind.CLERK).exists()


def units_user_may_register_for(*, user, on=None):
    """The units under the user's registry (clerk) or managing positions, acting ones included: where the
    user may register documents. One query for the positions, one queryset for the units."""
    from units.models import MANAGING_KINDS, Acting, Membership, PositionKind, Unit

    if user is None or not user.is_authenticated:
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    kinds = [*MANAGING_KINDS, PositionKind.CLERK]
    paths = [*Membership.objects.current(on).filter(user=user, position__kind__in=kinds).values_list("position__unit__path", flat=True),
             *Acting.objects.current(on).filter(user=user, position__kind__in=kinds).values_list("position__unit__path", flat=True)]
    if not paths:
        return Unit.objects.none()
    return Unit.objects.filter(under_paths("path", paths))


def unit_staff(*, unit, kinds=None, on=None):
    """Active people who currently hold a position in `unit` or below it (of the given kinds), by name."""
    from core.models import User
    from units.models import Membership

    memberships = Membership.objects.current(on).filter(position__unit__path__startswith=unit.path)
    if kinds is not None:
        memberships = memberships.filter(position__kind__in=kinds)
    return (User.objects.filter(is_active=True, pk__in=memberships.values("user_id"))
            .order_by("last_name", "first_name", "username"))


def managing_position(*, user, organisation, on=None):
    """The user's managing position in the organisation (the highest, if several), with its unit; or None."""
    from core.models import in_declared_order
    from units.models import MANAGING_KINDS, Membership, PositionKind

    membership = (Membership.objects.current(on).filter(user=user, position__kind__in=MANAGING_KINDS,
                                                        position__unit__path__startswith=organisation.path)
                  .select_related("position__unit")
                  .order_by("position__unit__path", in_declared_order("position__kind", PositionKind)).first())
    return membership.position if membership else None


def unit_heads(*, unit_ids, on=None):
    """{unit_id: [users]}: the head (or head of sector) of each unit, and whoever acts for them today."""
    from core.models import User
    from units.models import Acting, Membership

    members = Membership.objects.current(on).filter(position__unit_id__in=unit_ids, position__kind__in=HEAD_KINDS)
    acting = Acting.objects.current(on).filter(position__unit_id__in=unit_ids, position__kind__in=HEAD_KINDS)
    pairs = set(members.values_list("position__unit_id", "user_id")) | set(acting.values_list("position__unit_id", "user_id"))
    users = User.objects.in_bulk({user_id for _unit, user_id in pairs})
    result = defaultdict(list)
    for unit_id, user_id in sorted(pairs):
        if users[user_id].is_active:
            result[unit_id].append(users[user_id])
    return result


def heads_with_units(*, on=None):
    """[(user, unit)] for every current head, head of sector and acting head."""
    from units.models import Acting, Membership

    members = Membership.objects.current(on).filter(position__kind__in=HEAD_KINDS).select_related("user", "position__unit")
    acting = Acting.objects.current(on).filter(position__kind__in=HEAD_KINDS).select_related("user", "position__unit")
    seen, result = set(), []
    for record in [*members, *acting]:
        key = (record.user_id, record.position.unit_id)
        if key not in seen and record.user.is_active:
            seen.add(key)
            result.append((record.user, record.position.unit))
    return result


# --- an organisation's designated services (press, protocol…) ------------------------------------------


def designated_unit(*, organisation_id, function):
    """The unit that serves `function` for the organisation; the organisation itself until one is designated."""
    from units.models import ServiceDesignation

    designation = ServiceDesignation.objects.select_related("unit").filter(organisation_id=organisation_id, function=function).first()
    return designation.unit if designation else Unit.objects.get(pk=organisation_id)


def service_scope(user, function, on=None, *, leadership=True):
    """The ids of the organisations for which `user` runs `function`'s registers: people of the designated unit (and
    the units below it, acting included) and, unless `leadership` is False, the organisation's leadership (a managing
    position at the organisation itself), who may step in but do not do the service's daily work. None means "all"
    (a superuser). Cached on the user object for the request, per function, day and `leadership`."""
    from units.models import MANAGING_KINDS, Acting, Membership, ServiceDesignation

    if user is None or not user.is_authenticated:
        return []
    if user.is_superuser:
        return None
    cache = user.__dict__.setdefault("_service_scopes", {})
    key = (function, on, leadership)
    if key in cache:
        return cache[key]
    held = [*Membership.objects.current(on).filter(user=user).values_list("position__kind", "position__unit__path"),
            *Acting.objects.current(on).filter(user=user).values_list("position__kind", "position__unit__path")]
    organisations = {int(path.split(".", 1)[0]) for kind, path in held
                     if leadership and kind in MANAGING_KINDS and path.count(".") == 1}
    if held:
        for organisation_id, unit_path in ServiceDesignation.objects.filter(function=function).values_list(
                "organisation_id", "unit__path"):
            if any(path.startswith(unit_path) for _kind, path in held):
                organisations.add(organisation_id)
    cache[key] = sorted(organisations)
    return cache[key]


def service_organisations(*, user, function):
    """The organisations whose `function` registers the user runs (for the choice on a form)."""
    scope = service_scope(user, function)
    roots = Unit.objects.roots().active()
    return roots if scope is None else roots.filter(pk__in=scope)


def organisation_zone(*, unit):
    """The time zone name of the unit's organisation (its root): where its terms end at the end of the day."""
    if unit.parent_id is None:
        return unit.time_zone
    return Unit.objects.filter(pk=unit.organisation_id).values_list("time_zone", flat=True).first() or unit.time_zone
