# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.model import fields
from trytond.pool import PoolMeta
from trytond.pyson import Id

from lsp_base.tools import default_record

#: how many days before its deadline the owner of an action is reminded
REMINDER_DAYS = 10


class Configuration(metaclass=PoolMeta):
    __name__ = 'lsp.configuration'

    nonconformity_sequence = fields.Many2One(
        'ir.sequence', "Non-conformity Sequence",
        domain=[
            ('sequence_type', '=',
                Id('lsp_mutu', 'sequence_type_nonconformity')),
            ],
        help="Used to number the non-conformities.")
    action_reminder_days = fields.Integer(
        "Action Reminder Days",
        domain=['OR',
            ('action_reminder_days', '=', None),
            ('action_reminder_days', '>=', 0),
            ],
        help="How many days before its deadline the owner of an open "
        "action is reminded by e-mail.")

    @classmethod
    def default_nonconformity_sequence(cls):
        return default_record('lsp_mutu', 'sequence_nonconformity')

    @classmethod
    def default_action_reminder_days(cls):
        return REMINDER_DAYS
