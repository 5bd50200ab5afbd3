"""Run the same function in several threads at once, each with its own database connection."""

import threading

from django.db import connection


def run_at_once(function, *, times=2, timeout=60):
    """Start `times` threads that call `function` together (a barrier lines them up); return the results.
    Any exception in a thread is raised here."""
    barrier, results, errors = threading.Barrier(times), [], []

    def run():
        try:
            barrier.wait()
            results.append(function())
        except Exception as exc:  # surfaced to the test below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    if errors:
        raise errors[0]
    return results
