import socket
import subprocess
import sys
import threading

from exercise import serve_once


def test_echo():
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    worker = threading.Thread(target=serve_once, args=(server,))
    worker.start()
    with socket.create_connection(("127.0.0.1", port), timeout=2) as client:
        client.sendall(b"ping")
        assert client.recv(1024) == b"ping"
    worker.join(2)
    server.close()


def test_module_runs_standalone():
    result = subprocess.run([sys.executable, "-c", "import exercise"], capture_output=True, check=False)
    assert result.returncode == 0
