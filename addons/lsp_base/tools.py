# This file is part of the LSP Perkoperasian Indonesia ERP.
from email.utils import formataddr

from trytond.i18n import gettext
from trytond.model import ModelView, Workflow, fields
from trytond.model.exceptions import AccessError
from trytond.pool import Pool
from trytond.pyson import Eval


def rec_name_domain(clause, field_names):
    "Return the domain that applies a rec_name clause to each of field_names"
    _, operator, operand, *extra = clause
    if operator.startswith('!') or operator.startswith('not '):
        bool_op = 'AND'
    else:
        bool_op = 'OR'
    return [bool_op] + [
        (name, operator, operand, *extra) for name in field_names]


def group_addresses(group_xml_id):
    "Return the e-mail addresses of the users of the LSP group"
    pool = Pool()
    User = pool.get('res.user')
    ModelData = pool.get('ir.model.data')
    group_id = ModelData.get_id('lsp_base', group_xml_id)
    users = User.search([
            ('groups', '=', group_id),
            ('email', '!=', None),
            ])
    return [formataddr((u.name or '', u.email)) for u in users if u.email]


def default_record(module, xml_id):
    "Return the id of the record of module with xml_id, if it is loaded"
    ModelData = Pool().get('ir.model.data')
    try:
        return ModelData.get_id(module, xml_id)
    except KeyError:
        return None


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


class TermWorkflowMixin(Workflow):
    """An agreement that is drafted, activated, then expires after its
    end_date (by cron) or is terminated"""
    __slots__ = ()
    state = fields.Selection([
            ('draft', "Draft"),
            ('active', "Active"),
            ('expired', "Expired"),
            ('terminated', "Terminated"),
            ], "State", required=True, readonly=True, sort=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._transitions |= {
            ('draft', 'active'),
            ('active', 'expired'),
            ('active', 'terminated'),
            }
        cls._buttons.update({
                'activate': {
                    'invisible': Eval('state') != 'draft',
                    'icon': 'tryton-ok',
                    'depends': ['state'],
                    },
                'terminate': {
                    'invisible': Eval('state') != 'active',
                    'icon': 'tryton-cancel',
                    'depends': ['state'],
                    },
                })

    @classmethod
    def default_state(cls):
        return 'draft'

    @classmethod
    @ModelView.button
    @Workflow.transition('active')
    def activate(cls, records):
        pass

    @classmethod
    @ModelView.button
    @Workflow.transition('terminated')
    def terminate(cls, records):
        pass

    @classmethod
    @Workflow.transition('expired')
    def _expire(cls, records):
        pass

    @classmethod
    def expire(cls, date=None):
        "Expire the active records whose end date has passed (cron)"
        if date is None:
            date = Pool().get('ir.date').today()
        records = cls.search([
                ('state', '=', 'active'),
                ('end_date', '<', date),
                ])
        if records:
            cls._expire(records)
        return records


class ParentLockMixin:
    """Refuse changing the lines of a parent that is no longer open

    _parent_lock names the parent field, the message refusing the change and
    the parameter that receives the parent's name; the parent is open in the
    states of _parent_open_states."""
    __slots__ = ()
    _parent_lock = None
    _parent_open_states = {'draft'}

    @classmethod
    def check_modification(cls, mode, lines, values=None, external=False):
        super().check_modification(
            mode, lines, values=values, external=external)
        field_name, message, parameter = cls._parent_lock
        Parent = cls._fields[field_name].get_target()
        parents = {getattr(l, field_name) for l in lines}
        if values and values.get(field_name):
            parents.add(Parent(values[field_name]))
        for parent in parents:
            if parent.state not in cls._parent_open_states:
                raise AccessError(gettext(
                        message, **{parameter: parent.rec_name}))
