from django.urls import path

from units import apis

urlpatterns = [
    path("units/", apis.UnitTreeApi.as_view(), name="unit-tree"),
    path("units/suggest/", apis.UnitSuggestApi.as_view(), name="unit-suggest"),
    path("units/<slug:slug>/", apis.UnitDetailApi.as_view(), name="unit-detail"),
    path("units/<slug:slug>/popolo/", apis.UnitPopoloApi.as_view(), name="unit-popolo"),
    path("clauses/search/", apis.ClauseSearchApi.as_view(), name="clause-search"),
    path("regulations/", apis.RegulationListApi.as_view(), name="regulation-list"),
    path("regulations/preview/", apis.RegulationPreviewApi.as_view(), name="regulation-preview"),
    path("regulations/<id:pk>/", apis.RegulationDetailApi.as_view(), name="regulation-detail"),
    path("regulations/<id:pk>/akn/", apis.RegulationAknApi.as_view(), name="regulation-akn"),
]
