from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

api_v1 = [
    path("", include("core.api_urls")),
    path("", include("units.api_urls")),
    path("", include("documents.api_urls")),
]

urlpatterns = [
    path("", include("core.urls")),
    path("accounts/", include("core.account_urls")),
    path("structure/", include("units.urls")),
    path("control/", include("documents.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include((api_v1, "v1"), namespace="v1")),
    path("api/schema/", SpectacularAPIView.as_view(api_version="v1"), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
]
