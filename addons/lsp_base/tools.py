# This file is part of the LSP Perkoperasian Indonesia ERP.
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
