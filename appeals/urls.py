from django.urls import path

from appeals import views
from appeals.models import CaseType

app_name = "appeals"
urlpatterns = [
    path("appeals/new/", views.submit, {"case_type": CaseType.APPEAL}, name="submit"),
    path("information-requests/new/", views.submit, {"case_type": CaseType.INFORMATION_REQUEST}, name="inforequest-submit"),
    path("appeals/track/<str:token>/", views.track, name="track"),
    path("appeals/track/<str:token>/letter.pdf", views.track_letter, name="track-letter"),
    path("appeals/cases/", views.staff_cases, name="staff-cases"),
    path("appeals/cases/register/", views.staff_register, name="staff-register"),
    path("appeals/statistics/", views.statistics_page, name="statistics"),
    path("appeals/cases/<id:pk>/", views.staff_case, name="staff-case"),
]
