"""The waiting room under a crowd: N buyers (2,500) wait in one performance's queue for a few
minutes against a local gateway of its own (QUEUE_CAPACITY 50 by default), and the report says how
often each waiting buyer reached the origin, by position band, how long calls took to be claimed,
whether anyone lost a place and whether calls kept ticket order.

Run it through loadtest/waiting-room (see --help). It starts, and stops by PID, only what it
starts: a private mariadbd and redis-server (temporary directories, free ports) and the gateway.
The performance has 20,000 seats (the most a layout may have), so the crowd keeps buying for the
whole run instead of selling out.
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import showdown  # noqa: E402  (its private stores and helpers)

ADMIN_JAR = os.path.join(REPO, "functions/admin/target/admin-lambda.jar")


def layout(path):
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    iso = lambda t: t.isoformat().replace("+00:00", "Z")  # noqa: E731
    with open(path, "w") as f:
        json.dump({
            "name": "Waiting room load test", "venue": "Load Test Arena",
            "startsAt": iso(now + datetime.timedelta(days=2)),
            "saleOpensAt": iso(now - datetime.timedelta(minutes=1)),
            "saleClosesAt": iso(now + datetime.timedelta(days=1)),
            "grades": [{"name": "A", "price": 50.0}],
            "zones": [{"name": "Hall", "rows": 100, "seatsPerRow": 200,
                       "grades": [{"fromRow": 1, "toRow": 100, "grade": "A"}]}],
        }, f)


def admin(db, *args):
    env = dict(os.environ, DATABASE_URL=db.jdbc_url(), DATABASE_USER="root", DATABASE_PASSWORD="")
    subprocess.run(["java", "-jar", ADMIN_JAR, *args], env=env, check=True, capture_output=True)


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def main(argv):
    parser = argparse.ArgumentParser(prog="loadtest/waiting-room", description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=2500)
    parser.add_argument("--spawn-rate", type=int, default=500)
    parser.add_argument("--duration", default="180s")
    parser.add_argument("--queue-capacity", type=int, default=50)
    parser.add_argument("--advance-interval", type=int, default=5)
    parser.add_argument("--cadence", choices=("server", "fixed"), default="server",
                        help="the buyers' queue cadence (the locustfile's --queue-cadence)")
    parser.add_argument("--jar", default=os.path.join(REPO, "functions/local-gateway/target/local-gateway-all.jar"))
    parser.add_argument("--java-opts", default="")
    parser.add_argument("--gateway-env", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--results-dir", default=None)
    args = parser.parse_args(argv)
    args.lock_strategy = "atomic"
    args.gateway_settings = dict(showdown.GATEWAY_DEFAULTS)
    args.gateway_settings.update(kv.split("=", 1) for kv in args.gateway_env)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    results = os.path.abspath(args.results_dir or os.path.join(HERE, "results", f"{stamp}-waiting-room"))
    os.makedirs(results, exist_ok=True)
    workdir = tempfile.mkdtemp(prefix="waiting-room-")
    db = showdown.MariaDb(workdir, args.jar)
    redis = showdown.Redis(workdir, "redis")
    gateway = None
    try:
        db.start()
        redis.start()
        db.fresh_database()
        admin(db, "migrate")
        layout(os.path.join(workdir, "layout.json"))
        admin(db, "create-performance", os.path.join(workdir, "layout.json"))
        performance = db.scalar("SELECT MAX(id) FROM performances")
        gateway, port = showdown.start_gateway(args, args.jar, "atomic", db, redis, results)
        showdown.log(f"gateway on port {port}, performance {performance} (20,000 seats), "
                     f"{args.users} buyers for {args.duration}; load average {load_average()}")
        before = load_average()
        run = subprocess.run(
            [os.path.join(HERE, "run"), "--host", f"http://127.0.0.1:{port}", "--users", str(args.users),
             "--spawn-rate", str(args.spawn_rate), "--duration", args.duration,
             "--results-dir", os.path.join(results, "run"), "--",
             "--performance-id", str(performance), "--queue-cadence", args.cadence])
        after = load_average()
        with open(os.path.join(results, "machine.txt"), "w") as f:
            f.write(f"load average before: {before}\nload average after: {after}\n")
        showdown.log(f"load average before the run {before}, after {after}")
        return run.returncode
    finally:
        if gateway is not None:
            showdown.stop(gateway, "gateway")
        redis.stop()
        db.stop()
        subprocess.run(["rm", "-rf", workdir])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
