from django.urls import path

from appeals.apis import public, reception, staff, statistics

urlpatterns = [
    path("public/appeals/", public.PublicAppealCreateApi.as_view(), name="public-appeal-create"),
    path("public/information-requests/", public.PublicInformationRequestCreateApi.as_view(), name="public-inforequest-create"),
    path("public/cases/<str:token>/", public.PublicCaseApi.as_view(), name="public-case"),
    path("public/reception/sessions/", reception.PublicReceptionSessionListApi.as_view(), name="public-reception-sessions"),
    path("public/reception/sessions/<id:pk>/bookings/", reception.PublicReceptionBookApi.as_view(), name="public-reception-book"),
    path("public/reception/bookings/<str:token>/", reception.PublicBookingApi.as_view(), name="public-reception-booking"),
    path("public/reception/bookings/<str:token>/cancel/", reception.PublicBookingCancelApi.as_view(),
         name="public-reception-cancel"),
    path("public/statistics/appeals/", statistics.PublicStatisticsApi.as_view(), name="public-statistics"),
    path("public/statistics/appeals/csv/", statistics.PublicStatisticsCsvApi.as_view(), name="public-statistics-csv"),
    path("appeals/cases/", staff.CaseListCreateApi.as_view(), name="case-list"),
    path("appeals/cases/<id:pk>/", staff.CaseDetailApi.as_view(), name="case-detail"),
    path("appeals/cases/<id:pk>/route/", staff.CaseRouteApi.as_view(), name="case-route"),
    path("appeals/cases/<id:pk>/assign/", staff.CaseAssignApi.as_view(), name="case-assign"),
    path("appeals/cases/<id:pk>/clarify/", staff.CaseClarifyApi.as_view(), name="case-clarify"),
    path("appeals/cases/<id:pk>/answer/", staff.CaseAnswerApi.as_view(), name="case-answer"),
    path("appeals/cases/<id:pk>/forward/", staff.CaseForwardApi.as_view(), name="case-forward"),
    path("appeals/cases/<id:pk>/extra-study/", staff.CaseExtraStudyApi.as_view(), name="case-extra-study"),
    path("appeals/cases/<id:pk>/extend/", staff.CaseExtendApi.as_view(), name="case-extend"),
    path("appeals/bodies/", staff.ExternalBodyListApi.as_view(), name="external-body-list"),
]
