import socket
import threading
from exercise import serve_once


def test_echoes_on_localhost():
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    t = threading.Thread(target=serve_once, args=(server,), daemon=True)
    t.start()
    with socket.create_connection(("127.0.0.1", port), timeout=2) as client:
        client.sendall(b"ping")
        assert client.recv(1024) == b"ping"
    server.close()
