"""Unit tests of the locustfile's own logic (no server): /usr/bin/python3 -m unittest loadtest/test_locustfile.py"""

import os
import random
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import locustfile  # noqa: E402
from locustfile import SeatMap, Tally  # noqa: E402


def seats(*statuses):
    return [{"id": i + 1, "status": s} for i, s in enumerate(statuses)]


class SeatMapTest(unittest.TestCase):
    def test_sinceChangesAreMergedAndTheVersionAdvances(self):
        m = SeatMap(3, seats("AVAILABLE", "AVAILABLE", "RESERVED"))
        m.merge({"version": 5, "changes": [{"id": 1, "status": "RESERVED"}]})
        self.assertEqual(m.version, 5)
        self.assertEqual(m.available(), [2])

    def test_aFullMapInASinceAnswerReplacesTheWholeMap(self):
        m = SeatMap(3, seats("AVAILABLE", "AVAILABLE"))
        m.merge({"version": 9, "seats": seats("RESERVED", "RESERVED")})
        self.assertEqual((m.version, m.available()), (9, []))

    def test_seatsNamedByA409AreNeverPickedAgain(self):
        m = SeatMap(1, seats("AVAILABLE", "AVAILABLE", "AVAILABLE"))
        m.lost([1, 3, 99])
        rng = random.Random(1)
        for _ in range(20):
            self.assertEqual(m.pick(rng, 2), [2])

    def test_pickReturnsDistinctAvailableSeatsInIdOrder(self):
        m = SeatMap(1, seats(*["AVAILABLE"] * 10))
        picked = m.pick(random.Random(4), 2)
        self.assertEqual(len(set(picked)), 2)
        self.assertEqual(picked, sorted(picked))


class TallyTest(unittest.TestCase):
    def test_workerDrainsMergeIntoTheMastersTotalsWithoutLoss(self):
        worker_a, worker_b, master = Tally(), Tally(), Tally()
        worker_a.admitted(1.5, 100.2)
        worker_a.reserved("r1", [1, 2], 101.0)
        worker_b.reserved("r2", [3], 101.9)
        worker_b.conflict(101.5)
        master.merge(worker_a.drain())
        master.merge(worker_b.drain())
        master.merge(worker_a.drain())  # an empty report changes nothing
        self.assertEqual(master.counts["reservations"], 2)
        self.assertEqual(master.counts["seats_reserved"], 3)
        self.assertEqual(master.counts["conflicts"], 1)
        self.assertEqual(master.queue_ms, [1500])
        self.assertEqual(master.bins[101], [0, 2, 3, 1, 0, 0])
        self.assertEqual(sorted(r[0] for r in master.reservations), ["r1", "r2"])

    def test_peakRateIsTheBestFiveSecondMean(self):
        bins = {s: [0, 10 if 20 <= s < 25 else 1, 0, 0, 0, 0] for s in range(0, 40)}
        self.assertEqual(locustfile._peak_rate(bins, 1), 10.0)


class VersionTest(unittest.TestCase):
    def test_workersAnnounceANonEmptyVersionSoAMasterAcceptsThem(self):
        import locust.runners
        self.assertTrue(locust.runners.__version__)


if __name__ == "__main__":
    unittest.main()
