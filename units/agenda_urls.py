from django.urls import path

from units import agenda_views

app_name = "agenda"
urlpatterns = [
    path("", agenda_views.my_agenda, name="mine"),
    path("feed/<str:token>.ics", agenda_views.feed, name="feed"),
]
