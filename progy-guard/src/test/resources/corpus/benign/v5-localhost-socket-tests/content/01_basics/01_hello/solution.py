"""Echo server: see README.md."""
import socket


def echo_once(server_socket):
    """Accept one connection and send back what it received."""
    conn, _ = server_socket.accept()
    with conn:
        conn.sendall(conn.recv(1024))
