"""Project-level guarantees: production settings, migrations, compose file, translations."""

import os
import re
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

REPO = Path(__file__).resolve().parents[2]
STRONG_SECRET = "k3$Vq9!rT7#pL2@xZ8&mN5^bW1*cY4(hJ6)fD0-gS3+aE7=uR9_iO2~"


def _manage(*args, env_extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(env_extra)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)


def test_production_settings_pass_check_deploy_without_warnings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env_extra={
        "DJANGO_SETTINGS_MODULE": "config.settings.production", "DJANGO_SECRET_KEY": STRONG_SECRET,
        "DATABASE_URL": "sqlite:////tmp/portal-deploy-check.sqlite3", "DJANGO_ALLOWED_HOSTS": "portal.example.gov.az",
    })
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("secret", [None, "", "   "])
def test_production_refuses_to_start_without_a_secret_and_names_it(secret):
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.production", "DATABASE_URL": "sqlite:////tmp/x.sqlite3"}
    if secret is not None:
        env["DJANGO_SECRET_KEY"] = secret
    result = _manage("check", env_extra=env)
    assert result.returncode != 0
    assert "Refusing to start: set the DJANGO_SECRET_KEY environment variable." in result.stderr


@pytest.mark.smoke
@pytest.mark.django_db
def test_migrations_are_complete():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit as exc:
        pytest.fail(f"models changed without a migration:\n{out.getvalue()} ({exc})")


@pytest.mark.django_db
def test_the_shell_imports_every_model_without_a_warning(capsys):
    out = StringIO()
    call_command("shell", command="print(HistoricalDocument.__name__, HistoricalCase.__name__)", stdout=out)
    printed = out.getvalue() + capsys.readouterr().out
    assert "could not be automatically imported" not in printed
    assert "HistoricalDocument HistoricalCase" in printed


def test_compose_file_is_valid():
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:
        command = ["docker", "compose", "config", "-q"]
    elif shutil.which("docker-compose"):
        command = ["docker-compose", "config", "-q"]
    else:
        pytest.skip("no compose client on this machine")
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SECRET_KEY", "POSTGRES_PASSWORD")}
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, env=env)  # a clean clone, no .env
    assert result.returncode == 0, result.stderr


@pytest.mark.smoke
@pytest.mark.parametrize("language", ["az", "ru", "en"])
def test_every_message_is_translated(language):
    po = (REPO / "locale" / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    entries = re.findall(r'\nmsgid ((?:".*"\n)+)(?:msgid_plural (?:".*"\n)+)?((?:msgstr(?:\[\d\])? (?:".*"\n)+)+)', po)
    assert entries
    untranslated = [mid for mid, strs in entries if mid.strip() != '""' and re.search(r'msgstr(?:\[\d\])? ""\n(?!")', strs)]
    assert not untranslated, untranslated[:10]
    assert "#, fuzzy" not in po.split("\n\n", 1)[1]


@pytest.mark.django_db
def test_the_api_schema_is_valid_and_generates_without_warnings(tmp_path):
    schema = tmp_path / "schema.yml"
    call_command("spectacular", "--api-version", "v1", "--validate", "--fail-on-warn", "--file", str(schema))
    text = schema.read_text(encoding="utf-8")
    for path in ("/api/v1/units/", "/api/v1/deadlines/calculate/", "/api/v1/control/cards/{id}/extend/", "/api/v1/regulations/preview/"):
        assert f"  {path}:" in text
    # an integrator reads in the schema what each operation does and who may call it
    operations = yaml.safe_load(text)["paths"]
    undescribed = [f"{method.upper()} {path}" for path, methods in operations.items() for method, operation in methods.items()
                   if method in ("get", "post", "put", "patch", "delete") and not operation.get("description", "").strip()]
    assert undescribed == []
    # and the list of operations names each by the description's first sentence
    assert operations["/api/v1/public/appeals/"]["post"]["summary"] == "Submit an appeal (no account)"
    assert operations["/api/v1/control/cards/{id}/pause/"]["post"]["summary"].startswith("Stop the clock with a reason (e.g. waiting")
    registry = operations["/api/v1/documents/"]
    assert registry["get"]["summary"] == "The registry: documents you may see, newest first"
    assert registry["post"]["summary"].startswith("Registers one (send `Idempotency-Key`")  # a list-create view's POST part
