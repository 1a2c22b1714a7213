# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The table locks a PostgreSQL transaction asks for wait for each other

A Tryton transaction that needs a table locked (``Model.lock()``, which the
certificate numbers use for the strict sequences) is started again with the
lock taken first. trytond takes it with ``LOCK TABLE ... NOWAIT``
(trytond/backend/postgresql/database.py, ``Database.lock``, line 485) and
tries five times within a third of a second (trytond/transaction.py,
``Transaction.start``, lines 213-232), outside the retries of the dispatcher
(trytond/protocols/dispatcher.py, ``_dispatch``, line 226): a user whose
decision issues certificates while a colleague's does got "could not obtain
lock on relation" instead of waiting a moment.

Here the lock waits, at most ``LOCK_TIMEOUT`` seconds. Waiting is safe at
that point: the lock is the first statement of the transaction, and LOCK
TABLE takes no snapshot, so the transaction then sees everything the holder
committed (a wait on a row lock, ``SELECT ... FOR UPDATE``, would not: it
takes the snapshot before waiting). The fix belongs upstream; this is the
smallest change that gives it to our modules.
"""
from trytond import backend

#: the seconds a transaction waits for a table lock before it gives up
LOCK_TIMEOUT = 15


def lock(self, connection, table):
    "Lock table in exclusive mode, waiting for the holder to end"
    from psycopg.sql import SQL, Identifier
    cursor = connection.cursor()
    cursor.execute("SET LOCAL lock_timeout = '%ss'" % LOCK_TIMEOUT)
    cursor.execute(SQL('LOCK {} IN EXCLUSIVE MODE').format(Identifier(table)))
    cursor.execute('SET LOCAL lock_timeout TO DEFAULT')


def wait_for_table_locks():
    "Make the table locks of PostgreSQL transactions wait"
    if backend.name == 'postgresql':
        backend.Database.lock = lock
