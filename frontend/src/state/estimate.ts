/**
 * The waiting room's wait estimate, from the first answer on.
 *
 * The admission rate is a blend of what was believed before (the prior) and the calls this page has
 * watched happen (from the poll answers and the public queue state):
 *
 *   rate = (prior × weight + calls seen) / (weight + seconds watched)
 *
 * where the prior weighs as much as PRIOR_CALLS calls at its own rate (at least PRIOR_MIN_SECONDS),
 * so a slow queue is not judged on a few quiet seconds and a fast one is measured within seconds;
 * with the calls and seconds watched decaying with a time constant of EVIDENCE_DECAY_SECONDS, so
 * the rate follows a queue that speeds up or slows down. The prior is the server's measured rate
 * (`admittedPerMinute`) when it has one; before that, the server's `estimatedWaitSeconds`, which it
 * computes from the configured capacity ÷ session length until it has measured a rate; from a
 * server without it, the rate its cadence assumed (`pollAfterSeconds` is ¾ of the wait,
 * docs/queue.md, so `wait ≈ pollAfterSeconds / 0.75`). Either way the first answer already carries
 * an estimate.
 *
 * What is shown counts down between answers and never rises while the position falls, unless the
 * measured rate fell (by more than RATE_DROP, so that noise does not make it jump back up).
 */
export interface Observation {
  /** Epoch ms. */
  at: number;
  /** Position now (1 = next), exact on a poll answer, estimated from the calls in between. */
  position: number;
  /** The queue's call counter at that moment (poll answer or public state), if known. */
  calls?: number | null;
  /** The server's measured admissions per minute, if it has measured one. */
  serverRatePerMinute?: number | null;
  /**
   * From a poll answer or a join: the server's own estimate (from the measured rate, else from the
   * configured capacity ÷ session length).
   */
  serverWaitSeconds?: number | null;
  /** From a poll answer or a join: when the server wants the next poll. */
  pollAfterSeconds?: number | null;
}

export interface Estimate {
  /** Seconds until the call, as shown (≥ 1 while waiting); null when nothing is known yet (no cadence, no rate). */
  waitSeconds: number | null;
  ratePerMinute: number;
  /** Whether calls have been seen (true) or the estimate is still the prior alone. */
  measured: boolean;
  /**
   * 0..1, never going back: the mean of the share of the line served and the share of the whole
   * wait already waited, so the bar moves every second even while the position stays.
   */
  progress: number;
}

export const PRIOR_CALLS = 5;
export const PRIOR_MIN_SECONDS = 10;
export const EVIDENCE_DECAY_SECONDS = 120;
/** A rate this much below the one an estimate was made with may make the estimate rise. */
export const RATE_DROP = 0.15;
/** The share of the expected wait the server's cadence sets as `pollAfterSeconds`. */
export const CADENCE_SHARE = 0.75;
const MIN_RATE_PER_SECOND = 1 / 3600;

export class WaitEstimator {
  private priorPerSecond: number | null = null;
  private evidenceCalls = 0;
  private evidenceSeconds = 0;
  private last: { at: number; calls: number | null } | null = null;
  private shown: { waitSeconds: number; at: number; anchorRate: number } | null = null;
  private firstPosition: number | null = null;
  private startedAt: number | null = null;
  private progress = 0;
  private sawCalls = false;

  /** `firstPosition` and `startedAt` (epoch ms) continue a ticket's progress after a reload. */
  constructor(start: { firstPosition?: number | null; startedAt?: number | null } = {}) {
    this.firstPosition = start.firstPosition ?? null;
    this.startedAt = start.startedAt ?? null;
  }

  observe(o: Observation): Estimate {
    const position = Math.max(1, o.position);
    this.startedAt ??= o.at;
    if (this.firstPosition === null || position > this.firstPosition) this.firstPosition = position;
    this.updatePrior(o, position);
    this.addEvidence(o);
    const rate = this.ratePerSecond();
    const served = (this.firstPosition - position + 1) / (this.firstPosition + 1);
    if (rate === null) {
      this.progress = Math.max(this.progress, served / 2);
      return { waitSeconds: null, ratePerMinute: 0, measured: false, progress: this.progress };
    }
    const waitSeconds = this.shownWait(position / rate, rate, o.at);
    const waited = Math.max(0, (o.at - this.startedAt) / 1000);
    const timeShare = waited / (waited + waitSeconds);
    this.progress = Math.min(0.99, Math.max(this.progress, (served + timeShare) / 2));
    return { waitSeconds, ratePerMinute: rate * 60, measured: this.sawCalls, progress: this.progress };
  }

  private updatePrior(o: Observation, position: number): void {
    if (o.serverRatePerMinute != null && o.serverRatePerMinute >= 0.01) {
      this.priorPerSecond = o.serverRatePerMinute / 60;
    } else if (this.priorPerSecond === null && o.serverWaitSeconds != null && o.serverWaitSeconds > 0) {
      this.priorPerSecond = position / o.serverWaitSeconds;
    } else if (this.priorPerSecond === null && o.pollAfterSeconds != null && o.pollAfterSeconds > 0) {
      this.priorPerSecond = (position * CADENCE_SHARE) / o.pollAfterSeconds;
    }
  }

  private addEvidence(o: Observation): void {
    const calls = o.calls ?? null;
    if (calls === null) return; // time without a call count proves nothing about the rate
    if (this.last && this.last.calls !== null) {
      const seconds = Math.max(0, (o.at - this.last.at) / 1000);
      const decay = Math.exp(-seconds / EVIDENCE_DECAY_SECONDS);
      this.evidenceCalls *= decay;
      this.evidenceSeconds = this.evidenceSeconds * decay + seconds;
      if (calls > this.last.calls) {
        this.evidenceCalls += calls - this.last.calls;
        this.sawCalls = true;
      }
    }
    this.last = { at: o.at, calls };
  }

  /** Calls per second, or null when there is neither a prior nor a call seen. */
  private ratePerSecond(): number | null {
    const prior = this.priorPerSecond;
    if (prior === null) {
      // No prior at all (a server from before the cadence): what was seen, if anything.
      return this.evidenceSeconds > 0 && this.evidenceCalls > 0
        ? Math.max(MIN_RATE_PER_SECOND, this.evidenceCalls / this.evidenceSeconds)
        : null;
    }
    const weight = Math.max(PRIOR_MIN_SECONDS, PRIOR_CALLS / prior);
    const blended = (prior * weight + this.evidenceCalls) / (weight + this.evidenceSeconds);
    return Math.max(MIN_RATE_PER_SECOND, blended);
  }

  private shownWait(raw: number, rate: number, at: number): number {
    const previous = this.shown;
    if (previous) {
      const countdown = Math.max(1, previous.waitSeconds - (at - previous.at) / 1000);
      const rateFell = rate < previous.anchorRate * (1 - RATE_DROP);
      if (raw > countdown && !rateFell) {
        // Keep counting down from the last figure; the anchor rate stays the one it was made with.
        this.shown = { waitSeconds: countdown, at, anchorRate: previous.anchorRate };
        return Math.ceil(countdown);
      }
    }
    const waitSeconds = Math.max(1, raw);
    this.shown = { waitSeconds, at, anchorRate: rate };
    return Math.ceil(waitSeconds);
  }
}
