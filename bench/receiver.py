#!/usr/bin/env python3
"""The benchmark's webhook receiver: answers every POST 200 at once (on loopback, a thread per connection), so that
what bench/run measures is the dispatcher's own rate. Usage: receiver.py PORT"""
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

class Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"   # keep-alive, as a real receiver behind a proxy would

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass

ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Receiver).serve_forever()
