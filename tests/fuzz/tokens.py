"""Signs in to the local gateway as the demo patient (by an emailed code) and as its admin, and prints
both access tokens on one line, for the fuzzer's Authorization headers."""
import json
import re
import sys
import time
import urllib.request

base, host = sys.argv[1], sys.argv[2]


def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method, headers={"Host": host, "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


started = call("POST", "/auth/otp/start", {"channel": "email", "address": "ann@example.com"})
code = None
for _ in range(50):
    entries = call("GET", "/_local/outbox")
    for entry in entries:
        if entry["to"] == "ann@example.com" and (match := re.search(r"\b(\d{6})\b", entry["body"])):
            code = match.group(1)
            break
    if code:
        break
    time.sleep(0.1)
patient = call("POST", "/auth/otp/verify", {"challenge_id": started["challenge_id"], "code": code})["access_token"]
staff = call("POST", "/_local/staff/sign-in", {"email": "admin@riverside.example"})["access_token"]
print(patient, staff)
