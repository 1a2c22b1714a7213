# This file is part of the LSP Perkoperasian Indonesia ERP.
"""Letters registered at the same moment all get their number.

Eight sessions of the Sekretaris, through JSON-RPC on a copy of the demo
database, register the first outgoing and incoming letters of a new year at
once: nobody is refused, and the numbers are consecutive from 1."""
import datetime as dt
import re
import threading
import unittest

from .server import RPCError, Server

SESSIONS = 8
YEAR = dt.date.today().year + 5


class LetterNumberTestCase(unittest.TestCase):
    "Test the numbering of letters registered by concurrent sessions"

    @classmethod
    def setUpClass(cls):
        cls.server = Server().start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def register_at_once(self, direction):
        "Register one letter of direction per session at the same moment"
        sessions = [self.server.login('sekretaris') for _ in range(SESSIONS)]
        units = sessions[0].call(
            'lsp.position', 'search', [('code', '=', 'SEK')], 0, 1, None)
        parties = sessions[0].call('party.party', 'search', [], 0, 1, None)
        letters = []
        for i, session in enumerate(sessions):
            values = {
                'direction': direction,
                'date': dt.date(YEAR, 1, 2),
                'subject': "Surat serentak %s" % i,
                'issuing_unit': units[0],
                }
            values['recipient' if direction == 'outgoing'
                else 'sender'] = parties[0]
            letter, = session.call('lsp.letter', 'create', [values])
            letters.append(letter)
        barrier = threading.Barrier(SESSIONS)
        errors = []

        def register(session, letter):
            barrier.wait(timeout=60)
            try:
                session.call('lsp.letter', 'register', [letter])
            except RPCError as error:
                errors.append(error.message)

        threads = [threading.Thread(target=register, args=(s, l))
            for s, l in zip(sessions, letters)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(errors, [])
        field = 'number' if direction == 'outgoing' else 'agenda_number'
        return [r[field] for r in sessions[0].call(
                'lsp.letter', 'read', letters, [field, 'state'])]

    def test_outgoing_first_letters_of_a_year(self):
        "Outgoing letters registered at once are numbered 001 to 008"
        numbers = self.register_at_once('outgoing')
        counters = sorted(int(re.match(r'(\d{3})/LSPPI/SEK/I/%s$' % YEAR, n)
                .group(1)) for n in numbers)
        self.assertEqual(counters, list(range(1, SESSIONS + 1)))

    def test_incoming_first_letters_of_a_year(self):
        "Incoming letters registered at once get agenda numbers 001 to 008"
        numbers = self.register_at_once('incoming')
        counters = sorted(int(re.match(r'(\d{3})/SM/LSPPI/%s$' % YEAR, n)
                .group(1)) for n in numbers)
        self.assertEqual(counters, list(range(1, SESSIONS + 1)))
