import json
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.exceptions import ApplicationError
from units.importer.parse import parse_text
from units.services import regulation_import_many


class Command(BaseCommand):
    help = "Import regulation texts (Əsasnamə / Regulations / Положение): units, sectors and clauses."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="text files; one file may hold several regulations")
        parser.add_argument("--organisation", help="the organisation's name, when the text does not say it")
        parser.add_argument("--applies-to", nargs="+", default=[], metavar="UNIT",
                            help="units (slug or exact name) a model regulation applies to: routing considers its duties for them")
        parser.add_argument("--dry-run", action="store_true", help="parse and report, save nothing")
        parser.add_argument("--json", action="store_true", help="print the parsed regulations as JSON")

    def handle(self, *args, paths, organisation, dry_run, **options):
        as_json = options["json"]
        applies_to = self._units(options["applies_to"])
        files = [Path(p) for p in paths]
        missing = [str(f) for f in files if not f.is_file()]
        if missing:
            raise CommandError(f"No such file: {', '.join(missing)}")
        started = time.monotonic()
        parsed_files = []
        for index, path in enumerate(files, 1):
            try:
                text = path.read_text(encoding="utf-8-sig")
            except UnicodeDecodeError:
                raise CommandError(f"{path}: not UTF-8 text") from None
            regulations = parse_text(text, organisation=organisation)
            parsed_files.append((path, text, regulations))
            if len(files) > 1:
                # progress goes to stderr so that --json output stays clean
                sys.stderr.write(f"[{index}/{len(files)}] {path.name}: {len(regulations)} regulation(s)\n")
        totals = {"created": 0, "updated": 0, "repealed": 0, "unchanged": 0}
        if not dry_run:
            try:
                imported = regulation_import_many(sources=[(str(path), text, regs) for path, text, regs in parsed_files],
                                                  applies_to=applies_to)
            except ApplicationError as error:
                raise CommandError(f"{error.message} (pass --organisation)") from None
            for _name, regulation, summary in imported:
                for key, value in summary.items():
                    totals[key] += value
                if not as_json:
                    self.stdout.write(
                        f"{regulation.title[:80]}: {summary['created']} new, {summary['updated']} changed, "
                        f"{summary['repealed']} repealed, {summary['unchanged']} unchanged clauses"
                    )
        if not as_json:
            for path, _text, regulations in parsed_files:
                for parsed in regulations:
                    if dry_run:
                        self.stdout.write(f"{parsed.title[:80]}: {len(parsed.clauses)} clauses, {len(parsed.sectors)} sectors")
                    for warning in parsed.warnings:
                        self.stdout.write(self.style.WARNING(f"  {path.name}: {warning.code}: {warning.detail}"))
        output = [parsed.as_json() for _path, _text, regulations in parsed_files for parsed in regulations]
        if as_json:
            self.stdout.write(json.dumps({"regulations": output}, ensure_ascii=False, indent=2))
        elif not dry_run:
            self.stdout.write(self.style.SUCCESS(
                f"Imported {len(output)} regulation(s) in {time.monotonic() - started:.2f}s: "
                f"{totals['created']} new, {totals['updated']} changed, {totals['repealed']} repealed clauses."
            ))

    def _units(self, references):
        from django.db.models import Q

        from units.models import Unit

        units = []
        for reference in references:
            found = list(Unit.objects.filter(Q(slug=reference) | Q(name=reference), is_active=True)[:2])
            if len(found) != 1:
                raise CommandError(f"--applies-to {reference}: {'no such unit' if not found else 'several units of that name; give the slug'}")
            units.append(found[0])
        return units
