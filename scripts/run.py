"""`make run`: the web server, a Celery worker and beat from the Procfile (honcho), stopped together by
Ctrl-C. Two differences from a bare `honcho start`: the processes get time to finish (Celery's warm
shutdown lets a running task end, which takes several seconds, more than honcho's fixed 5 s before it
kills), and a stop the user asked for (Ctrl-C, SIGTERM) exits 0, not 130 or 143."""

import os
import signal
import sys

from honcho import manager
from honcho.command import main

GRACE_SECONDS = 30
STOPPED_ON_REQUEST = {0, 130, 143}  # honcho's codes for SIGINT and SIGTERM

if __name__ == "__main__":
    manager.KILL_WAIT = GRACE_SECONDS
    # a closed terminal (SIGHUP) stops everything too, instead of leaving the server and worker orphaned
    signal.signal(signal.SIGHUP, lambda *_: os.kill(os.getpid(), signal.SIGTERM))
    try:
        main(["start", "-f", "Procfile", *sys.argv[1:]])
    except SystemExit as stop:
        sys.exit(0 if stop.code in STOPPED_ON_REQUEST else stop.code)
