#!/usr/bin/env python3
"""Summarises the Speedscope profile that `bench/run --trace NAME` writes (bench/work/trace-NAME.speedscope.json).

    python3 bench/profile.py PROFILE [FILTER] [ROWS]     inclusive time of each frame whose name contains FILTER, as a
                                                         share of the time threads spent serving requests (inside
                                                         Kestrel's ProcessRequests); waits count, so async frames look big
    python3 bench/profile.py PROFILE --cpu [ROWS]        where the CPU goes: on-CPU samples of the request path (Kestrel,
                                                         sockets, Npgsql) by assembly and by the frame that was running
    python3 bench/profile.py PROFILE --share PATTERN...  the share of all the process's on-CPU samples (background work
                                                         included) with a frame matching each PATTERN on their stack,
                                                         e.g. RequestLogWriter: what the request log's writer costs
    python3 bench/profile.py PROFILE --callers PATTERN [DEPTH] [ROWS]
                                                         who calls the frames matching PATTERN (e.g. Monitor.Enter_Slowpath:
                                                         which lock), with DEPTH frames of each calling chain

--cpu then --callers Enter_Slowpath is how the contended locks were looked for; the sampler itself makes most of what it
shows (bench/README.md: compare with /metrics' dotnet_monitor_lock_contentions_total)."""
import collections, json, sys

# Frames of the runtime itself: CPU spent there is attributed to the first caller outside them.
RUNTIME = ("System.Private.CoreLib", "System.Memory", "?", "System.Collections", "System.Linq", "System.Runtime")


def closed_frames(doc):
    """Yields (frame name, duration, names of the enclosing frames, innermost last) for every closed frame."""
    frames = [f["name"] for f in doc["shared"]["frames"]]
    for profile in doc["profiles"]:
        stack = []
        for event in profile.get("events", []):
            if event["type"] == "O":
                stack.append((event["frame"], event["at"]))
            elif stack:
                frame, at = stack.pop()
                yield frames[frame], event["at"] - at, stack, frames


def inclusive(doc, pattern, rows):
    totals = collections.Counter()
    for profile in doc["profiles"]:
        stack, open_count = [], collections.Counter()
        frames = [f["name"] for f in doc["shared"]["frames"]]
        for event in profile.get("events", []):
            frame = event["frame"]
            if event["type"] == "O":
                stack.append((frame, event["at"]))
                open_count[frame] += 1
            elif stack:
                opened, at = stack.pop()
                open_count[opened] -= 1
                if open_count[opened] == 0:   # count recursive frames once
                    totals[frames[opened]] += event["at"] - at
    serving = sum(w for name, w in totals.items() if "ProcessRequests" in name and "HttpProtocol" in name) or 1
    print(f"time serving requests: {serving:.0f} {doc['profiles'][0].get('unit', '')}")
    shown = 0
    for name, w in totals.most_common():
        if pattern in name and not name.startswith(("Process64", "Thread (")):
            print(f"{100 * w / serving:6.1f}%  {name[:170]}")
            shown += 1
            if shown >= rows: break


def cpu(doc, rows):
    by_assembly, by_frame = collections.Counter(), collections.Counter()
    for name, duration, stack, frames in closed_frames(doc):
        if name != "CPU_TIME" or not stack: continue
        enclosing = [frames[f] for f, _ in stack]
        if not any("ProcessRequests" in n or "Npgsql" in n or "Sockets" in n for n in enclosing): continue
        by_frame[enclosing[-1]] += duration
        assembly = next((n.split("!")[0] for n in reversed(enclosing) if n.split("!")[0] not in RUNTIME), "?")
        by_assembly[assembly] += duration
    total = sum(by_assembly.values()) or 1
    print("on-CPU time of the request path, by assembly (runtime frames charged to their caller):")
    for name, w in by_assembly.most_common(15): print(f"{100 * w / total:6.1f}%  {name}")
    print("\nby running frame (?!? = native code: the kernel, the runtime):")
    for name, w in by_frame.most_common(rows): print(f"{100 * w / total:6.1f}%  {name[:170]}")


def share(doc, patterns):
    total, within = 0, collections.Counter()
    for name, duration, stack, frames in closed_frames(doc):
        if name != "CPU_TIME": continue
        total += duration
        enclosing = [frames[f] for f, _ in stack]
        for pattern in patterns:
            if any(pattern in n for n in enclosing): within[pattern] += duration
    for pattern in patterns: print(f"{100 * within[pattern] / (total or 1):6.2f}%  {pattern}")


def callers(doc, pattern, depth, rows):
    chains = collections.Counter()
    for name, duration, stack, frames in closed_frames(doc):
        if pattern in name and stack:
            chains[" <- ".join(frames[f][:110] for f, _ in reversed(stack[-depth:]))] += duration
    for chain, w in chains.most_common(rows): print(f"{w:9.0f}  {chain}")


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args: sys.exit(__doc__)
    doc = json.load(open(args[0]))
    if len(args) > 1 and args[1] == "--cpu":
        cpu(doc, int(args[2]) if len(args) > 2 else 30)
    elif len(args) > 2 and args[1] == "--share":
        share(doc, args[2:])
    elif len(args) > 2 and args[1] == "--callers":
        callers(doc, args[2], int(args[3]) if len(args) > 3 else 2, int(args[4]) if len(args) > 4 else 15)
    else:
        inclusive(doc, args[1] if len(args) > 1 else "", int(args[2]) if len(args) > 2 else 60)
