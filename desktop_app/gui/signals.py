"""Emit Qt signals from Python through one function, which repairs PySide6 6.12.0's lost reference.

PySide6 6.12.0's ``SignalInstance.emit`` returns ``True`` without owning a reference to it, so
each emit from Python takes one reference from ``True``. On Python 3.10 and 3.11, where ``True``
is an ordinary object, the interpreter aborts ("bool_dealloc: deallocating True or False") once
the references run out: during an import of a thousand files, or at exit after a few hundred
emits. 6.11 does not lose it, and on 3.12+ ``True`` is immortal. Whether this PySide6 loses it
is measured once, here, and each emit then gives the reference back.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

log = logging.getLogger(__name__)

_PROBE_EMITS = 16
_TRUE = ctypes.py_object(True)


class _Probe(QObject):
    fired = Signal()


def _give_back_true(count: int = 1) -> None:
    for _ in range(count):
        ctypes.pythonapi.Py_IncRef(_TRUE)


def _emit_loses_true() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(_PROBE_EMITS):
        probe.fired.emit()
    lost = before - sys.getrefcount(True)
    _give_back_true(max(lost, 0))
    # Another thread touching True meanwhile can blur the count a little, never by half.
    return lost >= _PROBE_EMITS // 2


EMIT_LOSES_TRUE = _emit_loses_true()
"""Whether this PySide6 takes a reference from ``True`` on each emit from Python."""
if EMIT_LOSES_TRUE:
    log.info("this PySide6 loses a reference to True on each emit; emit() gives it back")


def emit(signal: SignalInstance, *args: Any) -> None:
    """``signal.emit(*args)``, from any thread; use it for every emit in the window."""
    signal.emit(*args)
    if EMIT_LOSES_TRUE:
        _give_back_true()
