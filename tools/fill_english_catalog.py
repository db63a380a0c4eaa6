"""English is the source language: its catalog repeats every msgid, so the guard test can tell a
forgotten Dutch translation from a finished English one. Run by `make messages`."""

import sys

import polib

path = sys.argv[1] if len(sys.argv) > 1 else "locale/en/LC_MESSAGES/django.po"
catalog = polib.pofile(path)
for entry in catalog:
    if entry.msgid_plural:
        entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
    else:
        entry.msgstr = entry.msgid
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
catalog.metadata["Language"] = "en"
catalog.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
catalog.save(path)
