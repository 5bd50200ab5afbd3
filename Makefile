# The two commands: `make run` and `make test`. Everything else is a helper.
PY := .venv/bin/python
TEST_APT := postgresql redis-server chromium docker-compose fonts-dejavu-core

.PHONY: run test install demo migrate messages makemessages lint bench services-stop screenshots

install:
	@scripts/bootstrap.sh

migrate: install
	$(PY) manage.py migrate --noinput

messages: install
	$(PY) manage.py compilemessages --ignore=.venv --ignore=var -v0

demo: migrate messages
	$(PY) manage.py load_demo

run: demo
	@echo "Serving on http://127.0.0.1:8000 with a Celery worker and beat. Ctrl-C stops all of it."
	$(PY) scripts/run.py

test:
	@scripts/bootstrap.sh $(TEST_APT)
	$(PY) manage.py compilemessages --ignore=.venv --ignore=var -v0
	$(PY) -m compileall -q config core units documents appeals media_relations protocol tests
	@eval "$$(scripts/test_services.sh start)" && \
	  DJANGO_ALLOW_ASYNC_UNSAFE=true .venv/bin/pytest -n 2 --create-db -q --durations=12
	@echo "Smoke subset on the embedded SQLite default:"
	@env -u REDIS_URL -u CELERY_BROKER_URL DATABASE_URL=sqlite:///var/test-smoke.sqlite3 \
	  .venv/bin/pytest -m smoke -p no:xdist -p no:playwright --create-db -q

bench:
	@scripts/bootstrap.sh postgresql redis-server
	@eval "$$(scripts/test_services.sh start)" && $(PY) -m documents.bench && $(PY) -m appeals.bench && $(PY) -m units.bench

makemessages: install
	for lang in az ru en; do $(PY) manage.py makemessages -l $$lang --ignore=.venv --ignore=var --ignore=tests --no-obsolete; done

lint: install
	.venv/bin/ruff check .

services-stop:
	scripts/test_services.sh stop

screenshots:
	@scripts/bootstrap.sh $(TEST_APT)
	$(PY) manage.py compilemessages --ignore=.venv --ignore=var -v0
	@mkdir -p docs/screenshots
	@eval "$$(scripts/test_services.sh start)" && SCREENSHOTS=$(CURDIR)/docs/screenshots DJANGO_ALLOW_ASYNC_UNSAFE=true \
	  .venv/bin/pytest -p no:xdist -q tests/core/test_browser_every_page.py
