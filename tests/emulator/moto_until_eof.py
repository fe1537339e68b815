"""Runs moto's server on a loopback port until stdin closes.

The test harness starts this with a pipe on stdin; when the test process exits, for any reason, the
pipe closes and the emulator stops with it, so no stray servers outlive a run.

Requests are applied one at a time. DynamoDB applies each request atomically (a transaction either
commits whole or is cancelled, and conflicting ones are refused with TransactionConflict); moto's
threaded server does not: a transaction snapshots the whole table with a deep copy and, when one of its
conditions fails, restores that snapshot, which can erase writes that other threads committed meanwhile,
or fail outright when another thread changes the table during the copy. Under concurrent tests that
showed up as an "exactly one winner" race with zero winners. Serialising requests gives each one the
atomicity DynamoDB promises; connections are still accepted concurrently.
"""
import sys
import threading

from werkzeug.serving import make_server

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app


class OneAtATime:
    """WSGI middleware: one request inside moto at a time, body included."""

    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            # Read the whole response while holding the lock: moto builds it from shared state.
            return list(self.app(environ, start_response))


app = OneAtATime(DomainDispatcherApplication(create_backend_app))
server = make_server("127.0.0.1", int(sys.argv[1]), app, threaded=True, request_handler=MotoRequestHandler)
threading.Thread(target=server.serve_forever, daemon=True).start()
print("ready", flush=True)
sys.stdin.read()
server.shutdown()
