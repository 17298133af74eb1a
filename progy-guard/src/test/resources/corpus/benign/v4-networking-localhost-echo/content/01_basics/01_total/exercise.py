"""An echo server: see README.md."""
import socket


def serve_once(server):
    """Accepts one connection on server and sends back what it receives."""
    # TODO
    pass
