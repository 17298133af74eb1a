"""An echo server: see README.md."""
import socket


def serve_once(sock):
    # TODO: accept one connection and send back what it sends
    pass
