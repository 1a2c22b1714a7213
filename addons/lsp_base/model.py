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
import datetime as dt
import math
from collections import defaultdict
from decimal import Decimal

from trytond.i18n import gettext
from trytond.model import ModelView, Workflow, fields
from trytond.model.exceptions import AccessError
from trytond.model.modelstorage import _record_eval_pyson
from trytond.pool import Pool
from trytond.pyson import Eval
from trytond.transaction import (
    Transaction, check_access, without_check_access)

from .exceptions import ClientValueError

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


class RecordRuleMixin:
    """Apply the record rules on the paths where Tryton checks them in
    Python (registered for every model by lsp_base)

    export_data, and the CSV route and export_data_domain built on it,
    evaluate the read rules of each exported record in Python, where a
    rule on a dotted path such as ('assessor.employee', 'in', [...]) holds
    for any record with an assessor (trytond/tools/domain_inversion.py,
    eval_leaf: "having a value in the evaluation context is deemed
    suffisant", called from trytond/model/modelstorage.py
    ModelStorage.__export_row). copy and resources read their records with
    no rule at all. From a client, these calls read the records first the
    way read does, with the rules in SQL, so a hidden record raises the
    same refusal."""
    __slots__ = ()

    @classmethod
    def export_data(cls, records, fields_names, header=False):
        if client_call():
            cls.check_paths_readable(records, fields_names)
        return super().export_data(records, fields_names, header=header)

    @classmethod
    def copy(cls, records, default=None):
        if client_call():
            cls.check_readable(records)
        return super().copy(records, default=default)

    def resources(self):
        if client_call():
            self.check_readable([self])
        return super().resources()

    @classmethod
    def check_readable(cls, records):
        "Refuse the records the rules hide from the user"
        ids = [r.id for r in records if r.id is not None and r.id >= 0]
        if ids:
            with check_access():
                cls.read(ids, ['id'])

    @classmethod
    def check_paths_readable(cls, records, fields_names):
        """Refuse the records the rules hide on the paths of fields_names,
        at each model whose fields are read"""
        to_check = defaultdict(set)
        for path in fields_names:
            Model, current = cls, list(records)
            names = path.split('/')
            to_check[Model].update(current)
            for name in names[:-1]:
                name = name.split('.')[0].split(':lang=')[0]
                field = Model._fields.get(name)
                if field is None or field._type not in {
                        'many2one', 'one2one', 'one2many', 'many2many',
                        'reference'}:
                    break
                targets = []
                with without_check_access():
                    for record in current:
                        value = getattr(record, name, None)
                        if isinstance(value, (list, tuple)):
                            targets.extend(value)
                        elif value is not None and not isinstance(
                                value, str):
                            targets.append(value)
                if not targets:
                    break
                for target in targets:
                    to_check[target.__class__].add(target)
                Model = targets[0].__class__
                current = [t for t in targets if t.__class__ == Model]
        for Model, model_records in to_check.items():
            if hasattr(Model, 'check_readable'):
                Model.check_readable(list(model_records))


#: the range of the integer columns (int4 on PostgreSQL, ids included)
INT4 = (-2 ** 31, 2 ** 31 - 1)
INT8 = (-2 ** 63, 2 ** 63 - 1)
#: the operators of the domains
DOMAIN_OPERATORS = {
    '=', '!=', '<', '<=', '>', '>=', 'like', 'ilike', 'not like',
    'not ilike', 'in', 'not in', 'child_of', 'not child_of', 'parent_of',
    'not parent_of', 'where', 'not where'}
#: the directions of an order
ORDER_DIRECTIONS = {
    None, '', 'ASC', 'DESC', 'ASC NULLS FIRST', 'ASC NULLS LAST',
    'DESC NULLS FIRST', 'DESC NULLS LAST'}
#: the actions on the values of a One2Many or Many2Many field
X2MANY_ACTIONS = {'create', 'write', 'delete', 'add', 'remove', 'copy'}
_RELATIONS = {'many2one', 'one2one', 'one2many', 'many2many', 'reference'}


def _is_number(value):
    "Tell whether value is a finite number"
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return False
    if isinstance(value, Decimal):
        return value.is_finite()
    return math.isfinite(value)


def value_error_message(field_type, value):
    """Return the id of the message telling why value is not one of
    field_type, or None when it is"""
    if value is None:
        return
    if field_type == 'boolean':
        return None if isinstance(value, bool) else 'msg_value_boolean'
    if value is False:
        # the clients send False for an empty field
        return
    if field_type in {'char', 'text', 'selection', 'html', 'color'}:
        if field_type == 'selection' and not isinstance(value, str):
            # selections may have keys of other types
            return
        if not isinstance(value, str):
            return 'msg_value_text'
        return text_error_message(value)
    if field_type in {'integer', 'biginteger'}:
        low, high = INT4 if field_type == 'integer' else INT8
        if not isinstance(value, int) or isinstance(value, bool):
            return 'msg_value_integer'
        if not low <= value <= high:
            return 'msg_value_integer_range'
    elif field_type in {'float', 'numeric'}:
        if not _is_number(value):
            return 'msg_value_number'
    elif field_type == 'date':
        if (not isinstance(value, dt.date)
                or isinstance(value, dt.datetime)):
            return 'msg_value_date'
    elif field_type in {'datetime', 'timestamp'}:
        if not isinstance(value, dt.datetime):
            return 'msg_value_datetime'
    elif field_type == 'time':
        if not isinstance(value, dt.time):
            return 'msg_value_time'
    elif field_type == 'timedelta':
        if not isinstance(value, dt.timedelta):
            return 'msg_value_timedelta'
    elif field_type in {'many2one', 'one2one'}:
        if not isinstance(value, int) or isinstance(value, bool):
            return 'msg_value_record'
        if not INT4[0] <= value <= INT4[1]:
            return 'msg_value_record'
    elif field_type == 'multiselection':
        if not isinstance(value, (list, tuple)) or not all(
                isinstance(v, str) and not text_error_message(v)
                for v in value):
            return 'msg_value_list'
    elif field_type == 'binary':
        if not isinstance(value, (bytes, bytearray, memoryview)):
            return 'msg_value_binary'
    elif field_type == 'dict':
        if not isinstance(value, dict):
            return 'msg_value_dict'


def text_error_message(value):
    "Return the id of the message telling why the text is refused"
    if '\x00' in value:
        return 'msg_value_nul'
    try:
        value.encode('utf-8')
    except UnicodeEncodeError:
        return 'msg_value_encoding'


class ClientValueMixin:
    """Refuse the malformed values, domains and orders of the clients
    (registered for every model by lsp_base)

    The RPC layer passes what a client sends to the models: text where a
    number or a date belongs, integers beyond the column, NUL characters
    and lone surrogates, unknown fields and operators. The databases then
    answer differently (SQLite stores it, PostgreSQL fails) and the client
    shows an unexpected exception. From a client, create, write and search
    refuse them first with a message that names the field."""
    __slots__ = ()

    @classmethod
    def create(cls, vlist):
        if client_call():
            if not isinstance(vlist, (list, tuple)) or not all(
                    isinstance(v, dict) for v in vlist):
                raise ClientValueError(gettext(
                        'lsp_base.msg_value_call', **cls.__names__()))
            for values in vlist:
                cls.check_client_values(values)
        return super().create(vlist)

    @classmethod
    def write(cls, *args):
        if client_call():
            for values in args[1::2]:
                if not isinstance(values, dict):
                    raise ClientValueError(gettext(
                            'lsp_base.msg_value_call', **cls.__names__()))
                cls.check_client_values(values)
        return super().write(*args)

    @classmethod
    def search(cls, domain, *args, **kwargs):
        if client_call():
            params = dict(zip(['offset', 'limit', 'order'], args))
            params.update(kwargs)
            cls.check_client_domain(domain)
            cls.check_client_order(params.get('order'))
            for value in [params.get('offset'), params.get('limit')]:
                if value is not None and (
                        not isinstance(value, int) or isinstance(value, bool)
                        or not 0 <= value <= INT8[1]):
                    raise ClientValueError(gettext(
                            'lsp_base.msg_value_limit', **cls.__names__()))
        return super().search(domain, *args, **kwargs)

    @classmethod
    def check_client_values(cls, values):
        "Refuse the values of unknown fields and the malformed ones"
        for name, value in values.items():
            field = cls._fields.get(name)
            if field is None:
                raise ClientValueError(gettext(
                        'lsp_base.msg_value_unknown_field', name=name,
                        **cls.__names__()))
            if field._type in {'one2many', 'many2many'}:
                cls.check_client_actions(field, name, value)
                continue
            if field._type == 'reference':
                if value and not isinstance(value, (str, list, tuple)):
                    raise cls._value_error('msg_value_record', name)
                continue
            error = value_error_message(field._type, value)
            if error:
                raise cls._value_error(error, name)

    @classmethod
    def check_client_actions(cls, field, name, actions):
        "Refuse the malformed actions on a One2Many or Many2Many field"
        if actions is None or actions is False:
            return
        Target = field.get_target()
        if not isinstance(actions, (list, tuple)):
            raise cls._value_error('msg_value_actions', name)
        for action in actions:
            if (not isinstance(action, (list, tuple)) or not action
                    or not isinstance(action[0], str)
                    or action[0] not in X2MANY_ACTIONS):
                raise cls._value_error('msg_value_actions', name)
            if action[0] == 'create':
                for values in action[1] if len(action) > 1 else []:
                    if not isinstance(values, dict):
                        raise cls._value_error('msg_value_actions', name)
                    if hasattr(Target, 'check_client_values'):
                        Target.check_client_values(values)
            elif action[0] in {'delete', 'add', 'remove'}:
                ids = action[1] if len(action) > 1 else []
                if not isinstance(ids, (list, tuple)) or any(
                        value_error_message('many2one', i) for i in ids):
                    raise cls._value_error('msg_value_actions', name)

    @classmethod
    def _value_error(cls, message, name):
        return ClientValueError(gettext(
                'lsp_base.%s' % message, **cls.__names__(field=name)))

    @classmethod
    def check_client_domain(cls, domain):
        "Refuse a domain that is not a list of valid clauses"
        if not isinstance(domain, (list, tuple)):
            raise cls._domain_error(domain)
        for i, clause in enumerate(domain):
            if i == 0 and clause in ('AND', 'OR'):
                continue
            if isinstance(clause, (list, tuple)) and not clause:
                # an empty domain, true for every record, as the web
                # client sends for the tab "All" of a list
                continue
            if (isinstance(clause, (list, tuple)) and clause
                    and (isinstance(clause[0], (list, tuple))
                        or clause[0] in ('AND', 'OR'))):
                cls.check_client_domain(clause)
                continue
            if not isinstance(clause, (list, tuple)) or not clause:
                raise cls._domain_error(clause)
            if len(clause) not in {3, 4} or not isinstance(clause[0], str):
                raise cls._domain_error(clause)
            if (not isinstance(clause[1], str)
                    or clause[1] not in DOMAIN_OPERATORS):
                raise ClientValueError(gettext(
                        'lsp_base.msg_domain_operator',
                        operator=clause[1], **cls.__names__()))
            if clause[1] in ('in', 'not in') and isinstance(
                    clause[2], (str, bytes, int, float, dict)):
                raise cls._domain_error(clause)
            cls.check_client_path(clause[0])

    @classmethod
    def check_client_path(cls, path):
        """Refuse a dotted path of fields whose fields do not exist

        The path follows the relations; what follows a field that is not a
        relation is its own business (such as the relation a Char field
        made by fields.fmany2one searches)."""
        Model = cls
        for name in path.split('.'):
            field = Model._fields.get(name)
            if field is None:
                raise ClientValueError(gettext(
                        'lsp_base.msg_domain_field', name=path,
                        **cls.__names__()))
            if field._type not in _RELATIONS or field._type == 'reference':
                return
            Model = field.get_target()

    @classmethod
    def _domain_error(cls, clause):
        return ClientValueError(gettext(
                'lsp_base.msg_domain_clause', clause=str(clause)[:100],
                **cls.__names__()))

    @classmethod
    def check_client_order(cls, order):
        "Refuse an order that is not a list of (field, direction)"
        if order is None:
            return
        if not isinstance(order, (list, tuple)):
            raise cls._order_error(order)
        for item in order:
            if (not isinstance(item, (list, tuple)) or len(item) not in {1, 2}
                    or not isinstance(item[0], str)):
                raise cls._order_error(item)
            direction = item[1] if len(item) > 1 else None
            if not isinstance(direction, (str, type(None))) or (
                    (direction or '').upper() not in ORDER_DIRECTIONS):
                raise cls._order_error(item)
            cls.check_client_path(item[0])

    @classmethod
    def _order_error(cls, item):
        return ClientValueError(gettext(
                'lsp_base.msg_order_invalid', order=str(item)[:100],
                **cls.__names__()))
