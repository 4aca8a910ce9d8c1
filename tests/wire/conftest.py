import http.server
import threading

import pytest


@pytest.fixture
def web_server(settings):
    """HTTP servers on this machine standing for agencies and for internal hosts.

    `serve(files, host=…)` answers each path with (content type, body), or with
    ("redirect", location) a 302; anything else is a 404. Every request is counted in
    `serve.hits`, so a test can tell a refused download from a failed one. 127.0.0.1 is
    allowed for downloads, as an operator allows an agency's intranet host; any other
    loopback address (127.0.0.2…) stands for an internal service and stays refused.
    """
    settings.WIRE_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    servers = []
    hits = []

    def serve(files, host="127.0.0.1"):
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                hits.append((host, self.path))
                if self.path not in files:
                    self.send_error(404)
                    return
                content_type, body = files[self.path]
                if content_type == "redirect":
                    self.send_response(302)
                    self.send_header("Location", body)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = http.server.HTTPServer((host, 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://{host}:{server.server_port}"

    serve.hits = hits
    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()
