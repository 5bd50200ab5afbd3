"""gunicorn writes its own lines (the access log: one per request; its errors) with its own handlers, past Django's
LOGGING: they get the same filter, so that a tracking link's token or a search for a citizen's name is not written
as it came. The production command names it: `gunicorn --logger-class core.gunicorn_logging.MaskedLogger`."""

from gunicorn.glogging import Logger

from core.logging import mask_handlers


class MaskedLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)  # (re)creates the handlers, on start and on every reload
        mask_handlers([*self.error_log.handlers, *self.access_log.handlers])
