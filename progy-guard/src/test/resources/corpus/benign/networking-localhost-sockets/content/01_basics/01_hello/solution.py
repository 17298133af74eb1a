import socket


def serve_once(sock):
    conn, _ = sock.accept()
    with conn:
        conn.sendall(conn.recv(1024))
