import os
import socket


def ping():
    with socket.create_connection((os.environ.get("REDIS_HOST", "cache"), 6379), timeout=2) as s:
        s.sendall(b"PING\r\n")
        return s.recv(64).decode().strip()
