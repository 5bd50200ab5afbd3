"""The protocol API: the same registers and steps as the pages, with the same visibility (anyone else gets 404 for
an object, an empty list for a list). Passport fields are in a delegation member's answer only for the organising
unit, its department head and the leadership; for everyone else the fields are absent."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from core.exceptions import ApplicationError
from core.models import User
from core.serializers import (
    BoundedDateField,
    BoundedPrimaryKeyRelatedField,
    PortalModelSerializer,
    ServiceRules,
)
from documents.apis.approval import ApprovalRoutesField
from protocol.models import (
    Agreement,
    DelegationMember,
    FollowUpAction,
    Meeting,
    Obligation,
    Partner,
    ProgrammeItem,
    Visit,
    VisitLetter,
    WorkingGroupMember,
)
from protocol.selectors import (
    AGREEMENT_STATUSES,
    access_agreement,
    access_meeting,
    access_obligation,
    access_partner,
    access_visit,
    agreement_list,
    delegation_of,
    meeting_list,
    partner_list,
    programme_with_clashes,
    visit_list,
)
from protocol.services.agreements import (
    agreement_attach_scan,
    agreement_errors,
    agreement_renew,
    agreement_save,
    agreement_terminate,
    obligation_add,
    obligation_close,
    obligation_errors,
    working_group_add,
)
from protocol.services.common import protocol_organisations
from protocol.services.letters import visit_letter_create
from protocol.services.meetings import (
    follow_up_add,
    follow_up_errors,
    meeting_errors,
    meeting_minutes_save,
    meeting_minutes_submit,
    meeting_save,
)
from protocol.services.partners import partner_save
from protocol.services.visits import (
    member_errors,
    member_remove,
    member_save,
    programme_item_errors,
    programme_item_remove,
    programme_item_save,
    visit_errors,
    visit_move,
    visit_report_file,
    visit_save,
)
from units.models import Unit


def _organisation(user, unit):
    organisation = protocol_organisations(user=user).filter(pk=unit.pk).first()
    if organisation is None:
        message = _("Choose an organisation whose protocol service you are in.")
        raise ApplicationError(message, fields={"organisation": [message]})
    return organisation


class UnitField(BoundedPrimaryKeyRelatedField):
    def __init__(self, **kwargs):
        super().__init__(queryset=Unit.objects.all(), **kwargs)


class UserField(BoundedPrimaryKeyRelatedField):
    def __init__(self, **kwargs):
        super().__init__(queryset=User.objects.filter(is_active=True), **kwargs)


class ClashSerializer(serializers.Serializer):
    official = serializers.CharField(source="official.get_full_name")
    title = serializers.SerializerMethodField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()

    def get_title(self, entry) -> str:
        return _(entry.title)


# --- partners --------------------------------------------------------------------------------------------------


class PartnerSerializer(PortalModelSerializer):
    class Meta:
        model = Partner
        fields = ["id", "name", "kind", "country", "contact_person", "email", "phone", "address", "website", "notes", "is_active"]
        read_only_fields = ["id"]
        validators = []  # the service owns the uniqueness rule


class PartnerListCreateApi(generics.ListCreateAPIView):
    """The partner registry (protocol services only); filter by `q` (name or country) and `kind`."""

    serializer_class = PartnerSerializer

    @extend_schema(parameters=[OpenApiParameter("q", str), OpenApiParameter("kind", str, enum=Partner.Kind.values)])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        kind = self.request.query_params.get("kind", "")
        return partner_list(user=self.request.user, query=self.request.query_params.get("q", "")[:100],
                            kind=kind if kind in Partner.Kind.values else "")

    def perform_create(self, serializer):
        serializer.instance = partner_save(actor=self.request.user, values=serializer.validated_data)


class PartnerDetailApi(generics.RetrieveAPIView):
    """A partner of the shared registry (embassy, organisation, foreign ministry); PATCH edits it."""

    serializer_class = PartnerSerializer

    def get_object(self):
        return access_partner(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(request=PartnerSerializer, responses=PartnerSerializer)
    def patch(self, request, pk):
        partner = self.get_object()
        data = PartnerSerializer(partner, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        return Response(PartnerSerializer(partner_save(actor=request.user, values=data.validated_data, partner=partner)).data)


# --- visits ----------------------------------------------------------------------------------------------------


class VisitSerializer(ServiceRules, PortalModelSerializer):
    organisation = UnitField()
    organising_unit = UnitField()

    class Meta:
        model = Visit
        fields = ["id", "organisation", "organising_unit", "direction", "invited_by", "title", "purpose", "partner", "country",
                  "city", "starts_on", "ends_on", "level", "languages", "state", "cancel_reason", "report", "report_filed_at"]
        read_only_fields = ["id", "state", "cancel_reason", "report", "report_filed_at"]

    def rule_errors(self, values):
        return visit_errors(values=values)


VALUE_FIELDS = [f for f in VisitSerializer.Meta.fields if f not in ("id", "organisation", "organising_unit", "state", "cancel_reason",
                                                                      "report", "report_filed_at")]


class VisitListCreateApi(generics.ListCreateAPIView):
    """Visits you may see, by start date; filter by `state`, `direction`, `year`, `partner`. POST proposes one."""

    serializer_class = VisitSerializer

    @extend_schema(parameters=[OpenApiParameter("state", str, enum=Visit.State.values),
                               OpenApiParameter("direction", str, enum=Visit.Direction.values),
                               OpenApiParameter("year", int), OpenApiParameter("partner", int)])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = self.request.query_params
        year, partner = params.get("year", ""), params.get("partner", "")
        return visit_list(user=self.request.user, state=params.get("state", "") if params.get("state") in Visit.State.values else "",
                          direction=params.get("direction") if params.get("direction") in Visit.Direction.values else "",
                          year=int(year) if year.isdigit() and 1900 <= int(year) <= 2200 else None,
                          partner=int(partner) if partner.isdigit() and len(partner) < 12 else None)

    def perform_create(self, serializer):
        values = dict(serializer.validated_data)
        organisation = _organisation(self.request.user, values.pop("organisation"))
        serializer.instance = visit_save(actor=self.request.user, organisation=organisation,
                                         organising_unit=values.pop("organising_unit"), values=values)


class VisitUpdateSerializer(VisitSerializer):
    class Meta(VisitSerializer.Meta):
        read_only_fields = [*VisitSerializer.Meta.read_only_fields, "organisation"]


class VisitDetailApi(generics.RetrieveAPIView):
    """One visit; PATCH changes it while it is being prepared."""

    serializer_class = VisitSerializer

    def get_object(self):
        return access_visit(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(request=VisitUpdateSerializer, responses=VisitSerializer)
    def patch(self, request, pk):
        visit = self.get_object()
        data = VisitUpdateSerializer(visit, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        values = {field: getattr(visit, field) for field in VALUE_FIELDS}
        changes = dict(data.validated_data)
        unit = changes.pop("organising_unit", visit.organising_unit)
        values.update(changes)
        visit = visit_save(actor=request.user, organisation=visit.organisation, organising_unit=unit, values=values, visit=visit)
        return Response(VisitSerializer(visit).data)


class VisitMoveApi(APIView):
    """One step of the life cycle: approve (the minister's office), confirm, start, complete, cancel (with a reason)."""

    class VisitMoveSerializer(serializers.Serializer):
        action = serializers.ChoiceField(choices=["approve", "confirm", "start", "complete", "cancel"])
        reason = serializers.CharField(max_length=500, required=False, allow_blank=True)

    @extend_schema(request=VisitMoveSerializer, responses=VisitSerializer)
    def post(self, request, pk):
        visit = access_visit(user=request.user, pk=pk)
        data = self.VisitMoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        visit = visit_move(actor=request.user, visit=visit, action=data.validated_data["action"],
                           reason=data.validated_data.get("reason", ""))
        return Response(VisitSerializer(visit).data)


class VisitReportApi(APIView):
    """The head's report on a completed visit (closes its control card)."""

    class VisitReportSerializer(serializers.Serializer):
        report = serializers.CharField(max_length=20000)

    @extend_schema(request=VisitReportSerializer, responses=VisitSerializer)
    def post(self, request, pk):
        visit = access_visit(user=request.user, pk=pk)
        data = self.VisitReportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(VisitSerializer(visit_report_file(actor=request.user, visit=visit, report=data.validated_data["report"])).data)


# --- the delegation --------------------------------------------------------------------------------------------

MEMBER_FIELDS = ["id", "full_name", "position", "organisation_name", "role", "arrival_at", "arrival_flight", "departure_at",
                 "departure_flight", "airport_service", "hotel", "dietary_needs", "access_needs"]


class MemberSerializer(ServiceRules, PortalModelSerializer):
    class Meta:
        model = DelegationMember
        fields = MEMBER_FIELDS
        read_only_fields = ["id"]

    def rule_errors(self, values):
        return member_errors(values=values)


class MemberWithPassportSerializer(MemberSerializer):
    class Meta(MemberSerializer.Meta):
        fields = [*MEMBER_FIELDS, *DelegationMember.PASSPORT_FIELDS]


def _member_serializer(visit):
    return MemberWithPassportSerializer if visit.passport_visible else MemberSerializer


class MemberListCreateApi(APIView):
    """The delegation. Passport fields are read and written only by the organising unit, its department head and
    the leadership; for anyone else they are not in the answer (and are ignored if sent)."""

    @extend_schema(responses=MemberWithPassportSerializer(many=True))
    def get(self, request, pk):
        visit = access_visit(user=request.user, pk=pk)
        return Response(_member_serializer(visit)(delegation_of(visit=visit), many=True).data)

    @extend_schema(request=MemberWithPassportSerializer, responses={201: MemberWithPassportSerializer})
    def post(self, request, pk):
        visit = access_visit(user=request.user, pk=pk)
        serializer = _member_serializer(visit)
        data = serializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(serializer(member_save(actor=request.user, visit=visit, values=data.validated_data)).data, status=201)


class MemberDetailApi(APIView):
    """A member of a visit's delegation: read, edit or remove. Passport fields only for the organising unit, its
    department head and the leadership."""

    def _member(self, request, pk, member_pk):
        visit = access_visit(user=request.user, pk=pk)
        member = visit.members.filter(pk=member_pk).first()
        if member is None:
            raise Http404
        if not visit.passport_visible:
            member = next(m for m in delegation_of(visit=visit) if m.pk == member.pk)
        member.visit = visit
        return visit, member

    @extend_schema(responses=MemberWithPassportSerializer)
    def get(self, request, pk, member_pk):
        visit, member = self._member(request, pk, member_pk)
        return Response(_member_serializer(visit)(member).data)

    @extend_schema(request=MemberWithPassportSerializer, responses=MemberWithPassportSerializer)
    def patch(self, request, pk, member_pk):
        visit, member = self._member(request, pk, member_pk)
        serializer = _member_serializer(visit)
        data = serializer(member, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        if not visit.passport_visible:  # never write the blanks we showed back over what is stored
            member = visit.members.get(pk=member.pk)
        return Response(serializer(member_save(actor=request.user, visit=visit, values=data.validated_data, member=member)).data)

    @extend_schema(responses={204: None})
    def delete(self, request, pk, member_pk):
        _visit, member = self._member(request, pk, member_pk)
        member_remove(actor=request.user, member=member)
        return Response(status=204)


# --- the programme ---------------------------------------------------------------------------------------------


class ProgrammeItemSerializer(ServiceRules, PortalModelSerializer):
    officials = serializers.PrimaryKeyRelatedField(many=True, queryset=User.objects.filter(is_active=True), required=False)
    clashes = ClashSerializer(many=True, read_only=True)

    class Meta:
        model = ProgrammeItem
        fields = ["id", "starts_at", "ends_at", "place", "activity", "officials", "guests", "responsible", "transport", "clashes"]
        read_only_fields = ["id", "clashes"]

    def rule_errors(self, values):
        return programme_item_errors(visit=self.context["visit"], values=values)


class ProgrammeApi(APIView):
    """The programme with each item's clashes (the same official elsewhere at the time); POST adds an item and
    answers with its clashes."""

    @extend_schema(responses=ProgrammeItemSerializer(many=True))
    def get(self, request, pk):
        visit = access_visit(user=request.user, pk=pk)
        return Response(ProgrammeItemSerializer(programme_with_clashes(visit=visit), many=True).data)

    @extend_schema(request=ProgrammeItemSerializer, responses={201: ProgrammeItemSerializer})
    def post(self, request, pk):
        visit = access_visit(user=request.user, pk=pk)
        data = ProgrammeItemSerializer(data=request.data, context={"visit": visit})
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        item, clashes = programme_item_save(actor=request.user, visit=visit, officials=values.pop("officials", []), values=values)
        item.clashes = clashes
        return Response(ProgrammeItemSerializer(item).data, status=201)


class ProgrammeItemApi(APIView):
    """Remove an item from a visit's programme; it leaves the officials' agendas too."""

    @extend_schema(responses={204: None})
    def delete(self, request, pk, item_pk):
        visit = access_visit(user=request.user, pk=pk)
        item = visit.programme.filter(pk=item_pk).first()
        if item is None:
            raise Http404
        item.visit = visit
        programme_item_remove(actor=request.user, item=item)
        return Response(status=204)


# --- letters ---------------------------------------------------------------------------------------------------


class LetterSerializer(serializers.ModelSerializer):
    draft_state = serializers.CharField(source="draft.state", read_only=True)
    number = serializers.SerializerMethodField()

    class Meta:
        model = VisitLetter
        fields = ["id", "kind", "language", "draft", "draft_state", "number"]
        read_only_fields = ["id", "draft", "draft_state", "number"]

    def get_number(self, letter) -> str:
        return letter.draft.document.number if letter.draft.document_id else ""


class LetterListCreateApi(APIView):
    """The visit's letters; POST writes one from its template as a draft (then: the drafts API sends it for approval)."""

    @extend_schema(responses=LetterSerializer(many=True))
    def get(self, request, pk):
        visit = access_visit(user=request.user, pk=pk)
        return Response(LetterSerializer(visit.letters.select_related("draft", "draft__document"), many=True).data)

    @extend_schema(request=LetterSerializer, responses={201: LetterSerializer})
    def post(self, request, pk):
        visit = access_visit(user=request.user, pk=pk)
        data = LetterSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        letter = visit_letter_create(actor=request.user, visit=visit, kind=data.validated_data["kind"],
                                     language=data.validated_data["language"])
        return Response(LetterSerializer(letter).data, status=201)


# --- meetings --------------------------------------------------------------------------------------------------


class FollowUpSerializer(ServiceRules, PortalModelSerializer):
    responsible_unit = UnitField()
    due_on = BoundedDateField()

    class Meta:
        model = FollowUpAction
        fields = ["id", "text", "responsible_unit", "due_on"]
        read_only_fields = ["id"]

    def rule_errors(self, values):
        return follow_up_errors(text=values.get("text"), due_on=values.get("due_on"))


class MeetingSerializer(ServiceRules, PortalModelSerializer):
    organisation = UnitField()
    organising_unit = UnitField()
    officials = serializers.PrimaryKeyRelatedField(many=True, queryset=User.objects.filter(is_active=True))
    actions = FollowUpSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "organisation", "organising_unit", "partner", "title", "starts_at", "ends_at", "place", "officials",
                  "guests", "agenda", "minutes", "minutes_state", "actions"]
        read_only_fields = ["id", "minutes", "minutes_state", "actions"]

    def rule_errors(self, values):
        return meeting_errors(values=values, officials=values.get("officials"))


class MeetingListCreateApi(generics.ListCreateAPIView):
    """Meetings with foreign partners that you may see; POST plans one (our participants' agendas follow, clashes allowed)."""

    serializer_class = MeetingSerializer

    def get_queryset(self):
        return meeting_list(user=self.request.user).prefetch_related("officials", "actions")

    def perform_create(self, serializer):
        values = dict(serializer.validated_data)
        organisation = _organisation(self.request.user, values.pop("organisation"))
        serializer.instance, _clashes = meeting_save(actor=self.request.user, organisation=organisation,
                                                     organising_unit=values.pop("organising_unit"),
                                                     officials=values.pop("officials"), values=values)


class MeetingUpdateSerializer(MeetingSerializer):
    class Meta(MeetingSerializer.Meta):
        read_only_fields = [*MeetingSerializer.Meta.read_only_fields, "organisation"]


MEETING_VALUES = ["partner", "title", "starts_at", "ends_at", "place", "guests", "agenda"]


class MeetingDetailSerializer(MeetingSerializer):
    routes = ApprovalRoutesField()

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "routes"]


class MeetingDetailApi(generics.RetrieveAPIView):
    """One meeting with its follow-ups and its minutes' approval (every version's route); PATCH changes it (the
    participants' agendas follow)."""

    serializer_class = MeetingDetailSerializer

    def get_object(self):
        return access_meeting(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(request=MeetingUpdateSerializer, responses=MeetingSerializer)
    def patch(self, request, pk):
        meeting = self.get_object()
        data = MeetingUpdateSerializer(meeting, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        changes = dict(data.validated_data)
        values = {field: changes.get(field, getattr(meeting, field)) for field in MEETING_VALUES}
        meeting, _clashes = meeting_save(actor=request.user, organisation=meeting.organisation, meeting=meeting,
                                         organising_unit=changes.get("organising_unit", meeting.organising_unit),
                                         officials=changes.get("officials", list(meeting.officials.all())), values=values)
        return Response(MeetingSerializer(access_meeting(user=request.user, pk=meeting.pk)).data)


class MinutesApi(APIView):
    """Write the minutes (after the meeting); with `approver`, send them to the head of department."""

    class MinutesInputSerializer(serializers.Serializer):
        minutes = serializers.CharField(max_length=50000, required=False)
        approver = BoundedPrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), required=False)

    @extend_schema(request=MinutesInputSerializer, responses=MeetingSerializer)
    def post(self, request, pk):
        meeting = access_meeting(user=request.user, pk=pk)
        data = self.MinutesInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if "minutes" in data.validated_data:
            meeting = meeting_minutes_save(actor=request.user, meeting=meeting, minutes=data.validated_data["minutes"])
        if "approver" in data.validated_data:
            meeting = meeting_minutes_submit(actor=request.user, meeting=meeting, approver=data.validated_data["approver"])
        return Response(MeetingSerializer(access_meeting(user=request.user, pk=meeting.pk)).data)


class FollowUpCreateApi(APIView):
    """Add a follow-up action to a meeting: what is to be done, by which unit and when (put under control)."""

    @extend_schema(request=FollowUpSerializer, responses={201: FollowUpSerializer})
    def post(self, request, pk):
        meeting = access_meeting(user=request.user, pk=pk)
        data = FollowUpSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        action = follow_up_add(actor=request.user, meeting=meeting, **data.validated_data)
        return Response(FollowUpSerializer(action).data, status=201)


# --- agreements ------------------------------------------------------------------------------------------------


class ObligationSerializer(ServiceRules, PortalModelSerializer):
    responsible_unit = UnitField()
    due_on = BoundedDateField()
    card = serializers.SerializerMethodField()

    class Meta:
        model = Obligation
        fields = ["id", "agreement", "text", "responsible_unit", "due_on", "state", "report", "card"]
        read_only_fields = ["id", "agreement", "state", "report", "card"]

    def get_card(self, obligation) -> int | None:
        card = obligation.card
        return card.pk if card else None

    def rule_errors(self, values):
        return obligation_errors(agreement=self.context["agreement"], text=values.get("text"), due_on=values.get("due_on"))


class WorkingGroupMemberSerializer(PortalModelSerializer):
    user = UserField(required=False, allow_null=True)

    class Meta:
        model = WorkingGroupMember
        fields = ["id", "user", "full_name", "organisation_name", "is_chair"]
        read_only_fields = ["id"]
        validators = []  # the service owns the rule (one of ours, or a named member of theirs)


class AgreementSerializer(ServiceRules, PortalModelSerializer):
    organisation = UnitField()
    responsible_unit = UnitField()
    partners = serializers.PrimaryKeyRelatedField(many=True, queryset=Partner.objects.all())
    working_group = WorkingGroupMemberSerializer(many=True, read_only=True)

    class Meta:
        model = Agreement
        fields = ["id", "number", "organisation", "responsible_unit", "kind", "title", "partners", "signed_on", "signed_place",
                  "in_force_on", "term_months", "expires_on", "renewal", "notice_days", "terminated_on", "working_group"]
        read_only_fields = ["id", "number", "expires_on", "terminated_on", "working_group"]

    def rule_errors(self, values):
        return agreement_errors(values=values, partners=values.get("partners"))


class AgreementListCreateApi(generics.ListCreateAPIView):
    """The register of agreements; filter by `kind`, `status` (in_force, expiring, expired, not_yet), `q`."""

    serializer_class = AgreementSerializer

    @extend_schema(parameters=[OpenApiParameter("kind", str, enum=Agreement.Kind.values),
                               OpenApiParameter("status", str, enum=list(AGREEMENT_STATUSES)), OpenApiParameter("q", str)])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        params = self.request.query_params
        return agreement_list(user=self.request.user, kind=params.get("kind") if params.get("kind") in Agreement.Kind.values else "",
                              status=params.get("status") if params.get("status") in AGREEMENT_STATUSES else "",
                              query=params.get("q", "")[:100])

    def perform_create(self, serializer):
        values = dict(serializer.validated_data)
        organisation = _organisation(self.request.user, values.pop("organisation"))
        serializer.instance = agreement_save(actor=self.request.user, organisation=organisation,
                                             responsible_unit=values.pop("responsible_unit"), partners=values.pop("partners"),
                                             values=values)


class AgreementUpdateSerializer(AgreementSerializer):
    class Meta(AgreementSerializer.Meta):
        read_only_fields = [*AgreementSerializer.Meta.read_only_fields, "organisation"]


AGREEMENT_VALUES = ["kind", "title", "signed_on", "signed_place", "in_force_on", "term_months", "renewal", "notice_days"]


class AgreementDetailApi(generics.RetrieveAPIView):
    """One agreement with its working group; PATCH corrects it (the protocol service)."""

    serializer_class = AgreementSerializer

    def get_object(self):
        return access_agreement(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(request=AgreementUpdateSerializer, responses=AgreementSerializer)
    def patch(self, request, pk):
        agreement = self.get_object()
        data = AgreementUpdateSerializer(agreement, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        changes = dict(data.validated_data)
        values = {field: changes.get(field, getattr(agreement, field)) for field in AGREEMENT_VALUES}
        agreement = agreement_save(actor=request.user, organisation=agreement.organisation, agreement=agreement,
                                   responsible_unit=changes.get("responsible_unit", agreement.responsible_unit),
                                   partners=changes.get("partners", list(agreement.partners.all())), values=values)
        return Response(AgreementSerializer(access_agreement(user=request.user, pk=agreement.pk)).data)


class AgreementRenewApi(APIView):
    """The parties renewed it: the term grows by `months`."""

    class RenewInputSerializer(serializers.Serializer):
        months = serializers.IntegerField(min_value=1, max_value=240)

    @extend_schema(request=RenewInputSerializer, responses=AgreementSerializer)
    def post(self, request, pk):
        agreement = access_agreement(user=request.user, pk=pk)
        data = self.RenewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        agreement_renew(actor=request.user, agreement=agreement, months=data.validated_data["months"])
        return Response(AgreementSerializer(access_agreement(user=request.user, pk=pk)).data)


class AgreementTerminateApi(APIView):
    """Ended before its term on the day given, with the reason; open obligations are cancelled."""

    class TerminateInputSerializer(serializers.Serializer):
        on = BoundedDateField()
        reason = serializers.CharField(max_length=500)

    @extend_schema(request=TerminateInputSerializer, responses=AgreementSerializer)
    def post(self, request, pk):
        agreement = access_agreement(user=request.user, pk=pk)
        data = self.TerminateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        agreement_terminate(actor=request.user, agreement=agreement, **data.validated_data)
        return Response(AgreementSerializer(access_agreement(user=request.user, pk=pk)).data)


class AgreementScanApi(APIView):
    """Attach the signed text (checked by content, size and type like every upload)."""

    parser_classes = [MultiPartParser, FormParser]

    class ScanInputSerializer(serializers.Serializer):
        scan = serializers.ListField(child=serializers.FileField(), max_length=10)

    @extend_schema(request={"multipart/form-data": ScanInputSerializer}, responses={201: AgreementSerializer})
    def post(self, request, pk):
        agreement = access_agreement(user=request.user, pk=pk)
        data = self.ScanInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        agreement_attach_scan(actor=request.user, agreement=agreement, uploads=data.validated_data["scan"])
        return Response(AgreementSerializer(agreement).data, status=201)


class WorkingGroupAddApi(APIView):
    """Add a member to the agreement's working group: one of our staff (`user`) or the partner's (`full_name`)."""

    @extend_schema(request=WorkingGroupMemberSerializer, responses={201: WorkingGroupMemberSerializer})
    def post(self, request, pk):
        agreement = access_agreement(user=request.user, pk=pk)
        data = WorkingGroupMemberSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        member = working_group_add(actor=request.user, agreement=agreement, **data.validated_data)
        return Response(WorkingGroupMemberSerializer(member).data, status=201)


class ObligationListCreateApi(APIView):
    """An agreement's obligations; POST adds one under control (its deadline within the agreement's term)."""

    @extend_schema(responses=ObligationSerializer(many=True))
    def get(self, request, pk):
        agreement = access_agreement(user=request.user, pk=pk)
        return Response(ObligationSerializer(agreement.obligations.prefetch_related("control_cards"), many=True).data)

    @extend_schema(request=ObligationSerializer, responses={201: ObligationSerializer})
    def post(self, request, pk):
        agreement = access_agreement(user=request.user, pk=pk)
        data = ObligationSerializer(data=request.data, context={"agreement": agreement})
        data.is_valid(raise_exception=True)
        return Response(ObligationSerializer(obligation_add(actor=request.user, agreement=agreement, **data.validated_data)).data,
                        status=201)


class ObligationCloseApi(APIView):
    """Fulfilled with a report, or cancelled with a reason; the control card closes with it."""

    class ObligationCloseSerializer(serializers.Serializer):
        report = serializers.CharField(max_length=5000)
        cancelled = serializers.BooleanField(default=False)

    @extend_schema(request=ObligationCloseSerializer, responses=ObligationSerializer)
    def post(self, request, pk):
        obligation = access_obligation(user=request.user, pk=pk)
        data = self.ObligationCloseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(ObligationSerializer(obligation_close(actor=request.user, obligation=obligation, **data.validated_data)).data)
