"""One window per library: a later start on the same library goes to the window open on it.

A file manager's Open With starts the program again (``archive-browser open FILE``), and so
does a second click on its icon; two windows on one library would each write its index. So
the first window listens on a local socket named after its library (a Unix socket or a
Windows named pipe: never the network), and a later start on the same library hands its
files over (or none), the window comes forward, and the later start ends. macOS does not
start the program again: it sends the running one a file-open event, which ends up in the
same place.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

Receiver = Callable[[list[Path]], None]
# How long a later start waits for the window to take the connection.
_CONNECT_MS = 1000
# File-open events come one file at a time; those this close together make one import.
_GATHER_MS = 300


def door_name(library_folder: Path) -> str:
    """The local socket's name for a library: the same for every spelling of its path."""
    key = hashlib.sha256(str(library_folder.expanduser().resolve()).encode()).hexdigest()
    return f"archive-browser-{key[:16]}"


def hand_over(library_folder: Path, paths: Sequence[Path]) -> bool:
    """Give ``paths`` (or, with none, only the word to come forward) to a window already
    open on ``library_folder``; False when none is."""
    socket = _connected(door_name(library_folder))
    if socket is None:
        return False
    message = json.dumps([str(Path(p).expanduser().resolve()) for p in paths]).encode()
    socket.write(message)
    sent = socket.waitForBytesWritten(_CONNECT_MS)
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(_CONNECT_MS)
    return sent


class Door(QObject):
    """The open window's end: paths handed over by later starts, and file-open events."""

    def __init__(self, library_folder: Path, receive: Receiver, parent: QObject) -> None:
        super().__init__(parent)
        self._receive = receive
        self._gathered: list[Path] = []
        self._waiting = False
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        name = door_name(library_folder)
        if _answers(name):
            # Another window on this library listens already (two starts at the same time).
            log.info("files opened later go to the window opened first on %s", library_folder)
        elif not self._server.listen(name):
            log.warning("cannot listen for files opened later: %s", self._server.errorString())

    @property
    def listening(self) -> bool:
        """Whether later starts can hand files over."""
        return self._server.isListening()

    def close(self) -> None:
        """Stop listening (the window is closing)."""
        self._server.close()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Take the application's file-open events (macOS: Finder's Open With, the Dock)."""
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            self._gather([Path(event.file())])
            return True
        return super().eventFilter(watched, event)

    def _accept(self) -> None:
        while (socket := self._server.nextPendingConnection()) is not None:
            _Handover(socket, self._gather)

    def _gather(self, paths: list[Path]) -> None:
        """Deliver ``paths`` (none: a start that only asked for the window) with those that
        come close after them."""
        if not self._waiting:
            self._waiting = True
            QTimer.singleShot(_GATHER_MS, self._deliver)
        self._gathered.extend(paths)

    def _deliver(self) -> None:
        paths, self._gathered, self._waiting = self._gathered, [], False
        self._receive(paths)


class _Handover(QObject):
    """One later start's message: read until it hangs up, then passed on once."""

    def __init__(self, socket: QLocalSocket, receive: Receiver) -> None:
        super().__init__(socket)  # goes with its socket
        self._socket = socket
        self._receive = receive
        self._received = bytearray()
        self._done = False
        socket.readyRead.connect(self._read)
        socket.disconnected.connect(self._finish)
        if socket.state() != QLocalSocket.LocalSocketState.ConnectedState:
            self._finish()  # it hung up before we listened

    def _read(self) -> None:
        self._received.extend(bytes(self._socket.readAll().data()))

    def _finish(self) -> None:
        if self._done:
            return
        self._done = True
        self._read()
        self._socket.deleteLater()
        try:
            paths = [Path(p) for p in json.loads(self._received.decode("utf-8"))]
        except (ValueError, TypeError) as error:
            log.warning("files handed over could not be read: %s", error)
            return
        log.info("%d path(s) handed over by another start", len(paths))
        self._receive(paths)


def _connected(name: str) -> QLocalSocket | None:
    """A socket connected to the window listening on ``name``; None when none listens."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    return socket if socket.waitForConnected(_CONNECT_MS) else None


def _answers(name: str) -> bool:
    """Whether a window listens on ``name`` now."""
    socket = _connected(name)
    if socket is not None:
        socket.abort()
    return socket is not None
