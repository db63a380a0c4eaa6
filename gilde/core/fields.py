"""Model fields that several apps share."""

import secrets

from django.db import models

# Rows that must not be put in order get random ids: with a sequence, the n-th "has answered"
# record and the n-th anonymous answer (an evaluation's, a poll's) would belong to the same person.
# On SQLite an integer primary key is the row id itself, so not even the table's storage order
# follows the order of arrival.
_RANDOM_ID_FLOOR = 2**32
_RANDOM_ID_SPAN = 2**63 - 1 - _RANDOM_ID_FLOOR


def random_id() -> int:
    """A random 63-bit primary key."""
    return _RANDOM_ID_FLOOR + secrets.randbelow(_RANDOM_ID_SPAN)


class RandomIdField(models.BigIntegerField):
    """A primary key filled with `random_id`. On SQLite its column is declared INTEGER, which
    makes it the table's row id: any other type leaves a hidden row id that counts up in the
    order of arrival."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("primary_key", True)
        kwargs.setdefault("default", random_id)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def db_type(self, connection):
        if connection.vendor == "sqlite":
            return "integer"
        return super().db_type(connection)
