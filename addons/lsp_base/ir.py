# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.pool import Pool, PoolMeta
from trytond.transaction import Transaction


class Cron(metaclass=PoolMeta):
    __name__ = 'ir.cron'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.method.selection.extend([
                ('lsp.assessor|check_expiry', "Check Assessor Licences"),
                ('lsp.partnership|expire', "Expire Partnerships"),
                ('lsp.meeting.action|send_overdue_reminders',
                    "Remind Overdue Meeting Action Items"),
                ])


class Rule(metaclass=PoolMeta):
    __name__ = 'ir.rule'

    @classmethod
    def _employee_models(cls):
        "Return the models whose record rules use the employees of the user"
        return {'lsp.assessor', 'lsp.assessor.contract', 'lsp.letter'}

    @classmethod
    def _user_models(cls):
        """Return the models whose record rules use the user

        Confidential letters are read by the holders of their positions and by
        their author."""
        return {'lsp.letter'}

    @classmethod
    def _get_context(cls, model_name):
        context = super()._get_context(model_name)
        if model_name in cls._employee_models():
            context['employees'] = Pool().get('res.user').get_employees()
        if model_name in cls._user_models():
            context['user_id'] = Transaction().user
        return context

    @classmethod
    def _get_cache_key(cls, model_names):
        key = super()._get_cache_key(model_names)
        if model_names & cls._employee_models():
            key = (*key, Pool().get('res.user').get_employees())
        if model_names & cls._user_models():
            key = (*key, Transaction().user)
        return key
