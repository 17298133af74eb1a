import socket


def serve_once(server):
    conn, _ = server.accept()
    with conn:
        data = conn.recv(1024)
        conn.sendall(data)
