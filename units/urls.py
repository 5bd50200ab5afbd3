from django.urls import path

from units import views

app_name = "units"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("search/", views.search, name="search"),
    path("regulations/upload/", views.regulation_upload, name="regulation-upload"),
    path("regulations/<id:pk>/source/", views.regulation_source, name="regulation-source"),
    path("<slug:slug>/", views.detail, name="detail"),
]
