# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The mixins of the LSP models

They keep the records as their workflow leaves them (ISO/IEC 17024 §9.9):

- WorkflowMixin: a Tryton workflow whose state and stamps (who approved,
  when, numbers, reasons given through a wizard, computed results) a client
  cannot set; only the transitions, buttons, wizards and crons do.
- DraftLockMixin: out of its open states a record changes only in the
  fields of its ``_check_modify_exclude`` and is deleted only in one of its
  ``_deletable_states``.
- ParentLockMixin: the lines of a locked parent are neither created,
  changed nor deleted.

Each lock reads class attributes that a model sets in ``__setup__`` and that
the modules above extend there, such as
``cls._check_modify_exclude.add('invoice_lines')``.
"""
from trytond.i18n import gettext
from trytond.model import ModelView, Workflow, fields
from trytond.model.exceptions import AccessError
from trytond.model.modelstorage import _record_eval_pyson
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import Transaction

#: the fields every stored model has, which nobody writes
_MAGIC_FIELDS = {
    'id', 'create_uid', 'create_date', 'write_uid', 'write_date',
    'rec_name'}
#: the values that mean "not set"
_EMPTY = (None, False, '', (), [])


def client_call():
    """Tell whether the current call comes from a client

    Tryton checks the access rights of the calls of the clients (the RPC
    interface, proteus); button bodies, wizards, crons and queued tasks run
    without them, as does the root user."""
    transaction = Transaction()
    return bool(transaction.user and transaction.check_access)


def is_workflow_field(name, field):
    """Tell whether the field is written by the workflow only

    A stored field that is read-only in its definition never changes in a
    form: the buttons, wizards and crons that write it are its only
    writers."""
    return (name not in _MAGIC_FIELDS
        and field.readonly is True
        and not isinstance(field, fields.Function))


class WorkflowFieldsMixin:
    """Refuse the values of the workflow fields that come from a client

    The workflow fields are the state of a workflow, every stored field that
    is read-only in its definition, and those that a model or a module above
    adds to ``_workflow_fields`` in ``__setup__``. From a client, create may
    only give them their default value and write may not change them; the
    refusal names the field and the buttons to use. The copies of a record
    start with their defaults."""
    __slots__ = ()

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._workflow_fields = set()

    @classmethod
    def __post_setup__(cls):
        super().__post_setup__()
        cls._workflow_fields = set(cls._workflow_fields) | {
            n for n, f in cls._fields.items() if is_workflow_field(n, f)}
        state = getattr(cls, '_transition_state', None)
        if state in cls._fields:
            cls._workflow_fields.add(state)

    @classmethod
    def workflow_default(cls, name):
        "Return the value of the workflow field name of a new record"
        default = cls._defaults.get(name)
        return default() if default else None

    @classmethod
    def create(cls, vlist):
        transaction = Transaction()
        if client_call():
            for values in vlist:
                cls.check_workflow_values(values)
        # the lines given with the records are created with them
        creating = transaction.context.get('_lsp_creating', ())
        with transaction.set_context(
                _lsp_creating=tuple(creating) + (cls.__name__,)):
            return super().create(vlist)

    @classmethod
    def check_workflow_values(cls, values):
        "Refuse creating a record whose workflow fields are already set"
        for name in sorted(values.keys() & cls._workflow_fields):
            value, default = values[name], cls.workflow_default(name)
            if value == default or (value in _EMPTY and default in _EMPTY):
                continue
            raise AccessError(gettext(
                    'lsp_base.msg_workflow_field_create',
                    **cls.__names__(field=name)))

    @classmethod
    def check_modification(cls, mode, records, values=None, external=False):
        super().check_modification(
            mode, records, values=values, external=external)
        if mode == 'write' and external:
            names = sorted(values.keys() & cls._workflow_fields)
            if names and records:
                record = records[0]
                buttons = record.workflow_buttons()
                if buttons:
                    raise AccessError(gettext(
                            'lsp_base.msg_workflow_field_write',
                            buttons=', '.join(
                                '"%s"' % b for b in buttons),
                            **cls.__names__(field=names[0], record=record)))
                raise AccessError(gettext(
                        'lsp_base.msg_workflow_field_final',
                        **cls.__names__(field=names[0], record=record)))

    def workflow_buttons(self):
        "Return the labels of the buttons the record shows in its state"
        pool = Pool()
        Button = pool.get('ir.model.button')
        User = pool.get('res.user')
        labels = []
        with Transaction().set_context(groups=User.get_groups()):
            for name, states in sorted(self._buttons.items()):
                hidden = any(
                    states.get(s) is not None
                    and _record_eval_pyson(self, states[s])
                    for s in ['invisible', 'readonly'])
                if not hidden:
                    attributes = Button.get_view_attributes(
                        self.__name__, name)
                    labels.append(attributes.get('string') or name)
        return labels

    @classmethod
    def copy(cls, records, default=None):
        default = default.copy() if default is not None else {}
        for name in cls._workflow_fields:
            default.setdefault(name, cls.workflow_default(name))
        return super().copy(records, default=default)


class WorkflowMixin(WorkflowFieldsMixin, Workflow):
    "A Tryton workflow whose state and stamps change only through it"
    __slots__ = ()


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


class LockErrorMixin:
    """The refusals of changing or deleting a locked record

    _lock_message and _delete_message name the messages; they receive the
    record's name as _lock_parameter."""
    __slots__ = ()
    _lock_message = None
    _delete_message = None
    _lock_parameter = 'record'

    @classmethod
    def lock_error(cls, record):
        "Return the error refusing to change the locked record"
        return AccessError(gettext(
                cls._lock_message, **{cls._lock_parameter: record.rec_name}))

    @classmethod
    def delete_error(cls, record):
        "Return the error refusing to delete the record"
        return AccessError(gettext(
                cls._delete_message or cls._lock_message,
                **{cls._lock_parameter: record.rec_name}))


class DraftLockMixin(LockErrorMixin):
    """Refuse changing or deleting records out of their open states

    In the states of _open_states every field may change; in the others
    only the fields of _check_modify_exclude and the workflow fields, which
    the workflow alone writes. Only the records in one of _deletable_states
    are deleted."""
    __slots__ = ()
    _open_states = {'draft'}
    _deletable_states = {'draft'}

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._check_modify_exclude = set()

    @classmethod
    def locked_fields(cls, values):
        "Return the fields of values that a locked record keeps"
        return (values.keys() - cls._check_modify_exclude
            - getattr(cls, '_workflow_fields', set()))

    @classmethod
    def check_modification(cls, mode, records, values=None, external=False):
        super().check_modification(
            mode, records, values=values, external=external)
        if mode == 'delete':
            for record in records:
                if record.state not in cls._deletable_states:
                    raise cls.delete_error(record)
        elif mode == 'write' and cls.locked_fields(values):
            for record in records:
                if record.state not in cls._open_states:
                    raise cls.lock_error(record)


class ParentLockMixin:
    """Refuse creating, changing or deleting the lines of a locked parent

    _parent_field names the Many2One to the parent. The lines change freely
    while the parent is in one of _parent_open_states (by default the
    parent's _open_states, else draft); in another state only the fields
    that _parent_state_fields gives for that state may still change. Lines
    given with a new parent (of a WorkflowFieldsMixin model) are created
    with it. The refusal is the parent's lock error."""
    __slots__ = ()
    _parent_field = None
    _parent_open_states = None

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._parent_state_fields = {}

    @classmethod
    def parent_model(cls):
        return cls._fields[cls._parent_field].get_target()

    @classmethod
    def parent_open_states(cls):
        if cls._parent_open_states is not None:
            return cls._parent_open_states
        return getattr(cls.parent_model(), '_open_states', {'draft'})

    @classmethod
    def check_modification(cls, mode, lines, values=None, external=False):
        super().check_modification(
            mode, lines, values=values, external=external)
        Parent = cls.parent_model()
        if mode == 'create' and Parent.__name__ in Transaction().context.get(
                '_lsp_creating', ()):
            # created with their parent, which checks its own values
            return
        parents = {getattr(l, cls._parent_field) for l in lines}
        if values and values.get(cls._parent_field):
            parents.add(Parent(values[cls._parent_field]))
        open_states = cls.parent_open_states()
        changed = set(values or ())
        for parent in parents:
            if parent.state in open_states:
                continue
            allowed = cls._parent_state_fields.get(parent.state, set())
            if mode == 'write' and changed and changed <= allowed:
                continue
            raise cls.parent_lock_error(parent)

    @classmethod
    def parent_lock_error(cls, parent):
        "Return the error refusing to change the lines of the locked parent"
        return parent.lock_error(parent)


class TermWorkflowMixin(WorkflowMixin):
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
