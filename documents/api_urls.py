from django.urls import path

from documents import apis

urlpatterns = [
    path("deadlines/calculate/", apis.DeadlineCalculateApi.as_view(), name="deadline-calculate"),
    path("deadlines/policies/", apis.DeadlinePolicyListApi.as_view(), name="deadline-policies"),
    path("control/cards/", apis.ControlCardListApi.as_view(), name="card-list"),
    path("control/cards/<int:pk>/", apis.ControlCardDetailApi.as_view(), name="card-detail"),
    path("control/cards/<int:pk>/extend/", apis.ControlCardExtendApi.as_view(), name="card-extend"),
    path("control/cards/<int:pk>/pause/", apis.ControlCardPauseApi.as_view(), name="card-pause"),
    path("control/cards/<int:pk>/resume/", apis.ControlCardResumeApi.as_view(), name="card-resume"),
    path("control/cards/<int:pk>/close/", apis.ControlCardCloseApi.as_view(), name="card-close"),
]
