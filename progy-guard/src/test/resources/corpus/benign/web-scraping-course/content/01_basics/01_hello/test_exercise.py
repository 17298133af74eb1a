import http.server
import threading
from pathlib import Path

from exercise import links

PAGE = b'<a href="/a">a</a> <a href="/b">b</a>'


class Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args):
        pass


def test_links():
    server = http.server.HTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.handle_request).start()
    assert links(f"http://127.0.0.1:{server.server_port}/") == ["/a", "/b"]
    server.server_close()
