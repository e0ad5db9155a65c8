#!/usr/bin/env python3
"""RUSTC_WRAPPER that runs rustc and appends its peak resident memory to $PEAK_RSS_LOG.

Used by check.sh to show that no rustc of the catalog check goes past its memory limit.
"""
import os
import resource
import subprocess
import sys

# close_fds=False keeps cargo's jobserver pipes open for rustc.
status = subprocess.call(sys.argv[1:], close_fds=False)
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
args = sys.argv[2:]
name = args[args.index("--crate-name") + 1] if "--crate-name" in args else "?"
log = os.environ.get("PEAK_RSS_LOG")
if log:
    with open(log, "a", encoding="utf-8") as out:
        out.write(f"{peak_kib} {name}\n")
sys.exit(status)
