from django.urls import path

from appeals import apis

urlpatterns = [
    path("public/appeals/", apis.PublicAppealCreateApi.as_view(), name="public-appeal-create"),
    path("public/information-requests/", apis.PublicInformationRequestCreateApi.as_view(), name="public-inforequest-create"),
    path("public/cases/<str:token>/", apis.PublicCaseApi.as_view(), name="public-case"),
]
