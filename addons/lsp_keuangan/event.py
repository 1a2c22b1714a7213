# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.model import ModelView, fields
from trytond.pool import Pool, PoolMeta
from trytond.pyson import Eval

from .honorarium import PAID_EVENT_STATES


class EventHonorarium(metaclass=PoolMeta):
    "The honoraria of the assessors and the fee of the TUK of an event"
    __name__ = 'lsp.assessment.event'

    honoraria = fields.One2Many(
        'lsp.honorarium', 'event', "Honoraria", readonly=True)
    tuk_fees = fields.One2Many(
        'lsp.tuk.fee', 'event', "TUK Fees", readonly=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._check_modify_exclude |= {'honoraria', 'tuk_fees'}
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
    def copy(cls, events, default=None):
        default = default.copy() if default is not None else {}
        default.setdefault('honoraria')
        default.setdefault('tuk_fees')
        return super().copy(events, default=default)

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
