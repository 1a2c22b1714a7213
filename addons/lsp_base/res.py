# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The login throttle without a sleeping server thread

Tryton counts the failed logins of each login name and device cookie in the
last ``[session] timeout`` seconds (``res.user.login.attempt``) and refuses
at once (HTTP 429) past ``[session] max_attempt``; below it,
``res.user.get_login`` (trytond/res/user.py) also registers a
``time.sleep`` of up to 2 ** count - 1 seconds at the end of the
transaction, which holds a server thread asleep (up to 31 s with the default
max_attempt of 5) and lets a few clients exhaust the threads of the server.
The throttle here is the count alone: every attempt answers at once, the
refusal past max_attempt stays.

The count is per device: a device cookie (``res.user.device``, renewed by
the client after each login) is valid only for its login name, so the
failed attempts of somebody who knows a login name and not its device
cookie are counted apart (without a cookie) and never lock out the user who
comes back with the right password from a known device.

A new user opens the list of his work queues at login.
"""
import time

from trytond.pool import Pool, PoolMeta
from trytond.transaction import Transaction


class User(metaclass=PoolMeta):
    __name__ = 'res.user'

    @classmethod
    def get_login(cls, login, parameters):
        transaction = Transaction()
        # trytond registers the delay with Transaction.atexit
        start = len(transaction._atexit)
        try:
            return super().get_login(login, parameters)
        finally:
            transaction._atexit[start:] = [
                call for call in transaction._atexit[start:]
                if call[0] is not time.sleep]

    @classmethod
    def default_actions(cls):
        "Open the work queues of the user at login"
        ModelData = Pool().get('ir.model.data')
        try:
            return [ModelData.get_id('lsp_base', 'act_work_queue_form')]
        except KeyError:
            return []
