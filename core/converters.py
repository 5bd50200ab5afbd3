"""URL converters. `<id:pk>` is a database id: at most 18 digits, so a path can never carry a number the
database cannot hold (a 500); anything longer simply matches no URL (a 404)."""

from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


def register():
    register_converter(IdConverter, "id")
