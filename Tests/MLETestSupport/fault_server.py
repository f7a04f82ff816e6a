#!/usr/bin/env python3
"""A real HTTP server on 127.0.0.1 for mlepkg's fetch tests, with faults injected.

Serves files from --root. The first path segment picks the behaviour:
  /files/NAME          the file, with Range support
  /drop-once/NAME      first request: headers for the whole file, half the body, then the
                       connection is dropped; later requests are served normally
  /fail-then-ok/NAME   first request 500, then like /files
  /always-500/NAME     always 500
  /status/CODE/NAME    always CODE
  /html/NAME           200 with an HTML error page instead of the file
  /truncated/NAME      200 with the first half of the file and a matching Content-Length
  /slow/NAME           the file in 16 chunks, 50 ms apart
  /norange/NAME        ignores Range headers (always the whole file, 200)
  /drop-then-416/NAME  first request like /drop-once; any Range request then gets 416 without a
                       size (a server that cannot resume); requests without Range get the file
  /endless/NAME        200 with no Content-Length and zeros until the client hangs up
  /redirect-loop/NAME  302 to itself, forever
  /redirect-file/NAME  302 to file:///etc/hostname
  /not-http/NAME       answers with a line that is not HTTP, then closes
  /retry-after/CODE/SECONDS/NAME   first request CODE with Retry-After: SECONDS, then the file
  /hits/PATH           JSON: how many requests PATH has had
Kaggle's API (user "alice", key "secret"):
  /api/v1/competitions/data/download-all/SLUG and .../download/SLUG/FILE
  /api/v1/datasets/download/OWNER/NAME[/FILE]
  /api/v1/competitions/data/list/SLUG   [] (rules accepted), or 403 when ROOT/not-accepted/SLUG exists
  /api/v1/competitions/SLUG/leaderboard/download   ROOT/leaderboards/SLUG.zip
  -> 401 without valid basic auth; 403 with Kaggle's rules message for SLUG "rules-not-accepted";
     404 when the file is missing; else 302 to /storage/..., which refuses requests that carry
     an Authorization header (credentials must not leak to the storage host).
Prints "PORT <n>" on stdout once listening. Stops after --lifetime seconds.
"""
import argparse
import base64
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HITS = {}
LOCK = threading.Lock()
RULES_BODY = json.dumps({"code": 403, "message": "You must accept this competition's rules before you'll be able to download files."})


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    root = "."

    def log_message(self, *args):
        pass

    def count(self):
        with LOCK:
            HITS[self.path] = HITS.get(self.path, 0) + 1
            return HITS[self.path]

    def send_bytes(self, code, body, ctype="application/octet-stream", extra=None):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def read_file(self, name):
        path = os.path.join(self.root, name)
        if ".." in name.split("/") or not os.path.isfile(path):
            return None
        with open(path, "rb") as f:
            return f.read()

    def serve(self, data, honour_range=True):
        rng = self.headers.get("Range")
        if honour_range and rng and rng.startswith("bytes="):
            start = int(rng[6:].split("-")[0])
            if start >= len(data):
                self.send_bytes(416, b"", extra={"Content-Range": "bytes */%d" % len(data)})
                return
            self.send_bytes(206, data[start:], extra={"Content-Range": "bytes %d-%d/%d" % (start, len(data) - 1, len(data))})
        else:
            self.send_bytes(200, data)

    def do_GET(self):
        n = self.count()
        parts = self.path.split("?")[0].lstrip("/").split("/")
        kind, rest = parts[0], "/".join(parts[1:])
        if kind == "hits":
            with LOCK:
                body = json.dumps({"hits": HITS.get("/" + rest, 0)}).encode()
            return self.send_bytes(200, body, "application/json")
        if kind == "api":
            return self.kaggle(parts[2:])
        if kind == "storage":
            if self.headers.get("Authorization"):
                return self.send_bytes(400, b"credentials leaked to the storage host", "text/plain")
            data = self.read_file(rest)
            return self.serve(data) if data is not None else self.send_bytes(404, b"no such object", "text/plain")
        if kind == "status":
            code, _, name = rest.partition("/")
            return self.send_bytes(int(code), b"status %s" % code.encode(), "text/plain")
        if kind == "redirect-loop":
            return self.send_bytes(302, b"", extra={"Location": self.path})
        if kind == "redirect-file":
            return self.send_bytes(302, b"", extra={"Location": "file:///etc/hostname"})
        if kind == "not-http":
            self.wfile.write(b"SSH-2.0-OpenSSH_9.2\r\n")
            self.wfile.flush()
            self.close_connection = True
            return
        if kind == "endless":
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            block = bytes(1 << 16)
            try:
                while True:
                    self.wfile.write(block)
            except (BrokenPipeError, ConnectionResetError):
                return
        if kind == "retry-after":
            code, seconds, name = rest.split("/", 2)
            data = self.read_file(name)
            if n == 1:
                return self.send_bytes(int(code), b"slow down", "text/plain", extra={"Retry-After": seconds})
            return self.serve(data)
        if kind == "always-500":
            return self.send_bytes(500, b"<html><body>Internal Server Error</body></html>", "text/html")
        data = self.read_file(rest.split("/", 1)[-1] if kind == "status" else rest)
        if data is None:
            return self.send_bytes(404, b"not found", "text/plain")
        if kind == "files":
            return self.serve(data)
        if kind == "norange":
            return self.serve(data, honour_range=False)
        if kind == "fail-then-ok":
            if n == 1:
                return self.send_bytes(500, b"<html><body>try again</body></html>", "text/html")
            return self.serve(data)
        if kind == "html":
            return self.send_bytes(200, b"<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Please sign in</body></html>\n", "text/html")
        if kind == "truncated":
            return self.send_bytes(200, data[: len(data) // 2])
        if kind == "drop-then-416" and self.headers.get("Range"):
            return self.send_bytes(416, b"range not satisfiable", "text/plain")
        if kind in ("drop-once", "drop-then-416"):
            if n == 1:
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data[: len(data) // 2])
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(2)
                return
            return self.serve(data)
        if kind == "slow":
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            step = max(1, len(data) // 16)
            for i in range(0, len(data), step):
                self.wfile.write(data[i:i + step])
                self.wfile.flush()
                time.sleep(0.05)
            return
        self.send_bytes(404, b"unknown behaviour", "text/plain")

    def kaggle(self, parts):
        auth = self.headers.get("Authorization", "")
        expected = "Basic " + base64.b64encode(b"alice:secret").decode()
        if auth != expected:
            return self.send_bytes(401, json.dumps({"code": 401, "message": "Unauthenticated"}).encode(), "application/json")
        # competitions/data/download-all/SLUG, competitions/data/download/SLUG/FILE, datasets/download/O/N[/F]
        if parts[:3] == ["competitions", "data", "download-all"] and len(parts) == 4:
            slug, target = parts[3], "competitions/%s.zip" % parts[3]
        elif parts[:3] == ["competitions", "data", "download"] and len(parts) >= 5:
            slug, target = parts[3], "competitions/%s/%s" % (parts[3], "/".join(parts[4:]))
        elif parts[:3] == ["competitions", "data", "list"] and len(parts) == 4:
            # Files of a competition: 403 until its rules are accepted (a file ROOT/not-accepted/SLUG).
            if os.path.exists(os.path.join(self.root, "not-accepted", parts[3])):
                return self.send_bytes(403, RULES_BODY.encode(), "application/json")
            return self.send_bytes(200, b"[]", "application/json")
        elif len(parts) == 4 and parts[0] == "competitions" and parts[2:] == ["leaderboard", "download"]:
            slug, target = parts[1], "leaderboards/%s.zip" % parts[1]
        elif parts[:2] == ["datasets", "download"] and len(parts) >= 4:
            slug = None
            target = "datasets/%s/%s" % (parts[2], parts[3]) + ("/" + "/".join(parts[4:]) if len(parts) > 4 else ".zip")
        else:
            return self.send_bytes(404, b'{"code":404,"message":"Not found"}', "application/json")
        if slug == "rules-not-accepted":
            return self.send_bytes(403, RULES_BODY.encode(), "application/json")
        if not os.path.isfile(os.path.join(self.root, target)):
            return self.send_bytes(404, b'{"code":404,"message":"Not found"}', "application/json")
        self.send_response(302)
        # Another host name, as Kaggle redirects to a storage host: credentials must not follow.
        self.send_header("Location", "http://localhost:%d/storage/%s?X-Goog-Signature=abc" % (self.server.server_address[1], target))
        self.send_header("Content-Length", "0")
        self.end_headers()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--lifetime", type=float, default=600)
    args = ap.parse_args()
    Handler.root = args.root
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print("PORT %d" % server.server_address[1], flush=True)
    threading.Timer(args.lifetime, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
