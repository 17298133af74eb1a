"""Tests: a real socket on 127.0.0.1."""
import socket
import threading

from exercise import echo_once


def test_echoes_bytes_back():
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    t = threading.Thread(target=echo_once, args=(server,), daemon=True)
    t.start()
    s = socket.create_connection(server.getsockname(), timeout=2)
    s.sendall(b"ping")
    assert s.recv(1024) == b"ping"
    s.close()
    server.close()
