urlpatterns = []
app_name = "documents"
