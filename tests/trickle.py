"""A local HTTP server that answers one byte at a time, slower than anyone wants to wait.

Each request is read whole and recorded; the answer then trickles out one byte every
``interval`` seconds and is never finished (its header never ends), which defeats any
per-read timeout.
"""

from __future__ import annotations

import socket
import threading


class TrickleServer:
    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.requests: list[bytes] = []
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        self._listener.settimeout(0.2)
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            data = b""
            try:
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return
                    data += chunk
                head, _, body = data.partition(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value.strip())
                while len(body) < length:
                    body += conn.recv(65536)
            except OSError:
                return
            with self._lock:
                self.requests.append(head + b"\r\n\r\n" + body)
            # A header that never ends: each byte resets any per-read timeout.
            answer = b"HTTP/1.1 200 OK\r\nX-Trickle: "
            position = 0
            while not self._stop.wait(self.interval):
                byte = answer[position : position + 1] or b"a"
                position += 1
                try:
                    conn.sendall(byte)
                except OSError:
                    return

    def stop(self) -> None:
        self._stop.set()
        self._listener.close()  # serving threads end at their next byte (they see _stop)
