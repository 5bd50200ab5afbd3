import json

from django.core.management.base import BaseCommand, CommandError

from core.exceptions import ApplicationError
from documents.services.control import deadline_calculate, deadline_parse_start, policy_for


class Command(BaseCommand):
    help = "Print the due date for a deadline policy and a start moment, as JSON (the API's shape)."

    def add_arguments(self, parser):
        parser.add_argument("policy", help="policy code, e.g. appeal.standard")
        parser.add_argument("start", help="ISO 8601 date or date and time, e.g. 2026-11-23T10:00:00+04:00")

    def handle(self, *args, policy, start, **options):
        try:
            result = deadline_calculate(policy=policy_for(code=policy), start=deadline_parse_start(start))
        except ApplicationError as error:
            raise CommandError(str(error.message)) from None
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
