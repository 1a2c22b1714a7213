# This file is part of the LSP Perkoperasian Indonesia ERP.
from trytond.i18n import gettext
from trytond.model.exceptions import AccessError
from trytond.pool import Pool


def rec_name_domain(clause, field_names):
    "Return the domain that applies a rec_name clause to each of field_names"
    _, operator, operand, *extra = clause
    if operator.startswith('!') or operator.startswith('not '):
        bool_op = 'AND'
    else:
        bool_op = 'OR'
    return [bool_op] + [
        (name, operator, operand, *extra) for name in field_names]


class NumberedMixin:
    """Number new records from the sequence of the LSP configuration

    The configuration field holding the sequence is named by
    _number_sequence_field."""
    __slots__ = ()
    _number_sequence_field = None

    @classmethod
    def preprocess_values(cls, mode, values):
        pool = Pool()
        Configuration = pool.get('lsp.configuration')
        values = super().preprocess_values(mode, values)
        if mode == 'create' and not values.get('number'):
            sequence = getattr(
                Configuration(1), cls._number_sequence_field)
            if sequence:
                values['number'] = sequence.get()
        return values


class DraftLockMixin:
    """Refuse changing or deleting records that are no longer drafts

    _lock_messages names the message refusing a change, the one refusing a
    deletion and the parameter that receives the record's name. The fields
    of _check_modify_exclude may still change and the records in one of
    _deletable_states may be deleted."""
    __slots__ = ()
    _lock_messages = None
    _deletable_states = {'draft'}

    @classmethod
    def check_modification(cls, mode, records, values=None, external=False):
        super().check_modification(
            mode, records, values=values, external=external)
        locked, delete, parameter = cls._lock_messages
        if mode == 'delete':
            for record in records:
                if record.state not in cls._deletable_states:
                    raise AccessError(gettext(
                            delete, **{parameter: record.rec_name}))
        elif mode == 'write' and values.keys() - cls._check_modify_exclude:
            for record in records:
                if record.state != 'draft':
                    raise AccessError(gettext(
                            locked, **{parameter: record.rec_name}))
