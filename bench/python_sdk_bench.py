#!/usr/bin/env python3
"""Sequential DescribeMNPMAUMetricCard calls with Tencent Cloud's official Python SDK.

Usage:
    python_sdk_bench.py --endpoint 127.0.0.1:PORT [--calls N] [--warmup W]

Uses tencentcloud.common.common_client.CommonClient.call_json (tcsas /
2025-01-06 / ap-singapore) over plain http with TC3-HMAC-SHA256, the same way
tests/python/sdk_check.py does, with the SDK's default profile otherwise. One
client makes all the calls, as a user would; the SDK keeps a requests.Session,
so the connection is reused (this script counts the connections it opened).

Prints calls/s, p50/p99 latency, connections opened, and last a line
`calls_per_sec=<n>`. --calls defaults to $PY_CALLS or 2000.
"""
import argparse
import os
import sys
import time

from tencentcloud.common import credential
from tencentcloud.common.common_client import CommonClient
from tencentcloud.common.profile.client_profile import ClientProfile
from tencentcloud.common.profile.http_profile import HttpProfile

# Fake credentials: the stub server checks no signature.
SECRET_ID = "AKIDtcapiTESTxxxxxxxxxxxxxxxxxxxxxxx"
SECRET_KEY = "tcapiTESTsecretKEYxxxxxxxxxxxxxx"
BODY = {
    "SourceMonth": 202511,
    "MNPId": "mp1vd81ntbitj9k2",
    "DataType": 1,
    "MNPTeamId": 9432130281,
    "PlatformId": "T04398WY9481762VZTT",
    "TargetMonth": 202512,
    "ApplicationId": "ApplicationId",
}


def connections_opened(client):
    """New TCP connections made so far by the SDK's requests.Session (urllib3 pools)."""
    session = client.request.conn._session
    total = 0
    for adapter in session.adapters.values():
        for pool in adapter.poolmanager.pools._container.values():
            total += pool.num_connections
    return total


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True, help="host:port, plain http")
    parser.add_argument("--calls", type=int, default=int(os.environ.get("PY_CALLS", "2000")))
    parser.add_argument("--warmup", type=int, default=20)
    args = parser.parse_args()

    http_profile = HttpProfile(protocol="http", endpoint=args.endpoint)
    client_profile = ClientProfile(signMethod="TC3-HMAC-SHA256", httpProfile=http_profile)
    client = CommonClient(
        "tcsas",
        "2025-01-06",
        credential.Credential(SECRET_ID, SECRET_KEY),
        "ap-singapore",
        profile=client_profile,
    )

    # Warm up (imports, connection) and check the answer once.
    for _ in range(args.warmup):
        resp = client.call_json("DescribeMNPMAUMetricCard", BODY)
    if resp["Response"]["Data"]["SourceMAUNum"] != 27:
        print("unexpected response: %r" % resp, file=sys.stderr)
        return 1

    latencies = []
    started = time.perf_counter()
    for _ in range(args.calls):
        start = time.perf_counter()
        client.call_json("DescribeMNPMAUMetricCard", BODY)
        latencies.append(time.perf_counter() - start)
    elapsed = time.perf_counter() - started

    latencies.sort()

    def percentile(p):
        return latencies[round((len(latencies) - 1) * p)]

    calls_per_sec = len(latencies) / elapsed
    print("calls:       %d sequential" % len(latencies))
    print("elapsed:     %.3f s" % elapsed)
    print("p50 latency: %.1f µs" % (percentile(0.50) * 1e6))
    print("p99 latency: %.1f µs" % (percentile(0.99) * 1e6))
    print("connections: %d opened for %d calls" % (connections_opened(client), args.warmup + args.calls))
    print("calls_per_sec=%.0f" % calls_per_sec)
    return 0


if __name__ == "__main__":
    sys.exit(main())
