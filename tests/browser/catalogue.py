# This file is part of the LSP Perkoperasian Indonesia ERP.
"""The English strings a user must never read

A text shown by the web client is English when it is the msgid of a
catalogue of an activated module (the installed trytond modules' locale/*.po,
ours and their overrides) or of sao, and no Indonesian catalogue gives it as
a translation (so "TUK", "NIK" or "Email", which Indonesian writes the same,
are not English).
"""
import glob
import json
import os

import polib

from ..tools import ADDONS, ROOT

SAO_LOCALE = os.path.join(ROOT, 'web', 'package', 'locale')


def module_directory(name):
    "Return the folder of the module name"
    if os.path.isdir(os.path.join(ADDONS, name)):
        return os.path.join(ADDONS, name)
    import trytond
    base = os.path.dirname(trytond.__file__)
    if name in {'ir', 'res'}:
        return os.path.join(base, name)
    path = os.path.join(base, 'modules', name)
    if os.path.isdir(path):
        return path
    try:
        module = __import__('trytond.modules.%s' % name, fromlist=[''])
    except ImportError:
        return None
    return os.path.dirname(module.__file__)


def english_strings(modules):
    """Return the set of the English msgids of modules and of sao that no
    Indonesian catalogue uses as a translation"""
    msgids, indonesian = set(), set()

    def add(msgid, msgstr=None):
        msgid = normalize(msgid)
        if msgid:
            msgids.add(msgid)
        if msgstr:
            indonesian.add(normalize(msgstr))

    for name in modules:
        path = module_directory(name)
        if not path:
            continue
        for filename in glob.glob(os.path.join(path, 'locale', '*.po')):
            indonesian_po = os.path.basename(filename) == 'id.po'
            for entry in polib.pofile(filename):
                if entry.obsolete:
                    continue
                translated = (indonesian_po and entry.msgstr
                    and 'fuzzy' not in entry.flags)
                add(entry.msgid, entry.msgstr if translated else None)
        override = os.path.join(path, 'locale', 'override', 'id.po')
        if os.path.exists(override):
            for entry in polib.pofile(override):
                add(entry.msgid, entry.msgstr)
    # sao: the msgids of its catalogues, the Indonesian of its id.json
    # (merged with the project's catalogue by the setup)
    for filename in glob.glob(os.path.join(SAO_LOCALE, '*.po')):
        for entry in polib.pofile(filename):
            add(entry.msgid)
    with open(os.path.join(SAO_LOCALE, 'id.json'), encoding='utf-8') as fp:
        for msgid, value in json.load(fp).items():
            if not isinstance(value, list):
                continue
            add(msgid)
            for msgstr in value[1:]:
                if msgstr:
                    indonesian.add(normalize(msgstr))
    return {m for m in msgids - indonesian if is_word(m)}


def normalize(text):
    "Return text as the web client shows it: one line, without accelerator"
    text = ' '.join((text or '').replace('_', '').split())
    return text.rstrip(':').strip()


def is_word(text):
    "Tell if text has letters enough to be a word of a language"
    return sum(c.isalpha() for c in text) >= 2 and '%' not in text
