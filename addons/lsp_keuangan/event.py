# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.model import ModelView, fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval

from .honorarium import PAID_EVENT_STATES


class EventHonorarium(metaclass=PoolMeta):
    "The honoraria of the assessors and the fee of the TUK of an event"
    __name__ = 'lsp.assessment.event'

    # Function fields: only the buttons of the finance create them, and the
    # roles that do not read them still read the event and its workflow
    honoraria = fields.Function(fields.Many2Many(
            'lsp.honorarium', None, None, "Honoraria"),
        'get_finance_records')
    tuk_fees = fields.Function(fields.Many2Many(
            'lsp.tuk.fee', None, None, "TUK Fees"),
        'get_finance_records')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._buttons.update({
                'create_honoraria': {
                    'invisible': ~Eval('state').in_(PAID_EVENT_STATES),
                    'icon': 'tryton-add',
                    'depends': ['state'],
                    },
                'create_tuk_fee': {
                    'invisible': ~Eval('state').in_(PAID_EVENT_STATES),
                    'icon': 'tryton-add',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def get_finance_records(cls, events, names):
        pool = Pool()
        models = {
            'honoraria': pool.get('lsp.honorarium'),
            'tuk_fees': pool.get('lsp.tuk.fee'),
            }
        result = {}
        for name in names:
            result[name] = values = {e.id: [] for e in events}
            for record in models[name].search(
                    [('event', 'in', [e.id for e in events])],
                    order=[('id', 'ASC')]):
                values[record.event.id].append(record.id)
        return result

    @classmethod
    @ModelView.button
    def create_honoraria(cls, events):
        """Draft one honorarium for each assessor of the events that has
        none"""
        Honorarium = Pool().get('lsp.honorarium')
        Honorarium.create_for_events(events)

    @classmethod
    @ModelView.button
    def create_tuk_fee(cls, events):
        "Draft the fee of the TUK of the events from its agreement"
        TukFee = Pool().get('lsp.tuk.fee')
        TukFee.create_for_events(events)
