# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The work queues: what waits for the buttons of the user's roles

A queue is a domain on a model, written in PYSON like the domains of the
tabs of an action (``ir.action.act_window.domain``), and the groups that work
it. Its count is the number of records the user reads through the domain,
with his access rights and record rules: the queue of the assessments of an
assessor counts only his own. The queue list opens at login (``res.user``
``default_actions``); each module adds the queues of its buttons.
"""
from trytond.model import ModelSQL, ModelView, fields
from trytond.model.exceptions import AccessError
from trytond.pool import Pool
from trytond.pyson import PYSONDecoder, PYSONEncoder
from trytond.transaction import Transaction, check_access


class WorkQueue(ModelSQL, ModelView):
    __name__ = 'lsp.work.queue'
    __string__ = "Work Queue"

    name = fields.Char("Name", required=True, translate=True)
    sequence = fields.Integer("Sequence")
    model = fields.Char(
        "Model", required=True,
        help="The name of the model whose records wait in the queue.")
    domain = fields.Char(
        "Domain", required=True,
        help="The records waiting, as a PYSON domain evaluated with the "
        "groups, employees and user of the user.")
    groups = fields.Many2Many(
        'lsp.work.queue-res.group', 'queue', 'group', "Groups",
        help="The groups that work this queue.")
    action = fields.Many2One(
        'ir.action.act_window', "Action", ondelete='SET NULL',
        help="The action that lists the records of the model.")
    count = fields.Function(fields.Integer("Count"), 'get_count')
    has_work = fields.Function(
        fields.Boolean("Has Work"), 'get_has_work',
        searcher='search_has_work')

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls._order.insert(0, ('sequence', 'ASC NULLS FIRST'))
        cls._buttons.update({
                'open': {},
                })

    @classmethod
    def decoder_context(cls):
        "Return the values the PYSON of a domain reads, as the record rules"
        pool = Pool()
        User = pool.get('res.user')
        transaction = Transaction()
        user = User(transaction.user)
        employee = getattr(user, 'employee', None)
        return {
            'groups': User.get_groups(),
            'employees': User.get_employees(),
            'user_id': transaction.user,
            'employee': employee.id if employee else None,
            'context': transaction.context,
            }

    def get_domain(self):
        "Return the domain of the queue evaluated for the user"
        return PYSONDecoder(self.decoder_context()).decode(self.domain)

    def _count(self):
        Model = Pool().get(self.model)
        try:
            with check_access():
                return Model.search_count(self.get_domain())
        except AccessError:
            return 0

    @classmethod
    def get_count(cls, queues, name):
        return {q.id: q._count() for q in queues}

    @classmethod
    def get_has_work(cls, queues, name):
        return {q.id: bool(q.count) for q in queues}

    @classmethod
    def search_has_work(cls, name, clause):
        _, operator, value = clause[:3]
        # the record rules give the queues of the user
        with check_access():
            queues = cls.search([])
        ids = [q.id for q in queues if q._count()]
        if (operator == '=') == bool(value):
            return [('id', 'in', ids)]
        return [('id', 'not in', ids)]

    @classmethod
    @ModelView.button
    def open(cls, queues):
        "Open the records waiting in the queue"
        pool = Pool()
        Action = pool.get('ir.action')
        if not queues:
            return
        queue = queues[0]
        if queue.action:
            action, = Action.get_action_values(
                'ir.action.act_window', [queue.action.id])
        else:
            action = {
                'type': 'ir.action.act_window',
                'res_model': queue.model,
                'views': [],
                }
        encoder = PYSONEncoder()
        action['name'] = queue.name
        action['pyson_domain'] = encoder.encode(queue.get_domain())
        # the tabs of the action would filter the queue again
        action['domains'] = []
        return action


class WorkQueueGroup(ModelSQL):
    __name__ = 'lsp.work.queue-res.group'
    __string__ = "Work Queue - Group"

    queue = fields.Many2One(
        'lsp.work.queue', "Queue", required=True, ondelete='CASCADE')
    group = fields.Many2One(
        'res.group', "Group", required=True, ondelete='CASCADE')
