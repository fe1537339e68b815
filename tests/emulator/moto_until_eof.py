"""Runs moto's server on a loopback port until stdin closes.

The test harness starts this with a pipe on stdin; when the test process exits, for any reason, the
pipe closes and the emulator stops with it, so no stray servers outlive a run.
"""
import sys

from moto.server import ThreadedMotoServer

server = ThreadedMotoServer(ip_address="127.0.0.1", port=int(sys.argv[1]), verbose=False)
server.start()
print("ready", flush=True)
sys.stdin.read()
server.stop()
