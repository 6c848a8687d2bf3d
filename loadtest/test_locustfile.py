"""Unit tests of the locustfile's own logic (no server): /usr/bin/python3 -m unittest loadtest/test_locustfile.py"""

import os
import random
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import locustfile  # noqa: E402
from locustfile import (  # noqa: E402
    QueueWatch, SeatMap, SpreadDraws, Tally, calls_out_of_order, origin_rates, position_band, state_interval)


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


KEY = 2 ** 48 + 300


class QueueWatchTest(unittest.TestCase):
    def test_thePositionNowIsThePositionThenLessTheCallsSince(self):
        w = QueueWatch(0.0)
        w.answered({"position": 250, "calls": 40, "orderKey": KEY, "admittedPerMinute": 60}, 0.0)
        w.read_state({"calls": 100, "nowServing": KEY - 190, "admittedPerMinute": 120}, 5.0)
        self.assertEqual(w.estimate(), 190)
        self.assertEqual(w.wait_s(), 95.0)
        self.assertFalse(w.called())
        w.read_state({"calls": 300, "nowServing": KEY, "admittedPerMinute": 120}, 9.0)
        self.assertEqual(w.estimate(), 1)
        self.assertTrue(w.called())

    def test_aCachedStateOlderThanThePollMovesNothing(self):
        w = QueueWatch(0.0)
        w.answered({"position": 20, "calls": 40, "orderKey": KEY}, 0.0)
        w.read_state({"calls": 38, "nowServing": KEY - 30}, 1.0)
        self.assertEqual(w.estimate(), 20)
        self.assertFalse(w.called())

    def test_waitingTimeGoesToTheBandTheBuyerStoodIn(self):
        t = Tally()
        w = QueueWatch(0.0)
        w.answered({"position": 1500, "calls": 0, "orderKey": KEY}, 0.0)
        w.account(60.0, t)
        w.read_state({"calls": 1400, "nowServing": KEY - 100}, 60.0)
        w.account(90.0, t)
        self.assertEqual(t.band_seconds, {"1001+": 60.0, "51-200": 30.0})

    def test_bandsAndStateReadsFollowTheSpa(self):
        self.assertEqual([position_band(p) for p in (1, 50, 51, 200, 201, 1000, 1001, None)],
                         ["1-50", "1-50", "51-200", "51-200", "201-1000", "201-1000", "1001+",
                          "before opening"])
        self.assertEqual([state_interval(w) for w in (None, 15, 16, 60, 61, 600, 601)],
                         [2, 1, 2, 2, 5, 5, 10])


class MetricsTest(unittest.TestCase):
    def test_originRequestsPerWaitingBuyerPerMinuteByBand(self):
        t = Tally()
        t.band_requests = {"1-50": 30, "201-1000": 4, "1001+": 2}
        t.band_seconds = {"1-50": 60.0, "201-1000": 120.0, "1001+": 240.0}
        rates = origin_rates(t)
        self.assertEqual(rates["1-50"], 30.0)
        self.assertEqual(rates["201-1000"], 2.0)
        self.assertEqual(rates["1001+"], 0.5)
        self.assertEqual(rates["beyond 200"], 1.0)
        self.assertEqual(rates["all"], round(36 / 7, 2))

    def test_callsOutOfTicketOrderCountsOnlyCallsAfterABiggerKey(self):
        self.assertEqual(calls_out_of_order([[1000, 5], [1000, 3], [2000, 7], [3000, 9]]), 0)
        self.assertEqual(calls_out_of_order([[1000, 5], [2000, 4], [3000, 9], [3000, 6]]), 1)
        self.assertEqual(calls_out_of_order([]), 0)

    def test_theWaitingRoomsFiguresMergeAcrossWorkers(self):
        a, b, master = Tally(), Tally(), Tally()
        a.asked(1500)
        a.waited(1500, 30.0)
        a.claim_ms.append(800)
        a.calls.append([1000, KEY])
        b.asked(1400)
        b.asked(10)
        b.waited(10, 4.0)
        master.merge(a.drain())
        master.merge(b.drain())
        self.assertEqual(master.band_requests, {"1001+": 2, "1-50": 1})
        self.assertEqual(master.band_seconds, {"1001+": 30.0, "1-50": 4.0})
        self.assertEqual((master.claim_ms, master.calls), ([800], [[1000, KEY]]))


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


class HoldsTest(unittest.TestCase):
    def test_aConfirmationDrainedAfterItsHoldIsFoldedIntoIt(self):
        t = Tally()
        t.reserved("a", [1, 2], 10.0)
        first = t.drain()["reservations"]
        t.confirmed("a")
        t.reserved("b", [3], 11.0)
        second = t.drain()["reservations"]
        folded = locustfile.folded_reservations(first + second)
        self.assertEqual(folded, [["a", [1, 2], 10.0, True], ["b", [3], 11.0, False]])

    def test_aConfirmationBeforeTheDrainMarksItsHold(self):
        t = Tally()
        t.reserved("a", [1], 10.0)
        t.confirmed("a")
        self.assertEqual(t.counts["confirms"], 1)
        self.assertEqual(t.drain()["reservations"], [["a", [1], 10.0, True]])


class VersionTest(unittest.TestCase):
    def test_workersAnnounceANonEmptyVersionSoAMasterAcceptsThem(self):
        import locust.runners
        self.assertTrue(locust.runners.__version__)


class SpreadDrawsTest(unittest.TestCase):
    def test_twoCheckoutsAtAReleaseShareOfHalfConfirmOnceAndReleaseOnce(self):
        d = SpreadDraws()
        draws = [d.next(), d.next()]
        self.assertEqual(sorted(x < 0.5 for x in draws), [False, True])

    def test_everyShareGetsItsPartOfAHundredCheckouts(self):
        d = SpreadDraws()
        draws = [d.next() for _ in range(100)]
        self.assertTrue(all(0 <= x < 1 for x in draws))
        for lo, hi in ((0.0, 0.1), (0.1, 0.4), (0.4, 1.0)):
            inside = sum(lo <= x < hi for x in draws)
            self.assertLessEqual(abs(inside - 100 * (hi - lo)), 2, (lo, hi, inside))


if __name__ == "__main__":
    unittest.main()
