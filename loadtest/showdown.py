"""The lock-strategy showdown: the buyer scenario once per LOCK_STRATEGY, each on a fresh local
gateway with fresh stores (500 seats), the database checked directly after every run, the raw
Redis and MySQL ceilings measured next to every run, a table (showdown.md) and a plot.

Run it through loadtest/showdown (see --help). It starts, and stops by PID, only what it starts:
a private mariadbd and redis-server (from the machine's binaries, temporary directories, free
ports) and one gateway per strategy.
"""

import argparse
import csv
import datetime
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import report  # noqa: E402

# On a 2-core machine that also runs the load generator, connection set-up and commands can wait
# longer than the service's default 250 ms Redis budget; the showdown compares lock strategies,
# not that budget. Every simulated buyer connects from 127.0.0.1, so the gateway's cap on one
# address's connections (a defence against slow clients) is raised far above the crowd, and the
# per-address join limit is off. Override with --gateway-env NAME=VALUE.
GATEWAY_DEFAULTS = {"REDIS_CONNECT_TIMEOUT_MS": "2000", "REDIS_COMMAND_TIMEOUT_MS": "2000",
                    "MAX_CONNECTIONS_PER_CLIENT": "100000", "JOIN_LIMIT_PER_ADDRESS": "0"}
# The lock strategies, in the service's order (the default first): asked of the gateway jar in
# main(), never listed here.
STRATEGIES = ()
DATABASE = "ticketing"
PERFORMANCE = 1


def log(message):
    print(f"[showdown {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(process, name, timeout=60):
    """SIGTERM to this one process, wait, SIGKILL if it will not go."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        log(f"{name} (pid {process.pid}) ignored SIGTERM for {timeout} s; killing it")
        process.kill()
        process.wait(10)


def wait_for_port(port, process, name, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"{name} did not listen on {port} within {timeout} s")


# --------------------------------------------------------------------------------------------
# Private stores
# --------------------------------------------------------------------------------------------


def java_lines(jar, main_class):
    """What a small main of the project prints, one item per line (the one source of that list)."""
    out = subprocess.run(["java", "-cp", jar, main_class], capture_output=True, text=True, check=True).stdout
    return [line.strip() for line in out.splitlines() if line.strip()]


class MariaDb:
    def __init__(self, workdir, jar):
        self.server_options = java_lines(jar, "dev.ticketing.local.MariaDbServerOptions")
        self.dir = os.path.join(workdir, "mariadb")
        self.port = free_port()
        self.process = None

    def start(self):
        os.makedirs(self.dir)
        with open(os.path.join(self.dir, "install.log"), "w") as out:
            subprocess.run(
                ["mariadb-install-db", "--no-defaults", f"--datadir={self.dir}/data", "--user=root",
                 "--auth-root-authentication-method=normal", "--skip-test-db"],
                stdout=out, stderr=subprocess.STDOUT, check=True)
        # The server options of the gateway's embedded MariaDB (MariaDbServerOptions), durable commits.
        self.process = subprocess.Popen(
            ["/usr/sbin/mariadbd", "--no-defaults", f"--datadir={self.dir}/data",
             f"--port={self.port}", "--bind-address=127.0.0.1", f"--socket={self.dir}/mysqld.sock",
             f"--pid-file={self.dir}/mysqld.pid", "--user=root", "--skip-log-bin",
             *self.server_options],
            stdout=open(os.path.join(self.dir, "server.log"), "w"), stderr=subprocess.STDOUT)
        wait_for_port(self.port, self.process, "mariadbd")
        for _ in range(50):
            if subprocess.run(self.cli() + ["-e", "SELECT 1"], capture_output=True).returncode == 0:
                return
            time.sleep(0.2)
        raise RuntimeError("mariadbd does not answer")

    def cli(self, database=None):
        command = ["mariadb", "-h127.0.0.1", f"-P{self.port}", "-uroot", "-N", "-B"]
        return command + ([database] if database else [])

    def sql(self, statement, database=None):
        result = subprocess.run(self.cli(database) + ["-e", statement], capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"SQL failed: {statement}\n{result.stderr}")
        return [line.split("\t") for line in result.stdout.splitlines()]

    def scalar(self, statement, database=DATABASE):
        return int(self.sql(statement, database)[0][0])

    def fresh_database(self):
        self.sql(f"DROP DATABASE IF EXISTS {DATABASE}; CREATE DATABASE {DATABASE} CHARACTER SET utf8mb4")

    def jdbc_url(self):
        return f"jdbc:mysql://127.0.0.1:{self.port}/{DATABASE}"

    def stop(self):
        stop(self.process, "mariadbd")


class Redis:
    def __init__(self, workdir, name):
        self.dir = os.path.join(workdir, name)
        self.port = free_port()
        self.process = None

    def start(self):
        os.makedirs(self.dir, exist_ok=True)
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", self.dir, "--maxclients", "10000"],
            stdout=open(os.path.join(self.dir, "server.log"), "w"), stderr=subprocess.STDOUT)
        wait_for_port(self.port, self.process, "redis-server")

    def url(self):
        return f"redis://127.0.0.1:{self.port}"

    def stop(self):
        stop(self.process, "redis-server")


# --------------------------------------------------------------------------------------------
# Ceilings: what the stores alone can do on this machine, measured next to each run
# --------------------------------------------------------------------------------------------


def redis_ceiling(redis, requests=100_000, clients=50):
    """Round trips per second: PING from redis-benchmark's C client, `clients` connections."""
    out = subprocess.run(
        ["redis-benchmark", "-h", "127.0.0.1", "-p", str(redis.port), "-c", str(clients),
         "-n", str(requests), "-t", "ping_mbulk", "-q", "--csv"],
        capture_output=True, text=True, check=True).stdout
    rows = list(csv.DictReader(out.splitlines()))
    return float(rows[0]["rps"])


def mysql_ceiling(db, workdir, queries=20_000, clients=32):
    """Commits per second: single-row UPDATEs in autocommit on random seats of a 500-row copy of
    the seats table, from mariadb-slap's C client, `clients` connections, durable commits."""
    db.sql("DROP DATABASE IF EXISTS ceiling; CREATE DATABASE ceiling")
    db.sql("CREATE TABLE seats (id BIGINT PRIMARY KEY, status VARCHAR(16) NOT NULL DEFAULT "
           "'AVAILABLE', version BIGINT NOT NULL DEFAULT 0) ENGINE=InnoDB", "ceiling")
    db.sql("INSERT INTO seats (id) SELECT seq FROM seq_1_to_500", "ceiling")
    path = os.path.join(workdir, "ceiling.sql")
    import random
    rng = random.Random(7)
    with open(path, "w") as f:
        f.write(";".join(f"UPDATE seats SET version = version + 1 WHERE id = {rng.randint(1, 500)}"
                         for _ in range(2000)))
    out = subprocess.run(
        ["mariadb-slap", "-h127.0.0.1", f"-P{db.port}", "-uroot", "--create-schema=ceiling",
         f"--concurrency={clients}", "--iterations=1", f"--query={path}", "--delimiter=;",
         f"--number-of-queries={queries}"],
        capture_output=True, text=True, check=True).stdout
    seconds = float(re.search(r"Average number of seconds to run all queries: ([\d.]+)", out).group(1))
    committed = db.scalar("SELECT SUM(version) FROM seats", "ceiling")
    db.sql("DROP DATABASE ceiling")
    return committed / seconds


# --------------------------------------------------------------------------------------------
# One strategy
# --------------------------------------------------------------------------------------------


def start_gateway(args, jar, strategy, db, redis, run_dir):
    port = free_port()
    env = dict(os.environ)
    for name in list(env):
        if name in ("DATABASE_URL", "REDIS_URL", "REDIS_READER_URL", "DATA_DIR"):
            del env[name]
    env.update({
        "PORT": str(port), "LOCK_STRATEGY": strategy,
        "QUEUE_CAPACITY": str(args.queue_capacity),
        "ADVANCE_INTERVAL_SECONDS": str(args.advance_interval),
        "DATABASE_URL": db.jdbc_url(), "DATABASE_USER": "root", "DATABASE_PASSWORD": "",
        "REDIS_URL": redis.url(),
    })
    env.update(args.gateway_settings)
    log_path = os.path.join(run_dir, "gateway.log")
    process = subprocess.Popen(
        ["java", *args.java_opts.split(), "-jar", jar], cwd=REPO, env=env,
        stdout=open(log_path, "w"), stderr=subprocess.STDOUT)
    deadline = time.time() + 240
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the gateway exited with {process.returncode}; see {log_path}")
        with open(log_path, errors="replace") as f:
            if "ready: open http://localhost:" in f.read():
                return process, port
        time.sleep(0.5)
    stop(process, "gateway")
    raise RuntimeError(f"the gateway did not become ready in 240 s; see {log_path}")


def server_errors_during_run(gateway_log_text, run_dir):
    """5xx answers the gateway logged while the users ran. A user killed at the stop hangs up
    under its request; the gateway logs that request with the answer it missed and "(client
    gone)", never as a 500, and the window below leaves out the stop anyway."""
    try:
        summary = report.read_metrics(run_dir)["summary"]
        start = time.strftime("%H:%M:%S", time.localtime(summary["started_at"]))
        end = time.strftime("%H:%M:%S", time.localtime(summary["stopped_at"]))
    except (OSError, KeyError, TypeError):
        start, end = "00:00:00", "99:99:99"
    lines = re.findall(r"^(\d\d:\d\d:\d\d)\.\d+ .* 5\d\d \d+ms$", gateway_log_text, re.M)
    return sum(1 for t in lines if start <= t < end)


def admin_audit(jar, db, run_dir):
    """The operator's audit (admin audit, the same checks as below, the same as on AWS) against
    this run's private database: the showdown's verdict needs both to agree."""
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "REDIS_READER_URL")}
    env.update({"DATABASE_URL": db.jdbc_url(), "DATABASE_USER": "root", "DATABASE_PASSWORD": ""})
    command = ["java", "-cp", jar, "dev.ticketing.admin.AdminCommand", "audit", str(PERFORMANCE),
               "--reservations", os.path.join(run_dir, "reservations.jsonl"), "--json"]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    with open(os.path.join(run_dir, "audit.json"), "w") as f:
        f.write(done.stdout)
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError:
        raise RuntimeError(f"admin audit failed ({done.returncode}): {done.stderr.strip()[-2000:]}")


def check_database(db, run_dir, gateway_log, jar):
    """The correctness verdict: straight from the database, against what the clients saw."""
    seats = db.scalar(f"SELECT COUNT(*) FROM seats WHERE performance_id = {PERFORMANCE}")
    reserved = db.scalar(
        f"SELECT COUNT(*) FROM seats WHERE performance_id = {PERFORMANCE} AND status <> 'AVAILABLE'")
    holds = dict(db.sql(
        f"SELECT status, COUNT(*) FROM reservations WHERE performance_id = {PERFORMANCE} GROUP BY status",
        DATABASE))
    # Holds and their ends: HELD seats only in HELD reservations, RESERVED ones only in CONFIRMED
    # ones, no seats left in a released or expired hold.
    out_of_step = db.scalar(
        "SELECT COUNT(*) FROM reservation_seats rs JOIN seats s ON s.id = rs.seat_id "
        f"JOIN reservations r ON r.id = rs.reservation_id WHERE s.performance_id = {PERFORMANCE} "
        "AND NOT ((r.status = 'HELD' AND s.status = 'HELD') OR (r.status = 'CONFIRMED' AND s.status = 'RESERVED'))")
    overdue = db.scalar(
        f"SELECT COUNT(*) FROM reservations WHERE performance_id = {PERFORMANCE} AND status = 'HELD' "
        "AND expires_at < UTC_TIMESTAMP(3) - INTERVAL 5 SECOND")
    booked = db.scalar(
        "SELECT COUNT(*) FROM reservation_seats rs JOIN reservations r ON r.id = rs.reservation_id "
        f"WHERE r.performance_id = {PERFORMANCE}")
    double = db.scalar(
        "SELECT COUNT(*) FROM (SELECT seat_id FROM reservation_seats GROUP BY seat_id "
        "HAVING COUNT(*) > 1) d")
    mismatched = db.scalar(
        "SELECT COUNT(*) FROM seats s LEFT JOIN reservation_seats rs ON rs.seat_id = s.id "
        f"WHERE s.performance_id = {PERFORMANCE} AND (s.status <> 'AVAILABLE') <> (rs.seat_id IS NOT NULL)")
    over_limit = db.scalar(
        "SELECT COUNT(*) FROM (SELECT r.holder FROM reservations r JOIN reservation_seats rs "
        f"ON rs.reservation_id = r.id WHERE r.performance_id = {PERFORMANCE} GROUP BY r.holder "
        "HAVING COUNT(*) > 4) h")
    in_db = {}
    for reservation_id, seat_id in db.sql("SELECT reservation_id, seat_id FROM reservation_seats", DATABASE):
        in_db.setdefault(reservation_id, set()).add(int(seat_id))
    seen = []
    path = os.path.join(run_dir, "reservations.jsonl")
    if os.path.exists(path):
        with open(path) as f:
            seen = [json.loads(line) for line in f if line.strip()]
    statuses = dict(db.sql(
        f"SELECT id, status FROM reservations WHERE performance_id = {PERFORMANCE}", DATABASE))
    # A hold a client saw is in the database with its seats while live; a confirmation a client
    # saw is CONFIRMED; a hold that ended (released, expired) has no seats any more.
    missing = [r for r in seen
               if statuses.get(r["reservationId"]) not in ("RELEASED", "EXPIRED")
               and in_db.get(r["reservationId"]) != set(r["seatIds"])]
    unconfirmed = [r for r in seen if r.get("confirmed") and statuses.get(r["reservationId"]) != "CONFIRMED"]
    with open(gateway_log, errors="replace") as f:
        text = f.read()
    backstop = len(re.findall(r"let a double booking through", text))
    server_errors = server_errors_during_run(text, run_dir)
    result = {
        "seats": seats, "reserved": reserved, "seats_in_reservations": booked,
        "double_bookings": double, "status_mismatches": mismatched, "holders_over_limit": over_limit,
        "client_201s": len(seen), "client_201s_missing_in_db": len(missing),
        "db_reservations": len(in_db), "db_reservations_unseen_by_clients": len(set(in_db) - {r["reservationId"] for r in seen}),
        "backstop_violations": backstop, "gateway_5xx": server_errors,
        "reservations_by_status": holds, "seats_out_of_step_with_reservation": out_of_step,
        "holds_overdue_not_expired": overdue, "client_confirms_not_confirmed": len(unconfirmed),
    }
    audit = admin_audit(jar, db, run_dir)
    result["admin_audit_correct"] = audit["correct"]
    result["correct"] = (double == 0 and mismatched == 0 and reserved == booked and not missing
                         and over_limit == 0 and backstop == 0 and audit["correct"]
                         and out_of_step == 0 and overdue == 0 and not unconfirmed)
    with open(os.path.join(run_dir, "db_check.json"), "w") as f:
        json.dump({**result, "missing": missing[:20]}, f, indent=2)
    return result


def process_cpu_seconds(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def machine_cpu_seconds():
    """(busy, total) CPU seconds of the whole machine since boot."""
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    total = sum(values[:8])
    tick = os.sysconf("SC_CLK_TCK")
    return (total - idle) / tick, total / tick


class CpuMeter:
    """Where the CPU went during a run: the gateway, MariaDB, Redis, Locust, everything else."""

    def __init__(self, pids):
        self.pids = pids
        self.before = {name: process_cpu_seconds(pid) for name, pid in pids.items()}
        self.children_before = self._children()
        self.machine_before = machine_cpu_seconds()
        self.started = time.time()

    @staticmethod
    def _children():
        import resource
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    def done(self):
        seconds = time.time() - self.started
        used = {name: process_cpu_seconds(pid) - self.before[name] for name, pid in self.pids.items()}
        used["locust"] = self._children() - self.children_before
        busy_after, total_after = machine_cpu_seconds()
        busy = busy_after - self.machine_before[0]
        capacity = total_after - self.machine_before[1]
        used["other processes"] = max(0.0, busy - sum(used.values()))
        return {"wall_s": round(seconds, 1), "machine_busy_pct": round(100 * busy / capacity, 1) if capacity else None,
                "cpu_s": {k: round(v, 1) for k, v in used.items()}}


def load_average():
    try:
        with open("/proc/loadavg") as f:
            return float(f.read().split()[0])
    except (OSError, ValueError):
        return None


def run_strategy(args, jar, strategy, db, workdir, results_dir, label):
    run_dir = os.path.join(results_dir, label)
    os.makedirs(run_dir, exist_ok=True)
    redis = Redis(workdir, f"redis-{label}")
    gateway = None
    try:
        redis.start()
        db.fresh_database()
        log(f"{strategy}: measuring the ceilings")
        ceilings = {"redis_rtt_per_s": redis_ceiling(redis), "mysql_commits_per_s": mysql_ceiling(db, workdir)}
        log(f"{strategy}: Redis {ceilings['redis_rtt_per_s']:.0f} round trips/s, "
            f"MySQL {ceilings['mysql_commits_per_s']:.0f} commits/s; starting the gateway")
        gateway, port = start_gateway(args, jar, strategy, db, redis, run_dir)
        log(f"{strategy}: gateway pid {gateway.pid} on port {port}; {args.users} users")
        command = [os.path.join(HERE, "run"), "--host", f"http://127.0.0.1:{port}",
                   "--users", str(args.users), "--spawn-rate", str(args.spawn_rate or args.users),
                   "--duration", args.duration, "--results-dir", run_dir]
        if args.workers:
            command += ["--workers", str(args.workers)]
        command += ["--", "--stop-when-sold-out", str(args.sold_out_grace), *args.locust_args]
        load_before = load_average()
        meter = CpuMeter({"gateway": gateway.pid, "mariadb": db.process.pid, "redis": redis.process.pid})
        with open(os.path.join(run_dir, "run.out"), "w") as out:
            run_status = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT).returncode
        cpu = meter.done()
        load_after = load_average()
        stop(gateway, "gateway")
        gateway = None
        check = check_database(db, run_dir, os.path.join(run_dir, "gateway.log"), jar)
        log(f"{strategy}: run exit {run_status}; database check: "
            f"{'correct' if check['correct'] else 'WRONG'} ({check['double_bookings']} double bookings, "
            f"{check['reserved']} reserved / {check['seats']})")
        return {"strategy": strategy, "label": label, "run_status": run_status, "ceilings": ceilings,
                "check": check,
                "dir": run_dir, "load": [load_before, load_after], "cpu": cpu}
    finally:
        stop(gateway, "gateway")
        redis.stop()


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def route(stats, name, column):
    return report.num(stats.get(name, {}), column)


def row_of(result):
    stats = report.read_stats(result["dir"])
    metrics = report.read_metrics(result["dir"])["summary"]
    total = stats.get("Aggregated", {})
    duration = metrics["duration_s"] or 1
    redis_requests = sum(route(stats, n, "Request Count") or 0 for n in
                         ("POST /queue", "GET /queue", "DELETE /queue", "GET /seats", "GET /seats?since"))
    return {
        "strategy": result["strategy"],
        "label": result.get("label", result["strategy"]),
        "reservations_per_s": metrics["reservations_per_s"],
        "reservations_per_s_peak5s": metrics["reservations_per_s_peak5s"],
        "reserve_p50": route(stats, "POST /reservations", "50%"),
        "reserve_p95": route(stats, "POST /reservations", "95%"),
        "reserve_p99": route(stats, "POST /reservations", "99%"),
        "conflict_rate": metrics["conflict_rate"],
        "sold_out_after_s": metrics["sold_out_after_s"],
        "queue_p50": route(stats, "GET /queue", "50%"),
        "queue_p95": route(stats, "GET /queue", "95%"),
        "requests_per_s": (report.num(total, "Request Count") or 0) / duration,
        "redis_route_requests_per_s": redis_requests / duration,
        "failures": int(report.num(total, "Failure Count") or 0),
        "unexpected": metrics["unexpected_answers"],
        "reservations": metrics["reservations"],
        "seats_reserved": metrics["seats_reserved"],
        "admitted": metrics["admitted"],
        "time_in_queue_p50": metrics["time_in_queue_ms"].get("50"),
        "lag_p95": metrics["loop_lag_ms"]["p95"],
        "cpu_max": metrics["load_generator_cpu_max_pct"],
        **{f"ceiling_{k}": v for k, v in result["ceilings"].items()},
        "check": result["check"],
        "run_status": result["run_status"],
        "load": result.get("load", [None, None]),
        "cpu": result.get("cpu"),
    }


def fmt(value, digits=0):
    return report.fmt(value, digits)


SUMMED = ("failures", "unexpected")
QUIET_SHARE = 0.05


def undisturbed(run):
    """Whether other processes left the machine to this run (used < QUIET_SHARE of its CPU)."""
    cpu = run.get("cpu")
    if not cpu:
        return False
    return cpu["cpu_s"]["other processes"] < QUIET_SHARE * (os.cpu_count() or 1) * cpu["wall_s"]


def median(values):
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def aggregate(rows):
    """One row per strategy: medians over its rounds (sums for errors; checks added up)."""
    by_strategy = {}
    for r in rows:
        by_strategy.setdefault(r["strategy"], []).append(r)
    result = []
    for strategy, runs in by_strategy.items():
        row = {"strategy": strategy, "rounds": len(runs)}
        for key, value in runs[0].items():
            if key in ("strategy", "label", "check", "cpu", "load"):
                continue
            values = [run[key] for run in runs]
            if key in SUMMED or key == "run_status":
                row[key] = max(values) if key == "run_status" else sum(values)
            elif isinstance(value, (int, float)) or value is None:
                row[key] = median(values)
            else:
                row[key] = value
        check = {}
        for key, value in runs[0]["check"].items():
            if key == "correct":
                check[key] = all(run["check"]["correct"] for run in runs)
            elif key in ("seats", "reserved", "seats_in_reservations"):
                check[key] = value if all(run["check"][key] == value for run in runs) else "varies"
            elif isinstance(value, bool):
                check[key] = all(run["check"][key] for run in runs)
            elif isinstance(value, dict):  # counts by name (reservations_by_status): added up
                check[key] = {}
                for run in runs:
                    for name, count in run["check"][key].items():
                        check[key][name] = check[key].get(name, 0) + int(count)
            elif isinstance(value, list):
                check[key] = [item for run in runs for item in run["check"][key]]
            else:
                check[key] = sum(run["check"][key] for run in runs)
        row["check"] = check
        cpus = [run["cpu"] for run in runs if run.get("cpu")]
        if cpus:
            row["cpu"] = {"wall_s": round(median([c["wall_s"] for c in cpus]), 1),
                          "machine_busy_pct": median([c["machine_busy_pct"] for c in cpus]),
                          "cpu_s": {k: round(median([c["cpu_s"][k] for c in cpus]), 1) for k in cpus[0]["cpu_s"]}}
        loads = [run.get("load") or [None, None] for run in runs]
        row["load"] = [median([l[0] for l in loads]), median([l[1] for l in loads])]
        result.append(row)
    order = {name: i for i, name in enumerate(STRATEGIES)}
    return sorted(result, key=lambda row: order.get(row["strategy"], len(order)))


def showdown_markdown(args, runs, started, machine):
    rows = aggregate(runs)
    rounds = getattr(args, "rounds", 1)
    lines = [
        f"# Lock-strategy showdown {started}",
        "",
        f"Machine: {machine}. Date: {started[:10]}. Each strategy: a fresh local gateway "
        f"(`LOCK_STRATEGY`, QUEUE_CAPACITY={args.queue_capacity}, ADVANCE_INTERVAL_SECONDS="
        f"{args.advance_interval}, "
        + ", ".join(f"{k}={v}" for k, v in args.gateway_settings.items())
        + f"), fresh MariaDB database and Redis, performance {PERFORMANCE} with "
        f"500 seats; {args.users} users (spawn {args.spawn_rate or args.users}/s) run the buyer "
        f"scenario until sold out + {args.sold_out_grace:g} s (at most {args.duration})"
        + (f"; {rounds} rounds, the strategies interleaved, medians shown (errors and database "
           f"findings added up over the rounds)." if rounds > 1 else "."),
        "",
        "| strategy | reservations/s (sale / best 5 s) | reserve p50 / p95 / p99 ms | 409 rate "
        "| sold out after | queue poll p50 / p95 ms | errors | double bookings | correct |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |",
    ]
    for r in rows:
        c = r["check"]
        lines.append(
            f"| {r['strategy']} | {r['reservations_per_s']:.1f} / {r['reservations_per_s_peak5s']:.1f} "
            f"| {fmt(r['reserve_p50'])} / {fmt(r['reserve_p95'])} / {fmt(r['reserve_p99'])} "
            f"| {100 * r['conflict_rate']:.1f} % "
            f"| {fmt(r['sold_out_after_s'], 1) + ' s' if r['sold_out_after_s'] is not None else 'not sold out'} "
            f"| {fmt(r['queue_p50'])} / {fmt(r['queue_p95'])} | {r['failures']} "
            f"| {c['double_bookings']} | {'yes' if c['correct'] else '**NO**'} |")
    lines += [
        "",
        "Ceilings, measured on the same stores just before each strategy's run, and the run's load "
        "as a share of them:",
        "",
        "| strategy | Redis round trips/s | queue+seat-map requests/s | share | MySQL commits/s "
        "| reservations/s (best 5 s) | share | all requests/s |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        redis, mysql = r["ceiling_redis_rtt_per_s"], r["ceiling_mysql_commits_per_s"]
        lines.append(
            f"| {r['strategy']} | {redis:,.0f} | {r['redis_route_requests_per_s']:,.0f} "
            f"| {100 * r['redis_route_requests_per_s'] / redis:.1f} % | {mysql:,.0f} "
            f"| {r['reservations_per_s_peak5s']:.1f} | {100 * r['reservations_per_s_peak5s'] / mysql:.2f} % "
            f"| {r['requests_per_s']:,.0f} |")
    lines += [
        "",
        "Database check after each run (gateway stopped):",
        "",
        "| strategy | seats RESERVED | seats in reservations | status ≠ reservations | double bookings "
        "| backstop hits | 201s seen by clients | of them missing in DB | DB reservations unseen by clients "
        "| holders > 4 seats | gateway 5xx | run exit |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        c = r["check"]
        lines.append(
            f"| {r['strategy']} | {c['reserved']} / {c['seats']} | {c['seats_in_reservations']} "
            f"| {c['status_mismatches']} | {c['double_bookings']} | {c['backstop_violations']} "
            f"| {c['client_201s']} | {c['client_201s_missing_in_db']} | {c['db_reservations_unseen_by_clients']} "
            f"| {c['holders_over_limit']} "
            f"| {c['gateway_5xx']} | {r['run_status']} |")
    lines += [
        "",
        "Crowd and load generator:",
        "",
        "| strategy | admitted | time in queue p50 ms | reservations (201) / seats | load-generator "
        "loop lag p95 ms | worker CPU max % | machine load avg before / after |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['strategy']} | {fmt(r['admitted'])} | {fmt(r['time_in_queue_p50'])} "
            f"| {fmt(r['reservations'])} / {fmt(r['seats_reserved'])} | {fmt(r['lag_p95'], 1)} | {fmt(r['cpu_max'])} "
            f"| {fmt(r.get('load', [None])[0], 1)} / {fmt(r.get('load', [None, None])[1], 1)} |")
    lines += [
        "",
        "Where the machine's CPU went during each run (CPU seconds; the machine has "
        f"{os.cpu_count()} cores, so a run of W seconds offers {os.cpu_count()}·W):",
        "",
        "| strategy | run s | machine busy | gateway | MariaDB | Redis | Locust | other processes |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        c = r.get("cpu")
        if not c:
            continue
        u = c["cpu_s"]
        lines.append(
            f"| {r['strategy']} | {c['wall_s']} | {fmt(c['machine_busy_pct'])} % | {u['gateway']} | {u['mariadb']} "
            f"| {u['redis']} | {u['locust']} | {u['other processes']} |")
    quiet = [r for r in runs if undisturbed(r)]
    if rounds > 1 and quiet:
        lines += [
            "",
            f"Only the runs that other processes on the machine left alone (they used less than "
            f"{100 * QUIET_SHARE:.0f} % of the run's CPU; {len(quiet)} of {len(runs)} runs), medians:",
            "",
            "| strategy | runs | reservations/s (sale / best 5 s) | reserve p50 / p95 ms | 409 rate "
            "| sold out after | queue poll p95 ms | errors |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for r in aggregate(quiet):
            lines.append(
                f"| {r['strategy']} | {r['rounds']} | {r['reservations_per_s']:.1f} / "
                f"{r['reservations_per_s_peak5s']:.1f} | {fmt(r['reserve_p50'])} / {fmt(r['reserve_p95'])} "
                f"| {100 * r['conflict_rate']:.1f} % | {fmt(r['sold_out_after_s'], 1)} s "
                f"| {fmt(r['queue_p95'])} | {r['failures']} |")
    if rounds > 1:
        lines += [
            "",
            "Each round:",
            "",
            "| run | reservations/s (sale / best 5 s) | reserve p95 ms | 409 rate | sold out after | errors "
            "| double bookings | correct | CPU s of other processes |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | :---: | ---: |",
        ]
        for r in runs:
            other = (r.get("cpu") or {}).get("cpu_s", {}).get("other processes")
            lines.append(
                f"| {r['label']} | {r['reservations_per_s']:.1f} / {r['reservations_per_s_peak5s']:.1f} "
                f"| {fmt(r['reserve_p95'])} | {100 * r['conflict_rate']:.1f} % "
                f"| {fmt(r['sold_out_after_s'], 1)} s | {r['failures']} | {r['check']['double_bookings']} "
                f"| {'yes' if r['check']['correct'] else '**NO**'} | {fmt(other, 1)} |")
    lines += [
        "",
        "- reservations/s (sale): successful reservations ÷ seconds from the start of the run to the "
        "last seat sold (the whole sale, queue included); best 5 s: the highest 5-second average.",
        "- reserve p50/p95/p99: latency of POST /reservations as the clients saw it, 201s and 409s.",
        "- 409 rate: 409 answers ÷ reservation attempts (a buyer retries up to 3 times).",
        "- errors: failed requests (anything but the expected 2xx/304/409/410).",
        "- correct: no seat in two reservations, RESERVED seats = seats in reservations, every 201 a "
        "client saw is in the database with its seats, nobody over 4 seats, no backstop hit.",
        "",
        "![response time and throughput over time](showdown.png)",
        "",
    ]
    return "\n".join(lines)


def moving_mean(values, window=3):
    return [sum(values[max(0, i - window + 1):i + 1]) / len(values[max(0, i - window + 1):i + 1])
            for i in range(len(values))]


def plot(rows, results_dir):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except Exception as e:  # noqa: BLE001
        log(f"no plot: matplotlib unavailable ({e})")
        return None
    fig, axes = plt.subplots(4, 1, figsize=(10, 13), sharex=True)
    colors = {}
    for r in rows:
        first = r["strategy"] not in colors  # one legend entry per strategy, one colour for its rounds
        color = colors.setdefault(r["strategy"], f"C{len(colors)}")
        style = {"color": color, "label": r["strategy"] if first else None, "linewidth": 1.2}
        run_dir = os.path.join(results_dir, r.get("label", r["strategy"]))
        seconds, requests, reservations, available, reserve_p95 = [], [], [], [], []
        with open(os.path.join(run_dir, "buyer_timeline.csv"), newline="") as f:
            for d in csv.DictReader(f):
                seconds.append(int(d["second"]))
                requests.append(int(d["requests"]))
                reservations.append(int(d["reservations"]))
                available.append(float(d["available_seats"]) if d["available_seats"] else float("nan"))
                reserve_p95.append(float(d["reserve_p95_ms_3s"]) if d["reserve_p95_ms_3s"] else float("nan"))
        axes[2].plot(seconds, reserve_p95, **style)
        axes[0].plot(seconds, moving_mean(requests), **style)
        axes[1].plot(seconds, moving_mean(reservations), **style)
        axes[3].plot(seconds, available, **style)
    axes[0].set_ylabel("requests/s (3 s mean)")
    axes[1].set_ylabel("reservations/s (3 s mean)")
    axes[2].set_ylabel("POST /reservations\np95 ms (last 3 s)")
    axes[3].set_ylabel("seats left")
    axes[3].set_xlabel("seconds since the start of the run")
    for ax in axes:
        ax.grid(True, alpha=0.3)
        ax.legend(loc="upper right", fontsize=8)
    fig.suptitle("Lock-strategy showdown: throughput and reservation latency over time")
    fig.tight_layout()
    path = os.path.join(results_dir, "showdown.png")
    fig.savefig(path, dpi=100)
    return path


def machine_description():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            names = [line.split(":", 1)[1].strip() for line in f if line.startswith("model name")]
        if names:
            cpu = names[0]
    except OSError:
        pass
    try:
        with open("/proc/meminfo") as f:
            mem_kb = int(f.readline().split()[1])
    except OSError:
        mem_kb = 0
    return f"{os.cpu_count()} cores ({cpu}), {mem_kb / 1024 / 1024:.0f} GiB RAM, {platform.system()} {platform.release()}"


def main(argv):
    parser = argparse.ArgumentParser(
        prog="loadtest/showdown", description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--users", type=int, default=1000,
                        help="simulated buyers at once (1000: what a 2-core machine drives comfortably)")
    parser.add_argument("--spawn-rate", type=float, default=0, help="buyers started per second (0: all at once)")
    parser.add_argument("--duration", default="180s", help="longest run per strategy")
    parser.add_argument("--sold-out-grace", type=float, default=3, help="seconds to keep running after sold out")
    parser.add_argument("--strategies", help="comma-separated (default: every strategy of the service)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="run every strategy this many times, interleaved; the tables show medians")
    parser.add_argument("--workers", type=int, default=0, help="Locust workers (0: one per core)")
    parser.add_argument("--queue-capacity", type=int, default=0,
                        help="QUEUE_CAPACITY of the gateway (0: the number of users, so the whole "
                             "crowd reaches the seats at once)")
    parser.add_argument("--advance-interval", type=int, default=1, help="ADVANCE_INTERVAL_SECONDS")
    parser.add_argument("--jar", default=os.path.join(REPO, "functions/local-gateway/target/local-gateway-all.jar"))
    parser.add_argument("--java-opts", default="", help="JVM options of the gateway")
    parser.add_argument("--gateway-env", action="append", default=[], metavar="NAME=VALUE",
                        help="extra environment of the gateway (repeatable)")
    parser.add_argument("--results-dir", default="")
    parser.add_argument("--rerender", metavar="DIR", default="",
                        help="only rewrite DIR/showdown.md and showdown.png from DIR/showdown.json")
    parser.add_argument("locust_args", nargs="*", help="after --: more scenario/Locust options")
    args = parser.parse_args(argv)
    if args.rerender:
        with open(os.path.join(args.rerender, "showdown.json")) as f:
            saved = json.load(f)
        saved_args = argparse.Namespace(**saved["args"])
        text = showdown_markdown(saved_args, saved["rows"], saved["started"], saved["machine"])
        with open(os.path.join(args.rerender, "showdown.md"), "w") as f:
            f.write(text)
        plot(saved["rows"], args.rerender)
        print(text)
        return 0
    args.queue_capacity = args.queue_capacity or args.users
    args.gateway_settings = {**GATEWAY_DEFAULTS, **dict(kv.split("=", 1) for kv in args.gateway_env)}
    if not os.path.exists(args.jar):
        parser.error(f"no gateway jar at {args.jar}; build it: ./mvnw -q -B package -DskipTests")
    for tool in ("mariadb-install-db", "mariadb", "mariadb-slap", "redis-server", "redis-benchmark", "java"):
        if shutil.which(tool) is None:
            parser.error(f"{tool} is not installed")
    global STRATEGIES
    STRATEGIES = tuple(java_lines(args.jar, "dev.ticketing.settings.LockStrategy"))
    strategies = [s.strip() for s in (args.strategies or ",".join(STRATEGIES)).split(",") if s.strip()]
    unknown = [s for s in strategies if s not in STRATEGIES]
    if unknown:
        parser.error(f"unknown strategies {unknown}; choose from {', '.join(STRATEGIES)}")

    started = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    results_dir = os.path.abspath(args.results_dir or os.path.join(
        HERE, "results", started.replace("-", "").replace(":", "") + "-showdown"))
    os.makedirs(results_dir, exist_ok=True)
    workdir = tempfile.mkdtemp(prefix="showdown-")
    # A private copy: others may rebuild the jar while the showdown runs.
    jar = os.path.join(workdir, "local-gateway-all.jar")
    shutil.copyfile(args.jar, jar)
    machine = machine_description()
    log(f"{machine}; results in {results_dir}")
    db = MariaDb(workdir, jar)
    results = []
    interrupted = False
    try:
        db.start()
        # Rounds interleave the strategies, so a burst of background load hits them alike.
        for k in range(1, args.rounds + 1):
            for strategy in strategies:
                label = strategy if args.rounds == 1 else f"{strategy}-r{k}"
                results.append(run_strategy(args, jar, strategy, db, workdir, results_dir, label))
    except KeyboardInterrupt:
        interrupted = True
        log("interrupted")
    finally:
        db.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    rows = []
    for result in results:
        try:
            rows.append(row_of(result))
        except (FileNotFoundError, KeyError) as e:
            log(f"{result.get('label', result['strategy'])}: no results ({e})")
    # The runs first: a table that fails to render can be redone with --rerender.
    with open(os.path.join(results_dir, "showdown.json"), "w") as f:
        json.dump({"started": started, "machine": machine, "args": vars(args), "rows": rows}, f, indent=2)
    text = showdown_markdown(args, rows, started, machine)
    with open(os.path.join(results_dir, "showdown.md"), "w") as f:
        f.write(text)
    plotted = plot(rows, results_dir)
    print(text)
    log(f"wrote {results_dir}/showdown.md" + (" and showdown.png" if plotted else
        " (no showdown.png: apt-get install python3-matplotlib, or pip install matplotlib, then --rerender)"))
    all_correct = len(rows) == len(strategies) * args.rounds and all(r["check"]["correct"] for r in rows)
    return 0 if all_correct and not interrupted else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
