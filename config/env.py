"""The one place the environment is read. Settings modules import `env` and `BASE_DIR` from here."""

import os
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
# runtime files of the embedded defaults (SQLite, broker, cache, mail, media); PORTAL_VAR_DIR moves them
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR") or BASE_DIR / "var")

env = environ.Env()
# A local .env is a convenience for developers; real deployments set the environment.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)
