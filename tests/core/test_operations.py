"""Operations: `make run` stops cleanly on Ctrl-C, its worker starts without warnings, and a production
start without a database says so in one line."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PYTHON = sys.executable


def _clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "CELERY_"))}
    env.update(extra)
    return env


@pytest.mark.smoke
def test_check_deploy_without_a_database_url_prints_one_line_and_no_traceback():
    result = subprocess.run([PYTHON, "manage.py", "check", "--deploy"], cwd=REPO, capture_output=True, text=True, timeout=120,
                            env=_clean_env(DJANGO_SETTINGS_MODULE="config.settings.production", DJANGO_SECRET_KEY="x" * 60))
    assert result.returncode != 0
    assert result.stderr.strip() == "Refusing to start: set the DATABASE_URL environment variable."
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.slow
def test_ctrl_c_stops_every_process_gracefully_and_exits_zero(tmp_path):
    # a process that needs 7 s to stop, longer than honcho's own 5 s before it kills
    slow = (f"{PYTHON} -u -c \"import signal,sys,time; "
            "signal.signal(signal.SIGINT, signal.SIG_IGN); "
            "signal.signal(signal.SIGTERM, lambda *a: (signal.signal(signal.SIGTERM, signal.SIG_IGN), print('finishing', flush=True), "
            "time.sleep(7), print('finished', flush=True), sys.exit(0))); "
            "print('ready', flush=True); time.sleep(120)\"")
    (tmp_path / "Procfile").write_text(f"slow: {slow}\nquick: {PYTHON} -u -c \"import time; print('up', flush=True); time.sleep(120)\"\n")
    runner = subprocess.Popen([PYTHON, str(REPO / "scripts" / "run.py"), "-f", str(tmp_path / "Procfile")], cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 90  # generous: the suite runs this beside browsers on two cores
        seen = ""
        # both started (honcho starts them one by one; a Ctrl-C before the second exists trips honcho itself)
        while not ("ready" in seen and "up" in seen) and time.monotonic() < deadline:
            seen += runner.stdout.readline()
        os.killpg(runner.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole foreground group
        output, _ = runner.communicate(timeout=90)
    finally:
        if runner.poll() is None:
            os.killpg(runner.pid, signal.SIGKILL)
    output = seen + output
    assert runner.returncode == 0, output
    assert "finished" in output and "SIGKILL" not in output


@pytest.mark.slow
def test_the_make_run_worker_and_beat_start_without_warnings(tmp_path):
    procfile = dict(line.split(": ", 1) for line in (REPO / "Procfile").read_text().splitlines() if line.strip())
    env = _clean_env(PORTAL_VAR_DIR=str(tmp_path))  # its own SQLite, broker folders and cache: nothing shared
    for folder in ("broker/queue", "broker/processed", "broker/control"):
        (tmp_path / folder).mkdir(parents=True)
    outputs = {}
    started = {"worker": "ready.", "beat": "beat: Starting"}
    for name in ("worker", "beat"):
        command = procfile[name].replace("var/celerybeat-schedule", str(tmp_path / "beat-schedule"))
        process = subprocess.Popen(command, shell=True, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   text=True, start_new_session=True)
        output, deadline = "", time.monotonic() + 90  # a loaded CI machine starts Celery slowly
        while started[name] not in output and time.monotonic() < deadline and process.poll() is None:
            output += process.stdout.readline()
        time.sleep(2)  # anything it says right after starting counts too
        os.killpg(process.pid, signal.SIGTERM)
        rest, _ = process.communicate(timeout=60)
        outputs[name] = output + rest
    assert "ready." in outputs["worker"] and "beat: Starting" in outputs["beat"], outputs
    assert not (REPO / "control").exists()  # kombu's exchange tables stay under the var folder
    for name, output in outputs.items():
        warnings = [line for line in output.splitlines() if "warning" in line.lower()]
        assert warnings == [], (name, warnings)
