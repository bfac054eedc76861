"""Emitting through ``signals.emit`` never wears out ``True`` (PySide6 6.12.0 would, unaided)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from desktop_app.gui.signals import emit


class Source(QObject):
    happened = Signal(int, bool)


def test_many_emits_leave_true_with_every_reference(qtbot):
    source = Source()
    heard = []
    source.happened.connect(lambda number, flag: heard.append((number, flag)))
    before = sys.getrefcount(True)
    for number in range(5000):
        emit(source.happened, number, number % 2 == 0)
    assert len(heard) == 5000
    assert heard[1] == (1, False)
    # A few references may come and go elsewhere; thousands lost would abort the interpreter.
    assert sys.getrefcount(True) >= before - 50
