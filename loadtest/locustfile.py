"""The buyer's journey through the ticketing API, as the SPA does it, for Locust (2.x).

A user is one buyer after another: join the waiting room, poll the position every second until
admitted (a 410 means the place was lost: rejoin), fetch the seat map and keep polling it with
``?since=`` while choosing, reserve 1-2 random available seats (on 409: merge the change, choose
again, up to 3 retries), then leave. When no seat is left the user stops.

Expected answers (409 seat taken, 410 place lost, 304 map unchanged) are successes in Locust's
statistics; they are counted in the buyer metrics instead. Anything else is a failure.

Besides Locust's own CSV/HTML, the master (or the single process) writes to ``--results-dir``:
``buyer_metrics.json`` (time in queue, admissions/s, reservations/s, 409 rate, sold-out time,
load-generator health), ``buyer_timeline.csv`` (per second) and ``reservations.jsonl`` (every 201
the clients saw, for the database check of the showdown).
"""

import json
import logging
import os
import random
import time
import urllib.request

import gevent
import locust
import locust.runners

# Debian's python3-locust reports an empty version; a master then rejects its workers as "pre 2.0".
# Both sides load this file, so both get the same (real) version string.
if not locust.runners.__version__:
    locust.runners.__version__ = "2.12.1"

from locust import FastHttpUser, between, events, task  # noqa: E402
from locust.exception import StopUser  # noqa: E402
from locust.runners import MasterRunner, WorkerRunner  # noqa: E402

LOG = logging.getLogger("buyers")
AVAILABLE = "AVAILABLE"
RESERVED = "RESERVED"


# --------------------------------------------------------------------------------------------
# Options (given to the master; Locust forwards them to the workers)
# --------------------------------------------------------------------------------------------


@events.init_command_line_parser.add_listener
def _options(parser):
    group = parser.add_argument_group("buyer scenario (loadtest/locustfile.py)")
    group.add_argument("--performance-id", type=int, default=1, help="performance to buy seats of")
    group.add_argument("--think-min", type=float, default=1.0, help="shortest choosing time, s")
    group.add_argument("--think-max", type=float, default=3.0, help="longest choosing time, s")
    group.add_argument("--poll-interval", type=float, default=1.0, help="queue/seat-map poll period, s")
    group.add_argument("--max-retries", type=int, default=3, help="reservation retries after a 409")
    group.add_argument(
        "--journeys-per-user", type=int, default=0,
        help="buyers each simulated user plays before stopping (0: until sold out)")
    group.add_argument(
        "--graceful-run-time", type=float, default=0,
        help="end the run after this many seconds, waiting for the workers' last reports (0: no; "
             "Locust's own --run-time may drop the last seconds of worker data)")
    group.add_argument(
        "--stop-when-sold-out", type=float, default=-1,
        help="end the run this many seconds after the performance sells out (-1: never)")
    group.add_argument(
        "--results-dir", default=os.environ.get("LOADTEST_RESULTS_DIR", ""),
        help="where the master writes buyer_metrics.json, buyer_timeline.csv, reservations.jsonl")


def _opt(environment, name, default):
    options = environment.parsed_options
    return getattr(options, name, default) if options is not None else default


# --------------------------------------------------------------------------------------------
# The seat map as the browser holds it
# --------------------------------------------------------------------------------------------


class SeatMap:
    """Seat id -> status at a version; merges ``?since=`` answers and 409 bodies."""

    def __init__(self, version, seats):
        self.version = version
        self.status = {s["id"]: s["status"] for s in seats}
        self.guessed = set()  # seats marked taken from a 409, not from the server's map

    @classmethod
    def from_body(cls, body):
        return cls(body["version"], body["seats"])

    def merge(self, body):
        """A 200 answer to ``?since=``: changes, or the whole map when the version was too old."""
        if "seats" in body:
            self.status = {s["id"]: s["status"] for s in body["seats"]}
        else:
            for change in body.get("changes", []):
                self.status[change["id"]] = change["status"]
        self.version = max(self.version, body.get("version", self.version))

    def lost(self, seat_ids):
        """A 409 named these seats: someone else has them (or is taking them right now)."""
        for seat_id in seat_ids:
            if seat_id in self.status:
                self.status[seat_id] = RESERVED
                self.guessed.add(seat_id)

    def available(self):
        return [seat_id for seat_id, status in self.status.items() if status == AVAILABLE]

    def pick(self, rng, wanted):
        free = self.available()
        return sorted(rng.sample(free, min(wanted, len(free))))


# --------------------------------------------------------------------------------------------
# Buyer metrics: counted where the users run, merged on the master
# --------------------------------------------------------------------------------------------

BIN_FIELDS = 6  # admissions, reservations, seats reserved, 409s, requests, failed requests
COUNTERS = (
    "journeys", "joins", "rejoins", "admitted", "map_fetches", "since_polls", "since_changes",
    "reserve_attempts", "reservations", "seats_reserved", "conflicts", "gave_up", "sold_out",
    "session_lost", "sale_ended", "unexpected",
)


class Tally:
    def __init__(self):
        self.counts = dict.fromkeys(COUNTERS, 0)
        self.queue_ms = []
        self.lag_ms = []
        self.bins = {}  # epoch second -> [admissions, reservations, seats, conflicts, requests, failures]
        self.reservations = []  # [reservationId, [seatIds], epoch seconds]
        self.reserve_ms = []  # [epoch second, response time ms] of every POST /reservations

    def add(self, name, n=1):
        self.counts[name] += n

    def event(self, index, when, n=1):
        row = self.bins.setdefault(int(when), [0] * BIN_FIELDS)
        row[index] += n

    def admitted(self, waited_s, when):
        self.add("admitted")
        self.queue_ms.append(round(waited_s * 1000))
        self.event(0, when)

    def reserved(self, reservation_id, seat_ids, when):
        self.add("reservations")
        self.add("seats_reserved", len(seat_ids))
        self.reservations.append([reservation_id, seat_ids, round(when, 3)])
        self.event(1, when)
        self.event(2, when, len(seat_ids))

    def conflict(self, when):
        self.add("conflicts")
        self.event(3, when)

    def drain(self):
        """Everything counted since the last drain, as plain lists (msgpack-friendly)."""
        data = {
            "counts": self.counts,
            "queue_ms": self.queue_ms,
            "lag_ms": self.lag_ms,
            "bins": [[second] + row for second, row in self.bins.items()],
            "reservations": self.reservations,
            "reserve_ms": self.reserve_ms,
        }
        self.__init__()
        return data

    def merge(self, data):
        for name, n in data["counts"].items():
            self.counts[name] = self.counts.get(name, 0) + n
        self.queue_ms.extend(data["queue_ms"])
        self.lag_ms.extend(data["lag_ms"])
        for second, *row in data["bins"]:
            mine = self.bins.setdefault(second, [0] * BIN_FIELDS)
            for i, n in enumerate(row):
                mine[i] += n
        self.reservations.extend(data["reservations"])
        self.reserve_ms.extend(data.get("reserve_ms", []))


TALLY = Tally()  # this process's users count here


# --------------------------------------------------------------------------------------------
# The buyer
# --------------------------------------------------------------------------------------------


class JourneyEnd(Exception):
    def __init__(self, outcome):
        super().__init__(outcome)
        self.outcome = outcome


class Buyer(FastHttpUser):
    """One simulated browser; every journey is a new buyer arriving at the sale."""

    wait_time = between(0.5, 2.0)  # between one buyer leaving and the next arriving
    network_timeout = 30.0
    connection_timeout = 10.0
    concurrency = 1  # a buyer's tab issues one request at a time

    def on_start(self):
        env = self.environment
        self.rng = random.Random()
        self.performance_id = _opt(env, "performance_id", 1)
        self.base = f"/api/performances/{self.performance_id}"
        self.think = (_opt(env, "think_min", 1.0), _opt(env, "think_max", 3.0))
        self.poll_interval = _opt(env, "poll_interval", 1.0)
        self.max_retries = _opt(env, "max_retries", 3)
        self.journeys_left = _opt(env, "journeys_per_user", 0) or -1

    @task
    def journey(self):
        TALLY.add("journeys")
        try:
            access = self.wait_in_queue()
            self.choose_and_reserve(access)
        except JourneyEnd as end:
            TALLY.add(end.outcome)
            if end.outcome in ("sold_out", "sale_ended"):
                raise StopUser()
        self.journeys_left -= 1
        if self.journeys_left == 0:
            raise StopUser()

    # ---- waiting room -----------------------------------------------------------------------

    def wait_in_queue(self):
        """Joins and polls once a second until admitted; returns the access token."""
        joined_at = time.time()
        ticket = self.join(None)
        while True:
            started = time.time()
            with self.client.get(
                f"{self.base}/queue", headers=_bearer(ticket), name="GET /queue", catch_response=True
            ) as r:
                if r.status_code == 200:
                    body = _json(r)
                    if body.get("status") == "ADMITTED" and body.get("accessToken"):
                        r.success()
                        TALLY.admitted(time.time() - joined_at, time.time())
                        return body["accessToken"]
                    r.success()
                elif r.status_code == 410:
                    r.success()
                    if _error(r) == "sale_ended":
                        raise JourneyEnd("sale_ended")
                    TALLY.add("rejoins")  # the place was lost (or the call went unclaimed)
                    ticket = self.join(ticket)
                    continue
                else:
                    r.failure(f"unexpected {r.status_code} {_error(r)}")
                    TALLY.add("unexpected")
            gevent.sleep(max(0.0, self.poll_interval - (time.time() - started)))

    def join(self, old_ticket):
        """POST /queue (with the old queue token on a rejoin, as the SPA does); the queue token."""
        TALLY.add("joins")
        while True:
            with self.client.post(
                f"{self.base}/queue", headers=_bearer(old_ticket), name="POST /queue",
                catch_response=True,
            ) as r:
                if r.status_code in (200, 201):
                    r.success()
                    return _json(r)["queueToken"]
                if r.status_code == 410:
                    r.success()
                    raise JourneyEnd("sale_ended")
                r.failure(f"unexpected {r.status_code} {_error(r)}")
                TALLY.add("unexpected")
            gevent.sleep(self.poll_interval)

    def leave(self, access):
        """DELETE /queue with the access token: the buyer closes the tab, the slot frees now."""
        with self.client.delete(
            f"{self.base}/queue", headers=_bearer(access), name="DELETE /queue", catch_response=True
        ) as r:
            if r.status_code in (204, 410):
                r.success()
            else:
                r.failure(f"unexpected {r.status_code} {_error(r)}")
                TALLY.add("unexpected")

    # ---- seat map and reservation -------------------------------------------------------------

    def choose_and_reserve(self, access):
        seat_map = self.fetch_map(access)
        self.choose(access, seat_map, self.rng.uniform(*self.think))
        for attempt in range(self.max_retries + 1):
            if not seat_map.available() and seat_map.guessed:
                # Seats a 409 named may only have been locked by someone who then failed: the
                # whole map is the truth before giving up on the sale.
                seat_map = self.fetch_map(access)
            if not seat_map.available():
                self.leave(access)
                raise JourneyEnd("sold_out")
            seats = seat_map.pick(self.rng, self.rng.randint(1, 2))
            lost = self.reserve(access, seats)
            if lost is None:
                return  # 201: the reservation ended the session
            seat_map.lost(lost)
            if attempt < self.max_retries:
                self.poll_since(access, seat_map)  # merge what else changed, then choose again
        self.leave(access)
        raise JourneyEnd("gave_up")

    def fetch_map(self, access):
        TALLY.add("map_fetches")
        with self.client.get(
            f"{self.base}/seats", headers=_bearer(access), name="GET /seats", catch_response=True
        ) as r:
            if r.status_code == 200:
                r.success()
                return SeatMap.from_body(_json(r))
            self.session_problem(r)

    def choose(self, access, seat_map, think_s):
        """Looks at the map for think_s seconds, polling ?since= every poll interval."""
        deadline = time.time() + think_s
        while True:
            remaining = deadline - time.time()
            if remaining <= 0:
                return
            gevent.sleep(min(self.poll_interval, remaining))
            if time.time() < deadline:
                self.poll_since(access, seat_map)

    def poll_since(self, access, seat_map):
        TALLY.add("since_polls")
        with self.client.get(
            f"{self.base}/seats?since={seat_map.version}", headers=_bearer(access),
            name="GET /seats?since", catch_response=True,
        ) as r:
            if r.status_code == 304:
                r.success()
            elif r.status_code == 200:
                r.success()
                TALLY.add("since_changes")
                seat_map.merge(_json(r))
            else:
                self.session_problem(r)

    def reserve(self, access, seat_ids):
        """None on 201; the seats named by a 409 otherwise."""
        TALLY.add("reserve_attempts")
        with self.client.post(
            f"{self.base}/reservations", json={"seatIds": seat_ids}, headers=_bearer(access),
            name="POST /reservations", catch_response=True,
        ) as r:
            if r.status_code == 201:
                r.success()
                body = _json(r)
                TALLY.reserved(body["reservationId"], [s["id"] for s in body["seats"]], time.time())
                return None
            if r.status_code == 409:
                r.success()
                TALLY.conflict(time.time())
                body = _json(r)
                return body.get("seatIds") or seat_ids
            self.session_problem(r)

    def session_problem(self, r):
        """Anything but the expected answers on a seat route: a failure; the buyer starts over."""
        r.failure(f"unexpected {r.status_code} {_error(r)}")
        TALLY.add("unexpected")
        raise JourneyEnd("session_lost")


def _bearer(token):
    return {"Authorization": f"Bearer {token}"} if token else {}


def _json(response):
    """The JSON body; parsed from the bytes, since a repeated Content-Type header (as some proxies
    send) breaks the client's own text decoding."""
    try:
        return json.loads(response.content or b"{}") or {}
    except (ValueError, TypeError):
        return {}


def _error(response):
    return _json(response).get("error", "")


# --------------------------------------------------------------------------------------------
# Distribution of the metrics, the sold-out monitor and the files the master writes
# --------------------------------------------------------------------------------------------


class Run:
    """State of the coordinating process (master, or the only process)."""

    def __init__(self):
        self.total = Tally()
        self.started_at = None
        self.sold_out_seen_at = None
        self.samples = []  # [t, availableCount or None, users, max worker CPU %]
        self.worker_cpu_max = 0.0
        self.stopped_at = None
        self.written = False
        self.last_report = {}  # worker id -> when its last report arrived
        self.monitor = None
        self.lag_sampler = None


RUN = Run()


@events.init.add_listener
def _on_init(environment, **_kwargs):
    runner = environment.runner
    if isinstance(runner, WorkerRunner):
        @events.report_to_master.add_listener
        def _report(client_id, data):
            data["buyers"] = TALLY.drain()
    elif isinstance(runner, MasterRunner):
        @events.worker_report.add_listener
        def _collect(client_id, data):
            if "buyers" in data:
                RUN.total.merge(data["buyers"])
            RUN.last_report[client_id] = time.time()


@events.request.add_listener
def _on_request(name=None, response_time=None, exception=None, **_kwargs):
    now = time.time()
    TALLY.event(4, now)
    if name == "POST /reservations" and response_time is not None:
        TALLY.reserve_ms.append([int(now), round(response_time)])
    if exception is not None:
        TALLY.event(5, now)


@events.test_start.add_listener
def _on_test_start(environment, **_kwargs):
    if not isinstance(environment.runner, MasterRunner) and RUN.lag_sampler is None:
        RUN.lag_sampler = gevent.spawn(_measure_loop_lag)
    if not isinstance(environment.runner, WorkerRunner) and RUN.started_at is None:
        RUN.started_at = time.time()
        RUN.monitor = gevent.spawn(_monitor, environment)


@events.test_stopping.add_listener
def _on_test_stopping(environment, **_kwargs):
    if RUN.stopped_at is None and not isinstance(environment.runner, WorkerRunner):
        RUN.stopped_at = time.time()


@events.test_stop.add_listener
def _on_test_stop(environment, **_kwargs):
    if RUN.lag_sampler is not None:
        RUN.lag_sampler.kill(block=False)
        RUN.lag_sampler = None


def _measure_loop_lag(period=0.25):
    """How late this process's event loop wakes up: near zero unless the load generator is saturated."""
    while True:
        before = time.perf_counter()
        gevent.sleep(period)
        TALLY.lag_ms.append(round((time.perf_counter() - before - period) * 1000, 1))


def _available_count(environment):
    url = f"{environment.host.rstrip('/')}/api/performances/{_opt(environment, 'performance_id', 1)}"
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return json.load(response).get("availableCount")
    except Exception:  # noqa: BLE001 (a missed sample is just a gap in the timeline)
        return None


def _monitor(environment):
    """Once a second: seats left (public catalog route), users, load-generator CPU; ends the run
    gracefully when it has lasted --graceful-run-time or the performance has been sold out for
    --stop-when-sold-out seconds."""
    grace = _opt(environment, "stop_when_sold_out", -1)
    limit = _opt(environment, "graceful_run_time", 0)
    while True:
        now = time.time()
        try:
            if _monitor_tick(environment, now, grace, limit):
                return
        except Exception:  # noqa: BLE001 (the monitor must outlive a bad sample)
            LOG.exception("monitor sample failed")
        gevent.sleep(max(0.0, 1.0 - (time.time() - now)))


def _monitor_tick(environment, now, grace, limit):
    runner = environment.runner
    available = _available_count(environment)
    cpu = runner.current_cpu_usage
    if isinstance(runner, MasterRunner):
        cpu = max([w.cpu_usage for w in runner.clients.all] or [0.0])
    RUN.worker_cpu_max = max(RUN.worker_cpu_max, cpu)
    RUN.samples.append([round(now - RUN.started_at, 2), available, runner.user_count, cpu])
    if available == 0 and RUN.sold_out_seen_at is None:
        RUN.sold_out_seen_at = now
        LOG.info("sold out after %.1f s", now - RUN.started_at)
    if RUN.sold_out_seen_at is not None and grace >= 0 and now - RUN.sold_out_seen_at >= grace:
        _end_run(environment, "sold out")
        return True
    if limit and now - RUN.started_at >= limit:
        _end_run(environment, f"{limit:g} s run time reached")
        return True
    return False


def _end_run(environment, reason):
    """Stops the users, waits for every worker's report after the stop (so the counts are whole),
    then quits."""
    LOG.info("%s: stopping the users", reason)
    runner = environment.runner
    runner.stop()
    if isinstance(runner, MasterRunner):
        stopped = time.time()
        deadline = stopped + 15
        while time.time() < deadline and any(
                RUN.last_report.get(worker.id, 0) <= stopped for worker in list(runner.clients.all)):
            gevent.sleep(0.2)
    LOG.info("%s: quitting", reason)
    runner.quit()


@events.quitting.add_listener
def _on_quitting(environment, **_kwargs):
    runner = environment.runner
    if isinstance(runner, WorkerRunner) or RUN.written:
        return
    RUN.written = True
    if not isinstance(runner, MasterRunner):
        RUN.total.merge(TALLY.drain())
    if RUN.monitor is not None:
        RUN.monitor.kill(block=False)
    results_dir = _opt(environment, "results_dir", "")
    metrics = summarize(RUN, environment)
    LOG.info("buyer metrics: %s", json.dumps(metrics["summary"]))
    if results_dir:
        write_results(results_dir, RUN, metrics)


def _percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


def _peak_rate(bins, index, window=5):
    """Highest mean rate over `window` consecutive seconds."""
    if not bins:
        return 0.0
    first, last = min(bins), max(bins)
    series = [bins.get(s, [0] * BIN_FIELDS)[index] for s in range(first, last + 1)]
    if len(series) <= window:
        return sum(series) / max(1, len(series))
    return max(sum(series[i:i + window]) for i in range(len(series) - window + 1)) / window


def summarize(run, environment):
    t = run.total
    c = t.counts
    start = run.started_at or time.time()
    end = run.stopped_at or time.time()
    sold_out = run.sold_out_seen_at is not None
    last_201 = max((r[2] for r in t.reservations), default=None)
    first_admission = min((s for s, row in t.bins.items() if row[0]), default=None)
    last_admission = max((s for s, row in t.bins.items() if row[0]), default=None)
    # The sale's span: from the start to the last seat sold, or to the end of an unsold run.
    sale_end = last_201 if sold_out and last_201 else end
    sale_s = max(1e-9, sale_end - start)
    summary = {
        "host": environment.host,
        "performance_id": _opt(environment, "performance_id", 1),
        "users": getattr(environment.parsed_options, "num_users", None),
        "started_at": round(start, 3),
        "stopped_at": round(end, 3),
        "duration_s": round(end - start, 1),
        "journeys": c["journeys"],
        "admitted": c["admitted"],
        "time_in_queue_ms": {p: _percentile(t.queue_ms, p) for p in (50, 95, 99)},
        "admissions_per_s": round(
            c["admitted"] / max(1.0, (last_admission or start) + 1 - start), 2),
        "admissions_per_s_peak5s": round(_peak_rate(t.bins, 0), 2),
        "reservations": c["reservations"],
        "seats_reserved": c["seats_reserved"],
        "reservations_per_s": round(c["reservations"] / sale_s, 2),
        "reservations_per_s_peak5s": round(_peak_rate(t.bins, 1), 2),
        "reserve_attempts": c["reserve_attempts"],
        "conflicts_409": c["conflicts"],
        "conflict_rate": round(c["conflicts"] / c["reserve_attempts"], 4) if c["reserve_attempts"] else 0.0,
        "rejoins_410": c["rejoins"],
        "gave_up_after_retries": c["gave_up"],
        "stopped_sold_out": c["sold_out"],
        "sessions_lost": c["session_lost"],
        "unexpected_answers": c["unexpected"],
        "sold_out": sold_out,
        "sold_out_after_s": round(last_201 - start, 2) if sold_out and last_201 else None,
        "loop_lag_ms": {"p50": _percentile(t.lag_ms, 50), "p95": _percentile(t.lag_ms, 95),
                        "max": max(t.lag_ms, default=None)},
        "load_generator_cpu_max_pct": round(run.worker_cpu_max, 1),
    }
    return {"summary": summary, "counts": c}


def write_results(results_dir, run, metrics):
    os.makedirs(results_dir, exist_ok=True)
    with open(os.path.join(results_dir, "buyer_metrics.json"), "w") as f:
        json.dump(metrics, f, indent=2)
    with open(os.path.join(results_dir, "reservations.jsonl"), "w") as f:
        for reservation_id, seat_ids, when in run.total.reservations:
            f.write(json.dumps({"reservationId": reservation_id, "seatIds": seat_ids, "at": when}) + "\n")
    start = int(run.started_at or time.time())
    samples = {int(s[0]): s for s in run.samples}
    bins = run.total.bins
    last = max([*bins.keys(), start + int(max(samples, default=0))], default=start)
    with open(os.path.join(results_dir, "buyer_timeline.csv"), "w") as f:
        f.write("second,requests,failed_requests,admissions,reservations,seats_reserved,conflicts_409,"
                "reserve_p50_ms_3s,reserve_p95_ms_3s,available_seats,users,load_generator_cpu_pct\n")
        for second in range(start, last + 1):
            a, r, s, c, q, e = bins.get(second, [0] * BIN_FIELDS)
            sample = samples.get(second - start)
            available = "" if sample is None or sample[1] is None else sample[1]
            users = "" if sample is None else sample[2]
            cpu = "" if sample is None else sample[3]
            window = [ms for sec, ms in run.total.reserve_ms if second - 2 <= sec <= second]
            p50 = _percentile(window, 50)
            p95 = _percentile(window, 95)
            f.write(f"{second - start},{q},{e},{a},{r},{s},{c},{'' if p50 is None else p50},"
                    f"{'' if p95 is None else p95},{available},{users},{cpu}\n")
