"""The waiting room's toll at the door (docs/queue.md#the-toll): find a nonce such that
SHA-256(challenge ":" nonce) starts with `difficulty` zero bits. What the locustfile pays on a
token-less join when the server answers 428 proof_required; also a measurement of the cost:

    python3 loadtest/toll.py --bits 18 --runs 20
"""
import argparse
import hashlib
import statistics
import time


def zero_bits(digest):
    bits = 0
    for byte in digest:
        if byte:
            return bits + 8 - byte.bit_length()
        bits += 8
    return bits


def solve(challenge, difficulty):
    """The first nonce (a decimal string) whose hash meets the difficulty, and the hashes tried."""
    if difficulty <= 0:
        return "0", 0
    prefix = hashlib.sha256((challenge + ":").encode("ascii"))
    nonce = 0
    while True:
        h = prefix.copy()
        h.update(str(nonce).encode("ascii"))
        if zero_bits(h.digest()) >= difficulty:
            return str(nonce), nonce + 1
        nonce += 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bits", type=int, default=18)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    times, hashes = [], 0
    for run in range(args.runs):
        started = time.perf_counter()
        _, tried = solve(f"1.{run}.{args.bits}.measure", args.bits)
        times.append(time.perf_counter() - started)
        hashes += tried
    rate = hashes / sum(times)
    print(f"{args.bits} bits, {args.runs} challenges: median {statistics.median(times):.3f} s, "
          f"mean {statistics.mean(times):.3f} s, max {max(times):.3f} s; {rate:,.0f} hashes/s "
          f"(expected 2^{args.bits} = {2 ** args.bits:,} hashes a proof)")


if __name__ == "__main__":
    main()
