# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.pool import Pool, PoolMeta

#: models whose record rules use the employees of the user
_EMPLOYEE_MODELS = {'lsp.assessor', 'lsp.assessor.contract'}


class Cron(metaclass=PoolMeta):
    __name__ = 'ir.cron'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.method.selection.append(
            ('lsp.assessor|check_expiry', "Check Assessor Licences"))


class Rule(metaclass=PoolMeta):
    __name__ = 'ir.rule'

    @classmethod
    def _get_context(cls, model_name):
        context = super()._get_context(model_name)
        if model_name in _EMPLOYEE_MODELS:
            context['employees'] = Pool().get('res.user').get_employees()
        return context

    @classmethod
    def _get_cache_key(cls, model_names):
        key = super()._get_cache_key(model_names)
        if model_names & _EMPLOYEE_MODELS:
            key = (*key, Pool().get('res.user').get_employees())
        return key


# Meetings
class CronMeeting(metaclass=PoolMeta):
    __name__ = 'ir.cron'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.method.selection.append(
            ('lsp.meeting.action|send_overdue_reminders',
                "Remind Overdue Meeting Action Items"))
