"""Summarises one run directory of loadtest/run: Locust's CSVs + the buyer metrics -> summary.md.

    /usr/bin/python3 loadtest/report.py loadtest/results/<timestamp>
"""

import csv
import json
import os
import sys

ROUTES = ("POST /queue", "GET /queue", "GET /queue/state", "DELETE /queue", "GET /seats",
          "GET /seats?since", "POST /reservations")


def read_stats(results_dir):
    """Locust's final per-route statistics: name -> row (strings as Locust wrote them)."""
    path = os.path.join(results_dir, "locust_stats.csv")
    with open(path, newline="") as f:
        return {row["Name"]: row for row in csv.DictReader(f)}


def read_failures(results_dir):
    path = os.path.join(results_dir, "locust_failures.csv")
    if not os.path.exists(path):
        return []
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def read_exceptions(results_dir):
    path = os.path.join(results_dir, "locust_exceptions.csv")
    if not os.path.exists(path):
        return []
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def read_metrics(results_dir):
    path = os.path.join(results_dir, "buyer_metrics.json")
    with open(path) as f:
        return json.load(f)


def read_audit(results_dir):
    """The database's verdict on the run (loadtest/run --audit), if one was asked for."""
    path = os.path.join(results_dir, "audit.json")
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return None
    with open(path) as f:
        return json.load(f)


def audit_markdown(audit):
    rows = [
        ("verdict", "**correct**" if audit["correct"] else "**WRONG**"),
        ("seats / marked RESERVED / in reservations",
         f"{audit['seats']} / {audit['seatsReserved']} / {audit['seatsInReservations']}"),
        ("double bookings (a seat in two reservations)", audit["doubleBookings"]),
        ("seats whose status disagrees with the reservations", audit["statusMismatches"]),
        (f"holders over {audit['maxSeatsPerHolder']} seats", audit["holdersOverLimit"]),
        ("reservations in the database", audit["reservations"]),
    ]
    if audit.get("clientReservations") is not None:
        rows += [
            ("201s the clients saw / missing or different in the database",
             f"{audit['clientReservations']} / {audit['clientReservationsMissing']}"),
            ("reservations no client saw a 201 for", audit["reservationsUnseenByClients"]),
        ]
    lines = ["", f"## Database audit (performance {audit['performanceId']})", "",
             "| check | value |", "| --- | ---: |"]
    lines += [f"| {what} | {value} |" for what, value in rows]
    lines += [f"- {example}" for example in audit.get("examples", [])]
    return lines


def num(row, column):
    value = row.get(column, "") if row else ""
    if value in ("", "N/A"):
        return None
    return float(value)


def fmt(value, digits=0, unit=""):
    if value is None:
        return "–"
    return f"{value:.{digits}f}{unit}"


def waiting_room_lines(metrics):
    """The waiting room's cadence: origin requests per waiting buyer per minute by position band
    (the public state excluded: an edge-cache hit on AWS), call-to-claim time, call order."""
    rates = metrics.get("origin_requests_per_waiting_buyer_per_minute")
    if rates is None:
        return []
    minutes = metrics.get("waiting_buyer_minutes_by_band", {})
    bands = ", ".join(
        f"{band}: {fmt(rate, 2)} ({fmt(minutes.get(band), 0)} buyer-min)"
        for band, rate in rates.items() if band not in ("beyond 200", "all"))
    claim = metrics.get("call_to_claim_ms", {})
    return [
        f"| queue cadence | {metrics.get('queue_cadence', 'server')} |",
        f"| origin requests per waiting buyer per minute: beyond position 200 / all | "
        f"{fmt(rates.get('beyond 200'), 2)} / {fmt(rates.get('all'), 2)} |",
        f"| ... by position band | {bands} |",
        f"| public state reads / of them reaching the function (edge-cache misses) | "
        f"{metrics.get('state_reads', 0)} / {metrics.get('state_reads_reaching_the_function', 0)} |",
        f"| polls answered 429 / joins answered 429 | {metrics.get('polls_answered_429', 0)} / "
        f"{metrics.get('joins_answered_429', 0)} |",
        f"| call to claim p50 / p95 / max ({claim.get('claims', 0)} claims) | "
        f"{fmt(claim.get('50'))} / {fmt(claim.get('95'))} / {fmt(claim.get('max'))} ms |",
        f"| calls out of ticket order | {metrics.get('calls_out_of_ticket_order', 0)} |",
    ]


def summary_markdown(results_dir):
    stats = read_stats(results_dir)
    metrics = read_metrics(results_dir)["summary"]
    failures = read_failures(results_dir)
    exceptions = read_exceptions(results_dir)
    total = stats.get("Aggregated", {})
    lines = [
        f"# Load test {os.path.basename(os.path.abspath(results_dir))}",
        "",
        f"Host `{metrics['host']}`, performance {metrics['performance_id']}, {metrics['users']} users, "
        f"{metrics['duration_s']} s.",
        "",
        "| route | requests | failures | req/s | p50 ms | p95 ms | p99 ms | max ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in (*ROUTES, "Aggregated"):
        row = stats.get(name)
        if row is None:
            continue
        lines.append(
            f"| {name} | {int(num(row, 'Request Count'))} | {int(num(row, 'Failure Count'))} "
            f"| {fmt(num(row, 'Requests/s'), 1)} | {fmt(num(row, '50%'))} | {fmt(num(row, '95%'))} "
            f"| {fmt(num(row, '99%'))} | {fmt(num(row, 'Max Response Time'))} |")
    q = metrics["time_in_queue_ms"]
    lag = metrics["loop_lag_ms"]
    lines += [
        "",
        "| buyer metric | value |",
        "| --- | ---: |",
        f"| buyers (journeys started) | {metrics['journeys']} |",
        f"| admitted | {metrics['admitted']} |",
        f"| time in queue p50 / p95 / p99 | {fmt(q.get('50'))} / {fmt(q.get('95'))} / {fmt(q.get('99'))} ms |",
        f"| admissions/s (mean / best 5 s) | {metrics['admissions_per_s']} / "
        f"{metrics['admissions_per_s_peak5s']} |",
        f"| reservations (201) / seats | {metrics['reservations']} / {metrics['seats_reserved']} |",
        f"| reservations/s (mean over the sale / best 5 s) | {metrics['reservations_per_s']} / "
        f"{metrics['reservations_per_s_peak5s']} |",
        f"| 409 rate (409 / reservation attempts) | {metrics['conflicts_409']} / "
        f"{metrics['reserve_attempts']} = {100 * metrics['conflict_rate']:.1f} % |",
        f"| 410 rejoins | {metrics['rejoins_410']} |",
        *waiting_room_lines(metrics),
        f"| gave up after retries / stopped at sold out | {metrics['gave_up_after_retries']} / "
        f"{metrics['stopped_sold_out']} |",
        f"| sold out after | {fmt(metrics['sold_out_after_s'], 1, ' s') if metrics['sold_out'] else 'not sold out'} |",
        f"| unexpected answers | {metrics['unexpected_answers']} |",
        f"| load generator: event-loop lag p95 / max, CPU max | {fmt(lag['p95'], 1)} / "
        f"{fmt(lag['max'], 1)} ms, {metrics['load_generator_cpu_max_pct']} % |",
        "",
    ]
    failed = int(num(total, "Failure Count") or 0)
    if failed or exceptions:
        lines.append(f"**{failed} failed requests, {len(exceptions)} exceptions** (409/410/304 are not failures):")
        lines.append("")
        for row in failures:
            lines.append(f"- {row['Method']} {row['Name']}: {row['Error']} × {row['Occurrences']}")
        for row in exceptions:
            lines.append(f"- exception × {row.get('Count')}: {row.get('Message')}")
    else:
        lines.append("No failed requests (409 seat taken, 410 place lost and 304 are expected answers).")
    audit = read_audit(results_dir)
    wrong = 0
    if audit is not None:
        lines += audit_markdown(audit)
        wrong = 0 if audit["correct"] else 1
    return "\n".join(lines) + "\n", failed + len(exceptions) + wrong


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    results_dir = argv[1]
    try:
        text, problems = summary_markdown(results_dir)
    except FileNotFoundError as e:
        print(f"report: missing {e.filename}: the run did not write its results", file=sys.stderr)
        return 1
    with open(os.path.join(results_dir, "summary.md"), "w") as f:
        f.write(text)
    print(text)
    print(f"report files: {results_dir}/report.html, locust_*.csv, buyer_*.{{json,csv}}, summary.md")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
