from django.urls import path

from protocol import apis

urlpatterns = [
    path("protocol/partners/", apis.PartnerListCreateApi.as_view(), name="protocol-partners"),
    path("protocol/partners/<id:pk>/", apis.PartnerDetailApi.as_view(), name="protocol-partner"),
    path("protocol/visits/", apis.VisitListCreateApi.as_view(), name="protocol-visits"),
    path("protocol/visits/<id:pk>/", apis.VisitDetailApi.as_view(), name="protocol-visit"),
    path("protocol/visits/<id:pk>/move/", apis.VisitMoveApi.as_view(), name="protocol-visit-move"),
    path("protocol/visits/<id:pk>/report/", apis.VisitReportApi.as_view(), name="protocol-visit-report"),
    path("protocol/visits/<id:pk>/members/", apis.MemberListCreateApi.as_view(), name="protocol-members"),
    path("protocol/visits/<id:pk>/members/<id:member_pk>/", apis.MemberDetailApi.as_view(), name="protocol-member"),
    path("protocol/visits/<id:pk>/programme/", apis.ProgrammeApi.as_view(), name="protocol-programme"),
    path("protocol/visits/<id:pk>/programme/<id:item_pk>/", apis.ProgrammeItemApi.as_view(), name="protocol-programme-item"),
    path("protocol/visits/<id:pk>/letters/", apis.LetterListCreateApi.as_view(), name="protocol-letters"),
    path("protocol/meetings/", apis.MeetingListCreateApi.as_view(), name="protocol-meetings"),
    path("protocol/meetings/<id:pk>/", apis.MeetingDetailApi.as_view(), name="protocol-meeting"),
    path("protocol/meetings/<id:pk>/minutes/", apis.MinutesApi.as_view(), name="protocol-meeting-minutes"),
    path("protocol/meetings/<id:pk>/actions/", apis.FollowUpCreateApi.as_view(), name="protocol-meeting-actions"),
    path("protocol/agreements/", apis.AgreementListCreateApi.as_view(), name="protocol-agreements"),
    path("protocol/agreements/<id:pk>/", apis.AgreementDetailApi.as_view(), name="protocol-agreement"),
    path("protocol/agreements/<id:pk>/obligations/", apis.ObligationListCreateApi.as_view(), name="protocol-obligations"),
    path("protocol/agreements/<id:pk>/renew/", apis.AgreementRenewApi.as_view(), name="protocol-agreement-renew"),
    path("protocol/agreements/<id:pk>/terminate/", apis.AgreementTerminateApi.as_view(), name="protocol-agreement-terminate"),
    path("protocol/agreements/<id:pk>/scan/", apis.AgreementScanApi.as_view(), name="protocol-agreement-scan"),
    path("protocol/agreements/<id:pk>/working-group/", apis.WorkingGroupAddApi.as_view(), name="protocol-working-group"),
    path("protocol/obligations/<id:pk>/close/", apis.ObligationCloseApi.as_view(), name="protocol-obligation-close"),
]
