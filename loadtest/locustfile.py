"""The buyer's journey through the ticketing API, as the SPA does it, for Locust (2.x).

A user is one buyer after another: join the waiting room and wait as the SPA does (poll the
position when the answer's ``pollAfterSeconds`` says, a 429 only moving the next poll; read the
public queue state in between, every 1-10 s by the expected wait, and poll at once when it shows
the ticket called; ``--queue-cadence fixed`` polls every ``--poll-interval`` instead, like a client
from before the cadence), until admitted (a 410 means the place was lost: rejoin), fetch the seat
map and keep polling it with ``?since=`` while choosing, reserve 1-2 random available seats (on
409: merge the change, choose again, up to 3 retries), then leave. When no seat is left the user
stops.

Expected answers (409 seat taken, 410 place lost, 304 map unchanged) are successes in Locust's
statistics; they are counted in the buyer metrics instead. Anything else is a failure.

Besides Locust's own CSV/HTML, the master (or the single process) writes to ``--results-dir``:
``buyer_metrics.json`` (time in queue, admissions/s, reservations/s, 409 rate, sold-out time,
origin requests per waiting buyer per minute by position band, call-to-claim time, calls out of
ticket order, load-generator health), ``buyer_timeline.csv`` (per second) and
``reservations.jsonl`` (every 201 the clients saw, for the database check of the showdown).
"""

import json
import logging
import os
import random
import time
import urllib.request

import gevent
import toll
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
    group.add_argument("--poll-interval", type=float, default=1.0,
                       help="seat-map poll period, s (and the queue's with --queue-cadence fixed)")
    group.add_argument(
        "--queue-cadence", choices=("server", "fixed"), default="server",
        help="server: poll the queue when pollAfterSeconds says and read the public state in "
             "between (the SPA); fixed: poll every --poll-interval, waiting out 429s (the SPA from "
             "before the cadence)")
    group.add_argument("--max-retries", type=int, default=3, help="reservation retries after a 409")
    group.add_argument(
        "--best-available-share", type=float, default=0.0,
        help="share of buyers (0-1) who ask for best available ({count: 1-2}) instead of choosing "
             "seats on the map")
    group.add_argument(
        "--release-share", type=float, default=0.0,
        help="share of holders (0-1) who release their hold instead of confirming it")
    group.add_argument(
        "--abandon-share", type=float, default=0.0,
        help="share of holders (0-1) who neither confirm nor release: their holds expire "
             "(HOLD_TTL_SECONDS); the rest confirm")
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
    "best_available_buyers", "no_seats_together", "confirms", "confirms_gone", "releases",
    "abandoned",
    "session_lost", "sale_ended", "unexpected", "state_reads", "state_misses", "polls_429",
    "joins_429",
)
# Where a waiting buyer stands when it asks the origin (POST/GET /queue): positions 1-50 are
# about to be called, the rest wait; the target is <= 3 a minute beyond position 200.
BANDS = ((1, 50), (51, 200), (201, 1000), (1001, None))


def position_band(position):
    if position is None:
        return "before opening"
    for low, high in BANDS:
        if high is None or position <= high:
            return f"{low}+" if high is None else f"{low}-{high}"
    return None


class Tally:
    def __init__(self):
        self.counts = dict.fromkeys(COUNTERS, 0)
        self.queue_ms = []
        self.lag_ms = []
        self.bins = {}  # epoch second -> [admissions, reservations, seats, conflicts, requests, failures]
        self.reservations = []  # [reservationId, [seatIds], epoch seconds, confirmed]
        self.reserve_ms = []  # [epoch second, response time ms] of every POST /reservations
        self.band_requests = {}  # position band -> origin requests (POST/GET /queue) while waiting
        self.band_seconds = {}  # position band -> buyer-seconds spent waiting there
        self.claim_ms = []  # from the call (the claiming answer's calledAt) to the claim's answer
        self.calls = []  # [calledAt epoch ms, orderKey] of every claimed call
        self.toll_ms = []  # time to solve each proof of work (the toll at the door), ms

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
        self.reservations.append([reservation_id, seat_ids, round(when, 3), False])
        self.event(1, when)
        self.event(2, when, len(seat_ids))

    def confirmed(self, reservation_id):
        """A confirmation answered 200 (the entry is still in this process's undrained list, or the
        confirmation is recorded as its own entry for the master to fold in)."""
        self.add("confirms")
        for entry in reversed(self.reservations):
            if entry[0] == reservation_id:
                entry[3] = True
                return
        self.reservations.append([reservation_id, None, None, True])

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
            "band_requests": self.band_requests,
            "band_seconds": self.band_seconds,
            "claim_ms": self.claim_ms,
            "calls": self.calls,
            "toll_ms": self.toll_ms,
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
        for band, n in data.get("band_requests", {}).items():
            self.band_requests[band] = self.band_requests.get(band, 0) + n
        for band, s in data.get("band_seconds", {}).items():
            self.band_seconds[band] = self.band_seconds.get(band, 0.0) + s
        self.claim_ms.extend(data.get("claim_ms", []))
        self.calls.extend(data.get("calls", []))
        self.toll_ms.extend(data.get("toll_ms", []))

    def waited(self, position, seconds):
        band = position_band(position)
        self.band_seconds[band] = self.band_seconds.get(band, 0.0) + seconds

    def asked(self, position):
        band = position_band(position)
        self.band_requests[band] = self.band_requests.get(band, 0) + 1


class QueueWatch:
    """One waiting buyer's view: the last answer (position, calls then, order key, when to poll
    next) and the latest public state; the position now is the position then less the calls since.
    Also keeps the buyer-seconds per position band for the origin-requests-per-minute metric."""

    def __init__(self, now):
        self.position = None  # None before the opening (no position yet)
        self.calls = 0
        self.order_key = None
        self.state_calls = None
        self.serving = None
        self.rate = None
        self.since = now

    def answered(self, body, now):
        self.account(now)
        self.position = body.get("position")
        self.calls = body.get("calls") or 0
        self.order_key = body.get("orderKey")
        self.state_calls = None
        self.serving = None
        self.rate = body.get("admittedPerMinute") or self.rate

    def read_state(self, state, now):
        self.account(now)
        self.state_calls = state.get("calls")
        self.serving = state.get("nowServing")
        self.rate = state.get("admittedPerMinute") or self.rate

    def estimate(self):
        if self.position is None:
            return None
        since = max(0, (self.state_calls or 0) - self.calls) if self.state_calls is not None else 0
        return max(1, self.position - since)

    def called(self):
        return (self.order_key is not None and self.serving is not None
                and self.state_calls is not None and self.state_calls > self.calls
                and self.serving >= self.order_key)

    def wait_s(self):
        position = self.estimate()
        if position is None or not self.rate:
            return None
        return position * 60 / self.rate

    def account(self, now, tally=None):
        """Adds the time since the last account to the band the buyer stood in."""
        tally = tally or TALLY
        position = self.estimate()
        if position is not None:
            tally.waited(position, max(0.0, now - self.since))
        self.since = now


def state_interval(wait_s):
    """How often the SPA reads the public state: every second within 15 s of the call, 2 s within
    a minute, 5 s within 10 minutes, else 10 s (frontend/src/state/cadence.ts)."""
    if wait_s is not None and wait_s <= 15:
        return 1.0
    if wait_s is None or wait_s <= 60:
        return 2.0
    return 5.0 if wait_s <= 600 else 10.0


def calls_out_of_order(calls):
    """Claimed calls whose order key is below that of a call made before them (calls made at the
    same instant, one tick, may come in any order)."""
    by_time = {}
    for called_at, order_key in calls:
        keys = by_time.setdefault(called_at, [])
        keys.append(order_key)
    out, highest = 0, None
    for called_at in sorted(by_time):
        keys = by_time[called_at]
        if highest is not None:
            out += sum(1 for k in keys if k < highest)
        highest = max([highest, *keys]) if highest is not None else max(keys)
    return out


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
        self.fixed_cadence = _opt(env, "queue_cadence", "server") == "fixed"
        self.max_retries = _opt(env, "max_retries", 3)
        self.best_share = _opt(env, "best_available_share", 0.0)
        self.release_share = _opt(env, "release_share", 0.0)
        self.abandon_share = _opt(env, "abandon_share", 0.0)
        self.journeys_left = _opt(env, "journeys_per_user", 0) or -1

    @task
    def journey(self):
        TALLY.add("journeys")
        try:
            access = self.wait_in_queue()
            if self.rng.random() < self.best_share:
                TALLY.add("best_available_buyers")
                hold = self.best_available(access)
            else:
                hold = self.choose_and_reserve(access)
            self.checkout(hold)
        except JourneyEnd as end:
            TALLY.add(end.outcome)
            if end.outcome in ("sold_out", "sale_ended"):
                raise StopUser()
        self.journeys_left -= 1
        if self.journeys_left == 0:
            raise StopUser()

    # ---- waiting room -----------------------------------------------------------------------

    def wait_in_queue(self):
        """Joins and waits as the SPA does until admitted; returns the access token."""
        joined_at = time.time()
        watch = QueueWatch(joined_at)
        ticket, body = self.join(None, watch)
        next_poll = time.time() + self.poll_after(body)
        while True:
            self.between_polls(watch, next_poll)
            watch.account(time.time())
            TALLY.asked(watch.estimate())
            with self.client.get(
                f"{self.base}/queue", headers=_bearer(ticket), name="GET /queue", catch_response=True
            ) as r:
                now = time.time()
                if r.status_code == 200:
                    body = _json(r)
                    r.success()
                    if body.get("status") == "ADMITTED" and body.get("accessToken"):
                        watch.account(now)
                        TALLY.admitted(now - joined_at, now)
                        self.claimed(body, now, watch)
                        return body["accessToken"]
                    if body.get("status") == "SOLD_OUT":
                        # Nothing left: this buyer does not wait for returns, and frees its place.
                        self.leave(ticket)
                        raise JourneyEnd("sold_out")
                    watch.answered(body, now)
                    next_poll = now + self.poll_after(body)
                elif r.status_code == 429:
                    r.success()  # polled too soon: the place is kept, the answer says when
                    TALLY.add("polls_429")
                    next_poll = now + _retry_after(r, self.poll_interval)
                elif r.status_code == 410:
                    r.success()
                    if _error(r) == "sale_ended":
                        raise JourneyEnd("sale_ended")
                    TALLY.add("rejoins")  # the place was lost (or the call went unclaimed)
                    watch.account(now)
                    ticket, body = self.join(ticket, watch)
                    next_poll = time.time() + self.poll_after(body)
                else:
                    r.failure(f"unexpected {r.status_code} {_error(r)}")
                    TALLY.add("unexpected")
                    next_poll = now + self.poll_interval

    def poll_after(self, body):
        if self.fixed_cadence:
            return self.poll_interval
        after = body.get("pollAfterSeconds")
        return self.poll_interval if after is None else float(after)

    def between_polls(self, watch, next_poll):
        """Until the next poll is due: reads the public state (SPA cadence) and returns early when
        it shows the ticket called; with a fixed cadence just sleeps."""
        while True:
            remaining = next_poll - time.time()
            if remaining <= 0:
                return
            if self.fixed_cadence:
                gevent.sleep(remaining)
                return
            gevent.sleep(min(state_interval(watch.wait_s()), remaining))
            if time.time() >= next_poll:
                return
            state = self.read_state()
            if state is not None:
                watch.read_state(state, time.time())
                if watch.called():
                    return

    def read_state(self):
        TALLY.add("state_reads")
        with self.client.get(
            f"{self.base}/queue/state", name="GET /queue/state", catch_response=True
        ) as r:
            if r.status_code == 200:
                r.success()
                if r.headers.get("X-Cache", "").startswith("Miss"):
                    TALLY.add("state_misses")  # the local gateway's edge cache went to the function
                return _json(r)
            r.failure(f"unexpected {r.status_code} {_error(r)}")
            TALLY.add("unexpected")
            return None

    def claimed(self, body, now, watch):
        """The call's time (the claiming answer's calledAt): call-to-claim time, and the order of
        calls (each with the order key the buyer's last answer gave)."""
        called_at = _epoch_ms(body.get("calledAt"))
        if called_at is not None:
            TALLY.claim_ms.append(round(now * 1000 - called_at))
            if watch.order_key is not None:
                TALLY.calls.append([called_at, watch.order_key])

    def join(self, old_ticket, watch):
        """POST /queue (with the old queue token on a rejoin, as the SPA does); (token, body).
        When the toll is on (428 proof_required), fetches the challenge, solves it and joins with
        the proof, as the SPA does."""
        TALLY.add("joins")
        proof = None
        while True:
            with self.client.post(
                f"{self.base}/queue", headers=_bearer(old_ticket), name="POST /queue",
                json=proof, catch_response=True,
            ) as r:
                now = time.time()
                if r.status_code in (200, 201):
                    r.success()
                    body = _json(r)
                    watch.answered(body, now)
                    TALLY.asked(watch.estimate())
                    return body["queueToken"], body
                if r.status_code == 410:
                    r.success()
                    raise JourneyEnd("sale_ended")
                if r.status_code in (428, 409) or (r.status_code == 400 and proof is not None):
                    r.success()  # the toll: none, a spent or a stale proof; solve a fresh one
                    proof = self.pay_toll()
                    if proof is None:
                        gevent.sleep(self.poll_interval)
                    continue
                if r.status_code == 429:
                    r.success()  # the address's joins are used up for now (JOIN_LIMIT_PER_ADDRESS)
                    TALLY.add("joins_429")
                    gevent.sleep(_retry_after(r, self.poll_interval))
                    continue
                r.failure(f"unexpected {r.status_code} {_error(r)}")
                TALLY.add("unexpected")
            gevent.sleep(self.poll_interval)

    def pay_toll(self):
        """The proof of work of a token-less join: the challenge, solved here (hashlib)."""
        with self.client.get(
            f"{self.base}/queue/challenge", name="GET /queue/challenge", catch_response=True
        ) as r:
            if r.status_code != 200:
                r.failure(f"unexpected {r.status_code} {_error(r)}")
                return None
            r.success()
            challenge = _json(r)
        started = time.time()
        nonce, _ = toll.solve(challenge["challenge"], challenge["difficulty"])
        TALLY.toll_ms.append(round((time.time() - started) * 1000))
        return {"challenge": challenge["challenge"], "nonce": nonce}

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
            lost, hold = self.reserve(access, seats)
            if lost is None:
                return hold  # 201: the hold ended the session
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
        """(None, the hold) on 201; (the seats named by a 409, None) otherwise."""
        TALLY.add("reserve_attempts")
        with self.client.post(
            f"{self.base}/reservations", json={"seatIds": seat_ids}, headers=_bearer(access),
            name="POST /reservations", catch_response=True,
        ) as r:
            if r.status_code == 201:
                r.success()
                body = _json(r)
                TALLY.reserved(body["reservationId"], [s["id"] for s in body["seats"]], time.time())
                return None, body
            if r.status_code == 409:
                r.success()
                TALLY.conflict(time.time())
                body = _json(r)
                return body.get("seatIds") or seat_ids, None
            self.session_problem(r)

    def best_available(self, access):
        """Asks the server for the best 1-2 seats together; the hold, or ends the journey."""
        self.choose(access, self.fetch_map(access), self.rng.uniform(*self.think) / 2)
        count = self.rng.randint(1, 2)
        for _ in range(self.max_retries + 1):
            TALLY.add("reserve_attempts")
            with self.client.post(
                f"{self.base}/reservations", json={"count": count}, headers=_bearer(access),
                name="POST /reservations (best available)", catch_response=True,
            ) as r:
                if r.status_code == 201:
                    r.success()
                    body = _json(r)
                    TALLY.reserved(body["reservationId"], [s["id"] for s in body["seats"]], time.time())
                    return body
                if r.status_code == 409:
                    r.success()
                    TALLY.add("no_seats_together")
                    if count == 1:
                        self.leave(access)
                        raise JourneyEnd("sold_out")
                    count = 1  # no pair left: one seat will do
                    continue
                self.session_problem(r)
        self.leave(access)
        raise JourneyEnd("gave_up")

    def checkout(self, hold):
        """Enters the buyer's details and confirms (or releases, or walks away: by option)."""
        gevent.sleep(self.rng.uniform(*self.think))
        path = f"{self.base}/reservations/{hold['reservationId']}"
        headers = _bearer(hold["holdToken"])
        draw = CHECKOUT_DRAWS.next()
        if draw < self.abandon_share:
            TALLY.add("abandoned")
            return
        if draw < self.abandon_share + self.release_share:
            with self.client.delete(path, headers=headers, name="DELETE /reservations/{rid}",
                                    catch_response=True) as r:
                if r.status_code == 204:
                    r.success()
                    TALLY.add("releases")
                else:
                    r.failure(f"unexpected {r.status_code} {_error(r)}")
                    TALLY.add("unexpected")
            return
        with self.client.post(
            f"{path}/confirm", json={"name": "Load Test", "email": "buyer@example.com"},
            headers=headers, name="POST /reservations/{rid}/confirm", catch_response=True,
        ) as r:
            if r.status_code == 200:
                r.success()
                TALLY.confirmed(hold["reservationId"])
            elif r.status_code == 410:
                r.success()
                TALLY.add("confirms_gone")
            else:
                r.failure(f"unexpected {r.status_code} {_error(r)}")
                TALLY.add("unexpected")

    def session_problem(self, r):
        """Anything but the expected answers on a seat route: a failure; the buyer starts over."""
        r.failure(f"unexpected {r.status_code} {_error(r)}")
        TALLY.add("unexpected")
        raise JourneyEnd("session_lost")


class SpreadDraws:
    """Draws in [0, 1) spread evenly (the golden-ratio sequence) rather than at random: each share
    of checkouts (abandon, release, confirm) gets its part of even a handful of holds, so a short
    run (the smoke test's) always both confirms and releases."""

    STEP = (5 ** 0.5 - 1) / 2

    def __init__(self):
        self.n = 0

    def next(self):
        draw = (0.5 + self.n * self.STEP) % 1.0
        self.n += 1
        return draw


CHECKOUT_DRAWS = SpreadDraws()  # one per process (gevent: no two greenlets draw at once)


def folded_reservations(entries):
    """One entry per hold: a confirmation drained after its hold's entry is folded into it."""
    by_id = {}
    for reservation_id, seat_ids, when, confirmed in entries:
        entry = by_id.setdefault(reservation_id, [reservation_id, None, None, False])
        if seat_ids is not None:
            entry[1], entry[2] = seat_ids, when
        entry[3] = entry[3] or confirmed
    return [e for e in by_id.values() if e[1] is not None]


def _retry_after(response, fallback):
    try:
        return max(0.0, float(response.headers.get("Retry-After")))
    except (TypeError, ValueError):
        return fallback


def _epoch_ms(iso):
    """An ISO-8601 instant of the API (e.g. 2026-12-06T10:00:00.123Z) as epoch ms; None if absent."""
    if not iso:
        return None
    try:
        from datetime import datetime
        return round(datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp() * 1000)
    except ValueError:
        return None


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
    last_201 = max((r[2] for r in t.reservations if r[2] is not None), default=None)
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
        "best_available_buyers": c["best_available_buyers"],
        "no_seats_together_409": c["no_seats_together"],
        "holds_confirmed": c["confirms"],
        "confirms_410_hold_gone": c["confirms_gone"],
        "holds_released": c["releases"],
        "holds_abandoned": c["abandoned"],
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
        "queue_cadence": _opt(environment, "queue_cadence", "server"),
        "origin_requests_per_waiting_buyer_per_minute": origin_rates(t),
        "waiting_buyer_minutes_by_band": {
            band: round(seconds / 60, 1) for band, seconds in sorted(t.band_seconds.items())},
        "queue_origin_requests_by_band": dict(sorted(t.band_requests.items())),
        "state_reads": c.get("state_reads", 0),
        "state_reads_reaching_the_function": c.get("state_misses", 0),
        "polls_answered_429": c.get("polls_429", 0),
        "joins_answered_429": c.get("joins_429", 0),
        "call_to_claim_ms": {p: _percentile(t.claim_ms, p) for p in (50, 95, 99)}
        | {"max": max(t.claim_ms, default=None), "claims": len(t.claim_ms)},
        "calls_out_of_ticket_order": calls_out_of_order(t.calls),
        "toll_solve_ms": {p: _percentile(t.toll_ms, p) for p in (50, 95, 99)}
        | {"proofs": len(t.toll_ms)},
    }
    return {"summary": summary, "counts": c}


def origin_rates(tally):
    """Origin requests (POST and GET /queue, 429s included; the public state, an edge-cache hit on
    AWS, excluded) per waiting buyer per minute, by the band of positions the buyer stood in, and
    beyond position 200 and overall."""
    def rate(bands):
        requests = sum(tally.band_requests.get(b, 0) for b in bands)
        minutes = sum(tally.band_seconds.get(b, 0.0) for b in bands) / 60
        return round(requests / minutes, 2) if minutes > 0 else None

    all_bands = sorted(set(tally.band_requests) | set(tally.band_seconds))
    rates = {band: rate([band]) for band in all_bands}
    rates["beyond 200"] = rate(["201-1000", "1001+"])
    rates["all"] = rate(all_bands)
    return rates


def write_results(results_dir, run, metrics):
    os.makedirs(results_dir, exist_ok=True)
    with open(os.path.join(results_dir, "buyer_metrics.json"), "w") as f:
        json.dump(metrics, f, indent=2)
    with open(os.path.join(results_dir, "reservations.jsonl"), "w") as f:
        for reservation_id, seat_ids, when, confirmed in folded_reservations(run.total.reservations):
            f.write(json.dumps({"reservationId": reservation_id, "seatIds": seat_ids, "at": when,
                                "confirmed": confirmed}) + "\n")
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
