#!/usr/bin/env python3
"""Summarises the Speedscope profile that `bench/run --trace NAME` writes (bench/work/trace-NAME.speedscope.json):
inclusive time of each frame, as a share of the time threads spent serving requests (inside Kestrel's
ProcessRequests), for the frames whose name contains FILTER (default: all).

    python3 bench/profile.py bench/work/trace-me.speedscope.json [FILTER] [ROWS]"""
import collections, json, sys

path = sys.argv[1]
pattern = sys.argv[2] if len(sys.argv) > 2 else ""
rows = int(sys.argv[3]) if len(sys.argv) > 3 else 60
doc = json.load(open(path))
frames = [f["name"] for f in doc["shared"]["frames"]]
inclusive = collections.Counter()
for profile in doc["profiles"]:
    stack, open_count = [], collections.Counter()
    for event in profile.get("events", []):
        frame = event["frame"]
        if event["type"] == "O":
            stack.append((frame, event["at"]))
            open_count[frame] += 1
        elif stack:
            opened, at = stack.pop()
            open_count[opened] -= 1
            if open_count[opened] == 0:   # count recursive frames once
                inclusive[frames[opened]] += event["at"] - at
serving = sum(w for name, w in inclusive.items() if "ProcessRequests" in name and "HttpProtocol" in name) or 1
print(f"time serving requests: {serving:.0f} {doc['profiles'][0].get('unit', '')}")
shown = 0
for name, w in inclusive.most_common():
    if pattern in name and not name.startswith(("Process64", "Thread (")):
        print(f"{100 * w / serving:6.1f}%  {name[:170]}")
        shown += 1
        if shown >= rows: break
