from datetime import date

from celery import shared_task

from documents.services import control, sweep


@shared_task(ignore_result=True)
def control_sweep():
    result = sweep.control_sweep()
    return result.notices if result else None


@shared_task(ignore_result=True)
def control_daily_digest():
    return sweep.control_daily_digest()


@shared_task(ignore_result=True)
def control_recompute_for_calendar_change(*, country, day):
    return control.control_recompute_for_calendar_change(country=country, day=date.fromisoformat(day))


@shared_task(ignore_result=True)
def case_files_close_past_years():
    """Daily; closes the past year's case files on the first working day of the new year (idempotent)."""
    from documents.services.archive import case_files_close_past_years as close

    return close()


@shared_task(ignore_result=True)
def approval_remind_waiting():
    """Hourly; reminds approvers once about steps that wait too long (documents.services.approval)."""
    from documents.services.approval import approval_remind_waiting as remind

    return remind()
