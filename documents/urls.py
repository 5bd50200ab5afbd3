from django.urls import path

from documents import views

app_name = "documents"
urlpatterns = [
    path("calculator/", views.calculator, name="calculator"),
    path("my/", views.my_control_page, name="my-control"),
    path("units/", views.unit_control_page, name="unit-control"),
    path("cards/<id:pk>/", views.card_detail, name="card"),
    path("cards/<id:pk>/<str:action>/", views.card_action, name="card-action"),
]
