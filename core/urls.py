from django.urls import path

from core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("staff/", views.staff_home, name="staff-home"),
    path("staff/notifications/read/", views.notifications_mark_read, name="notifications-read"),
    path("healthz", views.healthz, name="healthz"),
]
