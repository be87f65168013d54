#!/usr/bin/env python3
"""Load script for a running Strata: the same questions through Strata's GraphQL and straight to Druid SQL.

Asks KPI and time-series questions over the README's `sales` dataset, at each concurrency given, alternating
Strata and Druid request by request so that any load on the machine falls on both alike, and prints p50/p95
latency, throughput and the ratio of Strata to Druid. Standard library only (Python 3.9+).

    java -jar api/target/strata.jar --strata.analytics.rate-limit.enabled=false &   # the README's run command,
    #   without the per-client rate limit (50 requests/s), which this script exceeds on purpose
    curl -s -u strata-analyst:strata-analyst -d grant_type=client_credentials http://localhost:8080/oauth2/token
    #   ... upload api/examples/sales.csv into dataset "sales" as in the README, then:
    python3 api/bench/load.py --requests 500 --concurrency 1,8

The broker defaults to the local stack's (base port 18100 + 2). `--no-cache-busting` asks the very same question
every time (Strata answers from its cache); by default each request shifts the interval by a millisecond, so every
Strata request is a cache miss that goes to Druid, as Druid's own requests do.
"""

import argparse
import base64
import http.client
import json
import os
import statistics
import threading
import time
import urllib.parse
import urllib.request

KPIS = """query($start: DateTime!) { kpis(dataset: "sales", measures: [{aggregate: COUNT},
  {column: "revenue", aggregate: SUM}, {column: "quantity", aggregate: SUM}],
  interval: {start: $start, end: "2030-01-01T00:00:00Z"}) { measure value } }"""
KPIS_SQL = ("SELECT COUNT(*), SUM(\"revenue\"), SUM(\"quantity\") FROM \"sales\" "
            "WHERE __time >= MILLIS_TO_TIMESTAMP(?) AND __time < TIMESTAMP '2030-01-01 00:00:00'")
SERIES = """query($start: DateTime!) { timeseries(dataset: "sales", measures: [{aggregate: COUNT},
  {column: "revenue", aggregate: SUM}], granularity: DAY,
  interval: {start: $start, end: "2030-01-01T00:00:00Z"}) { time values { value } } }"""
SERIES_SQL = ("SELECT TIME_FLOOR(__time, 'P1D'), COUNT(*), SUM(\"revenue\") FROM \"sales\" "
              "WHERE __time >= MILLIS_TO_TIMESTAMP(?) AND __time < TIMESTAMP '2030-01-01 00:00:00' GROUP BY 1 ORDER BY 1")
START_MS = 1_700_000_000_000  # 2023-11-14, before every row of the example
# One sequence for the whole session: with cache busting, no question is ever asked twice.
SEQUENCE = iter(range(10 ** 9))
SEQUENCE_LOCK = threading.Lock()


def token(strata, client):
    request = urllib.request.Request(
        strata + "/oauth2/token", data=b"grant_type=client_credentials",
        headers={"Authorization": "Basic " + base64.b64encode(f"{client}:{client}".encode()).decode(),
                 "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request) as answer:
        return json.load(answer)["access_token"]


class Target:
    """One keep-alive connection per thread to Strata or to the broker."""

    def __init__(self, url):
        parsed = urllib.parse.urlparse(url)
        self.host, self.port = parsed.hostname, parsed.port or 80
        self.local = threading.local()

    def post(self, path, body, headers):
        connection = getattr(self.local, "connection", None)
        if connection is None:
            connection = self.local.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        # Bytes, so http.client sends headers and body in one write.
        connection.request("POST", path, json.dumps(body).encode(), headers)
        answer = connection.getresponse()
        data = answer.read()
        if answer.status != 200:
            raise RuntimeError(f"{path} answered {answer.status}: {data[:300]!r}")
        return data


def strata_call(target, bearer, document):
    def call(i):
        start = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime((START_MS + i) / 1000)) + f".{(START_MS + i) % 1000:03d}Z"
        data = target.post("/graphql", {"query": document, "variables": {"start": start}},
                           {"Content-Type": "application/json", "Authorization": "Bearer " + bearer})
        if b'"errors"' in data:
            raise RuntimeError(data[:300])
    return call


def druid_call(target, sql):
    def call(i):
        target.post("/druid/v2/sql", {"query": sql, "parameters": [{"type": "BIGINT", "value": START_MS + i}],
                                      "context": {"sqlTimeZone": "UTC"}},
                    {"Content-Type": "application/json"})
    return call


def run(paths, requests, concurrency, bust):
    """Each thread alternates the paths; answers {name: (latencies ms, elapsed s)}."""
    latencies = {name: [] for name in paths}
    lock = threading.Lock()

    failures = []

    def worker(n):
        try:
            for _ in range(n):
                with SEQUENCE_LOCK:
                    i = next(SEQUENCE) if bust else 0
                for name, call in paths.items():
                    t = time.perf_counter()
                    call(i)
                    elapsed = (time.perf_counter() - t) * 1000
                    with lock:
                        latencies[name].append(elapsed)
        except Exception as e:  # reported once below, not per thread
            failures.append(e)

    per_thread = max(1, requests // concurrency)
    threads = [threading.Thread(target=worker, args=(per_thread,)) for _ in range(concurrency)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failures:
        raise SystemExit(f"requests failed ({len(failures)} threads): {failures[0]}\n"
                         "(RATE_LIMITED? start Strata with --strata.analytics.rate-limit.enabled=false)")
    return latencies, time.perf_counter() - began


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--strata", default="http://localhost:8080")
    parser.add_argument("--broker", default="http://localhost:18102")
    parser.add_argument("--client", default="strata-viewer")
    parser.add_argument("--requests", type=int, default=300, help="requests per path and concurrency")
    parser.add_argument("--concurrency", default="1,8")
    parser.add_argument("--warmup", type=int, default=300)
    parser.add_argument("--no-cache-busting", dest="bust", action="store_false")
    args = parser.parse_args()

    bearer = token(args.strata, args.client)
    strata, broker = Target(args.strata), Target(args.broker)
    questions = {"kpis": (KPIS, KPIS_SQL), "timeseries": (SERIES, SERIES_SQL)}
    print(f"Strata {args.strata} vs Druid SQL over HTTP {args.broker}; {args.requests} requests per path; "
          f"{'every Strata request a cache miss' if args.bust else 'the same question (Strata cache hits)'}; "
          f"load average {os.getloadavg()[0]:.2f}")
    print(f"{'question':11} {'conc':>4} {'path':7} {'p50 ms':>8} {'p95 ms':>8} {'p50/Druid':>10}")
    for name, (document, sql) in questions.items():
        paths = {"druid": druid_call(broker, sql), "strata": strata_call(strata, bearer, document)}
        run(paths, args.warmup, 1, args.bust)
        for concurrency in [int(c) for c in args.concurrency.split(",")]:
            latencies, elapsed = run(paths, args.requests, concurrency, args.bust)
            base = statistics.median(latencies["druid"])
            for path in ("druid", "strata"):
                values = latencies[path]
                print(f"{name:11} {concurrency:>4} {path:7} {statistics.median(values):8.2f} "
                      f"{percentile(values, 0.95):8.2f} {statistics.median(values) / base:9.2f}x")
            total = sum(len(v) for v in latencies.values())
            print(f"{'':11} {concurrency:>4} both    {total / elapsed:8.1f} requests/s (the two paths interleaved)")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
