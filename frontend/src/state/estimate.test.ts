import { describe, expect, it } from 'vitest';
import { stateRefreshMs } from './cadence';
import { WaitEstimator, type Estimate } from './estimate';

/**
 * A simulated queue: every second the advancer calls a Poisson number of holders at a known rate
 * (seeded), measures the rate as advance.lua does (an EWMA with a one-minute time constant, the
 * first tick with someone waiting only starting the clock), and answers with the cadence of
 * poll-after.lua (¾ of the wait at the measured rate, else capacity ÷ session length, clamped to
 * 2..120 s). Each holder runs its own WaitEstimator as the SPA does: the join's answer, the public
 * state read every 1-10 s (stateRefreshMs of the shown wait), a poll when pollAfterSeconds says.
 */
interface Sample {
  at: number;
  position: number;
  estimate: Estimate;
}
interface Holder {
  id: number;
  joinedAt: number;
  calledAt: number | null;
  samples: Sample[];
}
interface Scenario {
  ratePerMinute: number;
  /** capacity × 60 / session length: the rate the server assumes before it has measured one. */
  priorPerMinute: number;
  burst: number;
  /** After the burst, one holder joins every this many seconds until `joinUntil`. */
  joinEvery: number;
  joinUntil: number;
  seed: number;
}

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(mean: number, random: () => number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

function simulate(s: Scenario): Holder[] {
  const random = mulberry32(s.seed);
  const waiting: Holder[] = [];
  const holders: Holder[] = [];
  let calls = 0;
  let ewma: number | null = null;
  let clockStarted = false;
  const estimators = new Map<number, WaitEstimator>();
  const lastPoll = new Map<number, { position: number; calls: number; dueAt: number }>();
  const nextRead = new Map<number, number>();
  const serverRate = () => (ewma !== null && ewma >= 0.01 ? ewma : null);
  const pollAfter = (position: number) => {
    const rate = serverRate() ?? s.priorPerMinute;
    const seconds = Math.floor(0.75 * ((position * 60) / rate));
    return Math.min(120, Math.max(2, seconds));
  };
  const answer = (h: Holder, t: number) => {
    const position = waiting.indexOf(h) + 1;
    const after = pollAfter(position);
    lastPoll.set(h.id, { position, calls, dueAt: t + after });
    const estimate = estimators.get(h.id)!.observe({
      at: t * 1000,
      position,
      calls,
      serverRatePerMinute: serverRate(),
      pollAfterSeconds: after,
    });
    h.samples.push({ at: t, position, estimate });
    nextRead.set(h.id, t + stateRefreshMs(estimate.waitSeconds) / 1000);
  };
  const join = (t: number) => {
    const h: Holder = { id: holders.length, joinedAt: t, calledAt: null, samples: [] };
    holders.push(h);
    waiting.push(h);
    estimators.set(h.id, new WaitEstimator());
    answer(h, t);
  };

  for (let i = 0; i < s.burst; i++) join(0);
  for (let t = 1; waiting.length > 0 || t <= s.joinUntil; t++) {
    // The advancer's tick.
    const someoneWaiting = waiting.length > 0;
    const called = waiting.splice(0, poisson(s.ratePerMinute / 60, random));
    for (const h of called) h.calledAt = t;
    calls += called.length;
    if (someoneWaiting) {
      if (clockStarted) {
        const rate = called.length * 60;
        ewma = ewma === null ? rate : ewma + (1 - Math.exp(-1 / 60)) * (rate - ewma);
      }
      clockStarted = true;
    }
    if (t <= s.joinUntil && t % s.joinEvery === 0) join(t);
    // The holders: a poll when due, else a read of the public state when due.
    for (const h of [...waiting]) {
      const last = lastPoll.get(h.id)!;
      if (t >= last.dueAt) {
        answer(h, t);
      } else if (t >= nextRead.get(h.id)!) {
        const position = Math.max(1, last.position - (calls - last.calls));
        const estimate = estimators.get(h.id)!.observe({ at: t * 1000, position, calls, serverRatePerMinute: serverRate() });
        h.samples.push({ at: t, position, estimate });
        nextRead.set(h.id, t + stateRefreshMs(estimate.waitSeconds) / 1000);
      }
    }
  }
  return holders;
}

/** The share of holders whose estimate at `sampleAt(holder)` is within ±30 % of the actual wait left then. */
function shareWithin30(holders: Holder[], pick: (h: Holder) => Sample | undefined, minWaitLeft = 20) {
  let counted = 0;
  let within = 0;
  for (const h of holders) {
    const sample = pick(h);
    if (!sample || h.calledAt === null || sample.estimate.waitSeconds === null) continue;
    const actual = h.calledAt - sample.at;
    if (actual < minWaitLeft) continue; // a few seconds away: the page says "any moment now"
    counted++;
    if (Math.abs(sample.estimate.waitSeconds - actual) <= 0.3 * actual) within++;
  }
  const share = counted === 0 ? 0 : within / counted;
  console.log(`estimate within ±30 % of the actual wait: ${within} of ${counted} holders (${(share * 100).toFixed(1)} %)`);
  return { counted, share };
}

const firstAnswer = (h: Holder) => h.samples[0];
const after = (seconds: number) => (h: Holder) => h.samples.find((x) => x.at >= h.joinedAt + seconds);

// Simulations of minutes of queue: a few hundred ms each, but this machine may be busy with other builds.
const SIMULATION_TIMEOUT_MS = 60_000;

describe('the wait estimate against a queue moving at a known rate', { timeout: SIMULATION_TIMEOUT_MS }, () => {
  it('a queue moving as configured (capacity ÷ session length): the first answer is within ±30 % for 80 % of holders', () => {
    const holders = simulate({ ratePerMinute: 60, priorPerMinute: 60, burst: 150, joinEvery: 2, joinUntil: 300, seed: 1 });
    const { counted, share } = shareWithin30(holders, firstAnswer);
    expect(counted).toBeGreaterThan(150);
    expect(share).toBeGreaterThanOrEqual(0.8);
  });

  it('a queue twice as fast as configured, with a crowd beyond the longest cadence: within 15 s of joining, ±30 % for 80 % of holders', () => {
    const holders = simulate({ ratePerMinute: 120, priorPerMinute: 60, burst: 600, joinEvery: 1, joinUntil: 240, seed: 2 });
    const { counted, share } = shareWithin30(holders, after(15));
    expect(counted).toBeGreaterThan(600);
    expect(share).toBeGreaterThanOrEqual(0.8);
  });

  it('holders who join a queue whose rate the server has measured: the first answer is within ±30 % for 80 % of holders', () => {
    const holders = simulate({ ratePerMinute: 30, priorPerMinute: 10, burst: 60, joinEvery: 2, joinUntil: 600, seed: 3 });
    const late = holders.filter((h) => h.joinedAt >= 120);
    const { counted, share } = shareWithin30(late, firstAnswer);
    expect(counted).toBeGreaterThan(100);
    expect(share).toBeGreaterThanOrEqual(0.8);
  });

  it('every holder sees an estimate from the first answer, and it never rises while the position falls unless the rate fell', () => {
    for (const [i, scenario] of ([
      // [scenario, the share of steps where a rise is expected at most]
      [{ ratePerMinute: 60, priorPerMinute: 60, burst: 150, joinEvery: 2, joinUntil: 300, seed: 11 }, 0.05],
      [{ ratePerMinute: 120, priorPerMinute: 60, burst: 600, joinEvery: 1, joinUntil: 240, seed: 12 }, 0.05],
      // Slower than configured, and slow: quiet spells are real slow-downs, so more rises (each with the rate down).
      [{ ratePerMinute: 6, priorPerMinute: 12, burst: 20, joinEvery: 20, joinUntil: 300, seed: 13 }, 0.25],
    ] as const).entries()) {
      const [config, maxRiseShare] = scenario;
      const holders = simulate(config);
      let rises = 0;
      let steps = 0;
      for (const h of holders) {
        expect(h.samples[0]!.estimate.waitSeconds ?? 0, `scenario ${i}`).toBeGreaterThan(0);
        for (let k = 1; k < h.samples.length; k++, steps++) {
          const before = h.samples[k - 1]!;
          const now = h.samples[k]!;
          expect(now.estimate.progress).toBeGreaterThanOrEqual(before.estimate.progress);
          if (now.position <= before.position && now.estimate.waitSeconds! > before.estimate.waitSeconds!) {
            rises++;
            expect(now.estimate.ratePerMinute, `scenario ${i}, holder ${h.id} at ${now.at}`).toBeLessThan(
              before.estimate.ratePerMinute,
            );
          }
        }
      }
      // Rises are the exception (the queue really slowed down), not the rule.
      expect(rises, `scenario ${i}`).toBeLessThanOrEqual(steps * maxRiseShare);
    }
  });
});

describe('WaitEstimator', () => {
  it('gives an estimate from the cadence of the first answer before any rate is measured', () => {
    const e = new WaitEstimator();
    // capacity 100, sessions of 300 s: 20 a minute; position 10 → 30 s; the cadence says 22 s.
    const first = e.observe({ at: 0, position: 10, calls: 0, serverRatePerMinute: null, pollAfterSeconds: 22 });
    expect(first.waitSeconds!).toBeGreaterThanOrEqual(27);
    expect(first.waitSeconds!).toBeLessThanOrEqual(31);
    expect(first.measured).toBe(false);
  });

  it("takes the server's planned wait when the cadence is clamped (a long wait's first answer)", () => {
    const e = new WaitEstimator();
    // capacity 100, sessions of 300 s: 20 a minute; position 2,000 → 6,000 s, while the cadence
    // says only its longest, 120 s (which alone would mean about 160 s).
    const first = e.observe({
      at: 0,
      position: 2_000,
      calls: 0,
      serverRatePerMinute: null,
      serverWaitSeconds: 6_000,
      pollAfterSeconds: 120,
    });
    expect(first.waitSeconds!).toBeGreaterThanOrEqual(5_700);
    expect(first.waitSeconds!).toBeLessThanOrEqual(6_000);
  });

  it('next in line with the rate unchanged: counts down and does not rise over 18 quiet seconds', () => {
    const e = new WaitEstimator();
    let previous = e.observe({ at: 0, position: 1, calls: 50, serverRatePerMinute: 2, pollAfterSeconds: 22 });
    expect(previous.waitSeconds).toBe(30);
    for (let t = 1; t <= 18; t++) {
      const next = e.observe({ at: t * 1000, position: 1, calls: 50, serverRatePerMinute: 2 });
      expect(next.waitSeconds!).toBeLessThanOrEqual(previous.waitSeconds!);
      expect(next.progress).toBeGreaterThan(previous.progress);
      previous = next;
    }
    expect(previous.waitSeconds).toBe(12);
  });

  it('rises when the server says the queue slowed down', () => {
    const e = new WaitEstimator();
    const before = e.observe({ at: 0, position: 20, calls: 0, serverRatePerMinute: 60 });
    const slower = e.observe({ at: 1000, position: 20, calls: 0, serverRatePerMinute: 20 });
    expect(slower.waitSeconds!).toBeGreaterThan(before.waitSeconds!);
  });

  it('speeds up with the calls it sees when the queue is faster than the prior', () => {
    const e = new WaitEstimator();
    const first = e.observe({ at: 0, position: 100, calls: 0, pollAfterSeconds: 75 }); // prior: 60 a minute
    let last = first;
    for (let t = 1; t <= 20; t++) last = e.observe({ at: t * 1000, position: 100 - 3 * t, calls: 3 * t });
    expect(last.measured).toBe(true);
    expect(last.ratePerMinute).toBeGreaterThan(120);
    expect(last.waitSeconds!).toBeLessThan(40 / 2 + 10);
  });
});
