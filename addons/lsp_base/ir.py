# This file is part of the LSP Perkoperasian Indonesia ERP.
import os
import tempfile

import polib

from trytond.pool import Pool, PoolMeta
from trytond.transaction import Transaction


class Cron(metaclass=PoolMeta):
    __name__ = 'ir.cron'

    @classmethod
    def __setup__(cls):
        super().__setup__()
        cls.method.selection.extend([
                ('lsp.assessor|check_expiry', "Check Assessor Licences"),
                ('lsp.partnership|expire', "Expire Partnerships"),
                ('lsp.meeting.action|send_overdue_reminders',
                    "Remind Overdue Meeting Action Items"),
                ])


class Rule(metaclass=PoolMeta):
    __name__ = 'ir.rule'

    @classmethod
    def _employee_models(cls):
        "Return the models whose record rules use the employees of the user"
        return {'lsp.assessor', 'lsp.assessor.contract', 'lsp.letter'}

    @classmethod
    def _user_models(cls):
        """Return the models whose record rules use the user

        Confidential letters are read by the holders of their positions and by
        their author."""
        return {'lsp.letter'}

    @classmethod
    def _get_context(cls, model_name):
        context = super()._get_context(model_name)
        if model_name in cls._employee_models():
            context['employees'] = Pool().get('res.user').get_employees()
        if model_name in cls._user_models():
            context['user_id'] = Transaction().user
        return context

    @classmethod
    def _get_cache_key(cls, model_names):
        key = super()._get_cache_key(model_names)
        if model_names & cls._employee_models():
            key = (*key, Pool().get('res.user').get_employees())
        if model_names & cls._user_models():
            key = (*key, Transaction().user)
        return key


def is_override_help(entry):
    "Tell whether the catalogue entry overrides the help of another module"
    if entry.obsolete or not entry.msgctxt:
        return False
    type_, _, res_id = entry.msgctxt.split(':')
    return type_ == 'help' and '.' in res_id


class Translation(metaclass=PoolMeta):
    __name__ = 'ir.translation'

    @classmethod
    def translation_import(cls, lang, module, po_path):
        """Import the catalogues of module, with its overrides of helps

        Tryton finds the row that an overriding entry (one whose context
        names another module) replaces by its name, type and module, and by
        its source only for some types (trytond/ir/translation.py,
        translation_import, override_translation, lines 890-913): the helps
        of the values of a selection share their name, so overriding one
        finds several rows and the whole import fails. The overrides of
        helps are applied here by their source too; Tryton imports the
        rest."""
        paths = [po_path] if isinstance(po_path, str) else list(po_path)
        helps, others, temporary = [], [], []
        try:
            for path in paths:
                catalogue = polib.pofile(path)
                entries = [e for e in catalogue if is_override_help(e)]
                if not entries:
                    others.append(path)
                    continue
                helps.extend(entries)
                for entry in entries:
                    catalogue.remove(entry)
                fd, other = tempfile.mkstemp(suffix='.po')
                os.close(fd)
                temporary.append(other)
                catalogue.save(other)
                others.append(other)
            result = super().translation_import(lang, module, others)
        finally:
            for path in temporary:
                os.unlink(path)
        cls.override_helps(lang, module, helps)
        return result

    @classmethod
    def override_helps(cls, lang, module, entries):
        "Apply the catalogue entries of module that override helps"
        to_save = []
        for entry in entries:
            translation, res_id = cls.from_poentry(entry)
            res_module, _ = res_id.split('.')
            for record in cls.search([
                        ('name', '=', translation.name),
                        ('res_id', '=', -1),
                        ('lang', '=', lang),
                        ('type', '=', 'help'),
                        ('module', '=', res_module),
                        ('src', '=', translation.src),
                        ]):
                if record.value != translation.value:
                    record.value = translation.value
                    record.overriding_module = module
                    record.fuzzy = translation.fuzzy
                    to_save.append(record)
        cls.save(to_save)
