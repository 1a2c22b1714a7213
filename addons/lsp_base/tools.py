# This file is part of the LSP Perkoperasian Indonesia ERP.


def rec_name_domain(clause, field_names):
    "Return the domain that applies a rec_name clause to each of field_names"
    _, operator, operand, *extra = clause
    if operator.startswith('!') or operator.startswith('not '):
        bool_op = 'AND'
    else:
        bool_op = 'OR'
    return [bool_op] + [
        (name, operator, operand, *extra) for name in field_names]
