import { ApiError, isTransient } from '../api/client';
import type { IssuedTicket, PollAnswer, QueueState } from '../api/types';
import { backoffDelay, DEFAULT_BACKOFF, realTimers, type BackoffPolicy, type Timers } from './backoff';
import { estimatedPosition, HOLD_STATE_REFRESH_MS, isCalled, stateRefreshMs, type LastPoll } from './cadence';
import { CONNECTION_OK, connectionAfter, type ConnectionEvent, type ConnectionState } from './connection';
import { WaitEstimator } from './estimate';
import { PollLoop } from './pollLoop';
import type { SaleHold, SessionStore, StoredTicket, TicketStore } from './storage';

/** Where the buyer stands in the waiting room. */
export type QueuePhase =
  | { kind: 'joining' }
  | { kind: 'beforeOpening'; opensAt: string | null }
  | {
      kind: 'waiting';
      position: number | null;
      /** From the first answer on (src/state/estimate.ts); null only from a server without the cadence. */
      estimatedWaitSeconds: number | null;
      admittedPerMinute: number | null;
    }
  /** An operator paused the sale: the place is kept, nothing moves, polling goes on. */
  | { kind: 'paused'; position: number | null }
  /** Nothing left to sell for now: the ticket is on the returns list, in ticket order. */
  | { kind: 'soldOut'; position: number | null }
  | { kind: 'admitted'; accessToken: string; sessionExpiresAt: string }
  /** The ticket is gone (abandoned, unclaimed call, session over, unknown token): offer to rejoin. */
  | { kind: 'expired'; reason: string }
  | { kind: 'saleEnded' }
  | { kind: 'notFound' }
  | { kind: 'left' }
  | { kind: 'error'; message: string };

export interface QueueView {
  phase: QueuePhase;
  ticketNumber: number | null;
  /** 0..1, never going back: the line served or the time waited of the whole wait, the larger. */
  progress: number;
  connection: ConnectionState;
  /** How long a place is kept without polling beyond the next due poll (RETENTION_SECONDS). */
  retentionSeconds: number;
  /** How long the buyer may be away now and keep the place: to the next due poll, plus the retention. */
  keepPlaceSeconds: number;
}

export const DEFAULT_RETENTION_SECONDS = 120;

export interface QueueApi {
  issueTicket(performanceId: number, queueToken: string | null): Promise<IssuedTicket>;
  pollPosition(performanceId: number, queueToken: string): Promise<PollAnswer>;
  leaveQueue(performanceId: number, queueToken: string): Promise<void>;
  queueState(performanceId: number): Promise<QueueState>;
}

export interface QueueDeps {
  api: QueueApi;
  tickets: TicketStore;
  sessions: SessionStore;
  performanceId: number;
  onChange: (view: QueueView) => void;
  /** The pause between polls when the server does not say (a server from before the cadence). */
  intervalMs?: number;
  backoff?: BackoffPolicy;
  timers?: Timers;
  random?: () => number;
  now?: () => Date;
  /** Give up joining after this many failed tries in a row. */
  maxJoinAttempts?: number;
}

/**
 * 0..1 progress from the first position seen and the current one (1 = next in line). The last step,
 * admission, is part of the way: the bar fills only when the buyer is let in.
 */
export function queueProgress(firstPosition: number | null, position: number | null): number {
  if (firstPosition === null || position === null || firstPosition <= 0) return 0;
  if (position <= 0) return 1;
  return Math.min(1, Math.max(0, (firstPosition - position + 1) / (firstPosition + 1)));
}

/** The phase a poll answer puts the buyer in. */
export function phaseOf(answer: PollAnswer): QueuePhase {
  if (answer.status === 'ADMITTED') {
    return { kind: 'admitted', accessToken: answer.accessToken, sessionExpiresAt: answer.sessionExpiresAt };
  }
  if (answer.status === 'PAUSED' || answer.status === 'SOLD_OUT') return heldPhase(answer.status, null);
  return waitingPhaseOf(answer as Extract<PollAnswer, { status: 'WAITING' }>);
}

/** A `WAITING` answer's phase (any other status a later server may send reads as one without a position). */
function waitingPhaseOf(answer: Extract<PollAnswer, { status: 'WAITING' }>): QueuePhase {
  const position = answer.position ?? null;
  if (position === null) {
    return { kind: 'beforeOpening', opensAt: answer.saleOpensAt ?? answer.opensAt ?? null };
  }
  return {
    kind: 'waiting',
    position,
    estimatedWaitSeconds: answer.estimatedWaitSeconds ?? null,
    admittedPerMinute: answer.admittedPerMinute ?? null,
  };
}

/** The hold a poll answer puts the ticket on (null: none). */
export function holdOfAnswer(answer: PollAnswer): SaleHold | null {
  return answer.status === 'PAUSED' || answer.status === 'SOLD_OUT' ? answer.status : null;
}

/**
 * What the public state's `sale` says about a ticket's hold: `PAUSED`/`SOLD_OUT` put it on hold,
 * `OPEN` lifts it, anything else (before the opening, closed, unknown) leaves it as the polls said.
 */
export function holdOfSale(sale: string, current: SaleHold | null): SaleHold | null {
  if (sale === 'PAUSED' || sale === 'SOLD_OUT') return sale;
  if (sale === 'OPEN') return null;
  return current;
}

export function heldPhase(hold: SaleHold, position: number | null): QueuePhase {
  return hold === 'PAUSED' ? { kind: 'paused', position } : { kind: 'soldOut', position };
}

/** The phase an error answer from the queue routes puts the buyer in (transient ones excluded). */
export function phaseOfError(error: unknown): QueuePhase {
  if (error instanceof ApiError) {
    if (error.status === 410 && error.code === 'sale_ended') return { kind: 'saleEnded' };
    if (error.status === 410) return { kind: 'expired', reason: error.code };
    if (error.status === 401 || error.status === 403) return { kind: 'expired', reason: 'unrecognised' };
    if (error.status === 404) return { kind: 'notFound' };
    return { kind: 'error', message: error.message };
  }
  return { kind: 'error', message: 'Something unexpected happened. Please try again.' };
}

/** What the waiting ticket's last answer says, for reading the public state against. */
export function lastPollOf(answer: PollAnswer | null | undefined, at: number): LastPoll | null {
  if (!answer || answer.status !== 'WAITING') return null;
  if (answer.position == null || answer.orderKey == null || answer.calls == null) return null;
  return {
    position: answer.position,
    calls: answer.calls,
    orderKey: answer.orderKey,
    pollAfterSeconds: answer.pollAfterSeconds ?? 1,
    admittedPerMinute: answer.admittedPerMinute ?? null,
    at,
  };
}

/** One poll's outcome: an answer, a 429 saying when it is due, or a poll another tab made. */
type PollOutcome =
  | { kind: 'answer'; answer: PollAnswer }
  | { kind: 'early'; retryAfterMs: number }
  | { kind: 'deferred'; untilMs: number };

/** Within this of its due time a poll goes ahead (timers are not exact). */
const DUE_SLACK_MS = 500;

/**
 * The waiting room's client side: joins (or continues the stored ticket), polls when the server
 * says (`pollAfterSeconds`; a 429 only moves the next poll), reads the public queue state in
 * between to show the line moving and to claim the call as soon as it comes, backs off on network
 * trouble, and stops when admitted, expired or left. All state it needs after a reload is in the
 * stores, which every tab of the buyer shares (so two tabs make one poll, not two).
 */
export class QueueController {
  private readonly deps: Required<Omit<QueueDeps, 'random' | 'now'>> & Pick<QueueDeps, 'random' | 'now'>;
  private view: QueueView;
  private loop: PollLoop<PollOutcome> | null = null;
  private joining = false;
  private stopped = false;
  private joinTimer: unknown = null;
  private stateTimer: unknown = null;
  private state: QueueState | null = null;
  private stateFailures = 0;
  private estimator: WaitEstimator | null = null;
  /** The public state says the ticket has been called: the next poll goes now and claims. */
  private claimNow = false;

  constructor(deps: QueueDeps) {
    this.deps = {
      intervalMs: 1_000,
      backoff: DEFAULT_BACKOFF,
      timers: realTimers,
      maxJoinAttempts: 8,
      ...deps,
    };
    const stored = this.deps.tickets.load(deps.performanceId);
    this.view = {
      phase: { kind: 'joining' },
      ticketNumber: stored?.ticketNumber ?? null,
      progress: 0,
      connection: CONNECTION_OK,
      retentionSeconds: DEFAULT_RETENTION_SECONDS,
      keepPlaceSeconds: DEFAULT_RETENTION_SECONDS,
    };
  }

  get current(): QueueView {
    return this.view;
  }

  /** Continues the stored ticket (showing its last answer at once), or joins with a new one. */
  start(): void {
    this.stopped = false;
    this.connect({ type: 'restarted' });
    const ticket = this.ticket();
    if (ticket) {
      if (ticket.lastAnswer && ticket.lastAnswer.status === 'WAITING') this.showAnswer(ticket.lastAnswer, ticket, true);
      else if (ticket.saleHold) this.showHold(ticket);
      this.startPolling(this.untilDue(ticket));
    } else {
      void this.join();
    }
  }

  stop(): void {
    this.stopped = true;
    this.loop?.stop();
    this.loop = null;
    if (this.joinTimer !== null) this.deps.timers.clearTimeout(this.joinTimer);
    this.joinTimer = null;
    this.stopStateReads();
  }

  /** After an expiry: a new ticket at the back of the line. */
  rejoin(): void {
    this.deps.tickets.clear(this.deps.performanceId);
    this.deps.sessions.clear(this.deps.performanceId);
    this.estimator = null;
    this.state = null;
    this.update({ phase: { kind: 'joining' }, ticketNumber: null, progress: 0, connection: CONNECTION_OK });
    this.stopped = false;
    void this.join();
  }

  /** Gives the place up (or ends the session) on the server and forgets the ticket. */
  async leave(): Promise<void> {
    const ticket = this.ticket();
    this.stop();
    this.deps.tickets.clear(this.deps.performanceId);
    this.deps.sessions.clear(this.deps.performanceId);
    this.update({ phase: { kind: 'left' } });
    if (ticket) {
      try {
        await this.deps.api.leaveQueue(this.deps.performanceId, ticket.queueToken);
      } catch {
        // Not leaving explicitly only means the place lapses after the retention time.
      }
    }
  }

  /**
   * The tab came back to the foreground: reads the public state at once, and polls if the poll is
   * due (a poll before would only be answered 429).
   */
  pollNow(): void {
    const ticket = this.ticket();
    if (ticket && this.untilDue(ticket) === 0) this.loop?.pollNow();
    if (this.stateTimer !== null) {
      this.deps.timers.clearTimeout(this.stateTimer);
      this.stateTimer = null;
      void this.readState();
    }
  }

  private ticket(): StoredTicket | null {
    return this.deps.tickets.load(this.deps.performanceId);
  }

  private nowMs(): number {
    return this.deps.now ? this.deps.now().getTime() : Date.now();
  }

  /** Ms until the stored ticket's poll is due (0: due now). */
  private untilDue(ticket: StoredTicket): number {
    const due = ticket.nextPollAt ?? 0;
    const left = due - this.nowMs();
    return left > DUE_SLACK_MS ? left : 0;
  }

  private async join(attempt = 1): Promise<void> {
    if (this.joining || this.stopped) return;
    this.joining = true;
    const previous = this.ticket();
    let issued: IssuedTicket;
    try {
      issued = await this.deps.api.issueTicket(this.deps.performanceId, previous?.queueToken ?? null);
    } catch (error) {
      this.joining = false;
      if (this.stopped) return;
      if (isTransient(error) && attempt < this.deps.maxJoinAttempts) {
        const delay = Math.max(
          (error as { retryAfterMs?: number | null }).retryAfterMs ?? 0,
          backoffDelay(attempt, this.deps.backoff, this.deps.random),
        );
        this.connect({ type: 'failed', failures: attempt, retryInMs: delay });
        this.joinTimer = this.deps.timers.setTimeout(() => {
          this.joinTimer = null;
          void this.join(attempt + 1);
        }, delay);
        return;
      }
      this.update({ phase: isTransient(error) ? { kind: 'error', message: 'We cannot reach the box office right now.' } : phaseOfError(error) });
      if (isTransient(error)) this.connect({ type: 'lost', reason: 'unreachable' });
      return;
    }
    this.joining = false;
    const same = previous && previous.ticketNumber === issued.ticketNumber;
    const firstPosition = same ? previous.firstPosition : (issued.position ?? null);
    const now = this.nowMs();
    const answer: PollAnswer | null =
      issued.status === 'WAITING'
        ? {
            status: 'WAITING',
            position: issued.position ?? null,
            estimatedWaitSeconds: issued.estimatedWaitSeconds ?? null,
            saleOpensAt: issued.saleOpensAt ?? null,
            retentionSeconds: issued.retentionSeconds,
            pollAfterSeconds: issued.pollAfterSeconds,
            orderKey: issued.orderKey ?? null,
            calls: issued.calls ?? null,
            ticketNumber: issued.ticketNumber,
          }
        : null;
    // A server that says when to poll is polled then; one that does not, at once (as before).
    const firstPollIn = issued.status === 'WAITING' && issued.pollAfterSeconds != null ? issued.pollAfterSeconds * 1000 : 0;
    this.deps.tickets.save(this.deps.performanceId, {
      queueToken: issued.queueToken,
      ticketNumber: issued.ticketNumber,
      firstPosition,
      joinedAt: same ? previous.joinedAt : (this.deps.now?.() ?? new Date()).toISOString(),
      lastAnswer: answer,
      answeredAt: now,
      nextPollAt: now + firstPollIn,
    });
    // Kept even if the page went away meanwhile: the place is the buyer's, and the next page load continues it.
    if (this.stopped) return;
    this.connect({ type: 'answered' });
    this.update({ ticketNumber: issued.ticketNumber });
    if (answer && answer.position != null) {
      this.showAnswer(answer, this.ticket(), true);
    } else {
      this.update({
        retentionSeconds: issued.retentionSeconds ?? this.view.retentionSeconds,
        keepPlaceSeconds: firstPollIn / 1000 + (issued.retentionSeconds ?? this.view.retentionSeconds),
        progress: 0,
        phase: issued.status === 'ADMITTED' ? { kind: 'joining' } : { kind: 'beforeOpening', opensAt: issued.saleOpensAt ?? null },
      });
    }
    this.startPolling(firstPollIn);
  }

  private startPolling(delayMs: number): void {
    this.loop?.stop();
    const loop = new PollLoop<PollOutcome>({
      intervalMs: this.deps.intervalMs,
      backoff: this.deps.backoff,
      timers: this.deps.timers,
      random: this.deps.random,
      task: () => this.poll(),
      onResult: (outcome) => this.onOutcome(outcome),
      nextDelayMs: (outcome) => this.delayAfter(outcome),
      onFatal: (error) => this.onFatal(error),
      onConnection: (c) => this.connect(c.ok ? { type: 'answered' } : { type: 'failed', failures: c.failures, retryInMs: c.retryInMs }),
    });
    this.loop = loop;
    loop.start(delayMs);
    this.scheduleStateRead();
  }

  private async poll(): Promise<PollOutcome> {
    const ticket = this.ticket();
    if (!ticket) throw new LeftElsewhere();
    const wait = this.untilDue(ticket);
    if (wait > 0 && !this.claimNow) return { kind: 'deferred', untilMs: wait }; // another tab polled
    this.claimNow = false;
    try {
      return { kind: 'answer', answer: await this.deps.api.pollPosition(this.deps.performanceId, ticket.queueToken) };
    } catch (error) {
      if (error instanceof ApiError && error.status === 429 && error.code === 'poll_too_soon') {
        return { kind: 'early', retryAfterMs: error.retryAfterMs ?? this.deps.intervalMs };
      }
      throw error;
    }
  }

  private onOutcome(outcome: PollOutcome): boolean {
    if (outcome.kind === 'early') {
      const ticket = this.ticket();
      if (ticket) this.deps.tickets.save(this.deps.performanceId, { ...ticket, nextPollAt: this.nowMs() + outcome.retryAfterMs });
      return true;
    }
    if (outcome.kind === 'deferred') {
      const ticket = this.ticket();
      if (ticket?.lastAnswer && ticket.lastAnswer.status === 'WAITING') this.showAnswer(ticket.lastAnswer, ticket, false);
      else if (ticket?.saleHold) this.showHold(ticket);
      return true;
    }
    return this.onAnswer(outcome.answer);
  }

  private delayAfter(outcome: PollOutcome): number {
    if (outcome.kind === 'early') return outcome.retryAfterMs;
    if (outcome.kind === 'deferred') return outcome.untilMs;
    const after = outcome.answer.pollAfterSeconds;
    return after != null ? after * 1000 : this.deps.intervalMs;
  }

  private onAnswer(answer: PollAnswer): boolean {
    const phase = phaseOf(answer);
    const ticket = this.ticket();
    if (phase.kind === 'admitted') {
      this.deps.sessions.save(this.deps.performanceId, {
        accessToken: phase.accessToken,
        sessionExpiresAt: phase.sessionExpiresAt,
      });
      this.stopStateReads();
      this.update({ phase, progress: 1 });
      return false;
    }
    if (ticket) {
      const now = this.nowMs();
      let firstPosition = ticket.firstPosition ?? null;
      if (phase.kind === 'waiting' && (firstPosition === null || (phase.position ?? 0) > firstPosition)) {
        firstPosition = phase.position;
      }
      const after = answer.pollAfterSeconds;
      const hold = holdOfAnswer(answer);
      this.deps.tickets.save(this.deps.performanceId, {
        ...ticket,
        firstPosition,
        // On hold the last waiting answer is kept: its place is still the buyer's, and shown.
        ...(hold ? {} : { lastAnswer: answer, answeredAt: now }),
        nextPollAt: after != null ? now + after * 1000 : null,
        saleHold: hold,
      });
    }
    const saved = this.ticket();
    if (saved?.saleHold) {
      if (answer.status !== 'ADMITTED' && answer.retentionSeconds != null) this.update({ retentionSeconds: answer.retentionSeconds });
      this.showHold(saved);
    } else {
      this.showAnswer(answer, saved, true);
    }
    return true;
  }

  /**
   * Shows a ticket on hold: the place as last known (nobody moves while paused or sold out), no
   * estimate, and the progress bar where it was.
   */
  private showHold(ticket: StoredTicket): void {
    if (!ticket.saleHold) return;
    const now = this.nowMs();
    const answer = ticket.lastAnswer;
    const last = lastPollOf(answer, ticket.answeredAt ?? now);
    const position = last ? estimatedPosition(last, this.state) : answer?.status === 'WAITING' ? (answer.position ?? null) : null;
    const dueIn = ticket.nextPollAt != null ? Math.max(0, (ticket.nextPollAt - now) / 1000) : 0;
    this.update({
      phase: heldPhase(ticket.saleHold, position),
      ticketNumber: ticket.ticketNumber ?? this.view.ticketNumber,
      keepPlaceSeconds: Math.round(dueIn) + this.view.retentionSeconds,
    });
  }

  /**
   * Shows a waiting answer, moved on by what the public state has said since it came, with the
   * wait estimated from both (`fresh`: the answer just came, so its cadence counts).
   */
  private showAnswer(answer: PollAnswer, ticket: StoredTicket | null, fresh: boolean): void {
    if (ticket?.saleHold) {
      this.showHold(ticket);
      return;
    }
    if (answer.status !== 'WAITING') return;
    const now = this.nowMs();
    const retention = answer.retentionSeconds ?? this.view.retentionSeconds;
    const dueIn = ticket?.nextPollAt != null ? Math.max(0, (ticket.nextPollAt - now) / 1000) : 0;
    let phase = phaseOf(answer);
    let progress = 0;
    const last = lastPollOf(answer, ticket?.answeredAt ?? now);
    if (phase.kind === 'waiting' && phase.position != null) {
      const stateIsNewer = last !== null && this.state !== null && this.state.calls > last.calls;
      const position = last && stateIsNewer ? estimatedPosition(last, this.state) : phase.position;
      const serverRate = (stateIsNewer ? this.state?.admittedPerMinute : null) ?? answer.admittedPerMinute ?? null;
      const estimator = this.estimatorFor(ticket);
      const estimate = estimator.observe({
        at: now,
        position,
        calls: stateIsNewer ? this.state!.calls : (answer.calls ?? null),
        serverRatePerMinute: serverRate,
        serverWaitSeconds: fresh ? (answer.estimatedWaitSeconds ?? null) : null,
        pollAfterSeconds: fresh ? (answer.pollAfterSeconds ?? null) : null,
      });
      phase = {
        kind: 'waiting',
        position,
        admittedPerMinute: estimate.waitSeconds === null ? null : Math.round(estimate.ratePerMinute * 10) / 10,
        estimatedWaitSeconds: estimate.waitSeconds,
      };
      progress = estimate.progress;
    }
    this.update({
      phase,
      ticketNumber: answer.ticketNumber ?? ticket?.ticketNumber ?? this.view.ticketNumber,
      retentionSeconds: retention,
      keepPlaceSeconds: Math.round(dueIn) + retention,
      progress,
    });
  }

  /** One estimator per ticket; after a reload it starts from the ticket's first position and join time. */
  private estimatorFor(ticket: StoredTicket | null): WaitEstimator {
    if (!this.estimator) {
      const joinedAt = ticket ? Date.parse(ticket.joinedAt) : NaN;
      this.estimator = new WaitEstimator({
        firstPosition: ticket?.firstPosition ?? null,
        startedAt: Number.isFinite(joinedAt) ? joinedAt : null,
      });
    }
    return this.estimator;
  }

  private scheduleStateRead(): void {
    if (this.stopped || this.stateTimer !== null) return;
    this.stateTimer = this.deps.timers.setTimeout(() => {
      this.stateTimer = null;
      void this.readState();
    }, this.nextStateReadMs());
  }

  /** Ms to the next read of the public state: sooner when near the front, or while reconnecting. */
  private nextStateReadMs(): number {
    if (this.view.connection.kind === 'reconnecting') return stateRefreshMs(0) * 2;
    const phase = this.view.phase;
    if (phase.kind === 'paused' || phase.kind === 'soldOut') return HOLD_STATE_REFRESH_MS;
    return stateRefreshMs(phase.kind === 'waiting' ? phase.estimatedWaitSeconds : null);
  }

  private stopStateReads(): void {
    if (this.stateTimer !== null) this.deps.timers.clearTimeout(this.stateTimer);
    this.stateTimer = null;
  }

  /** Reads the public state (an edge cache hit on AWS) and acts on it; its failures are ignored. */
  private async readState(): Promise<void> {
    if (this.stopped || !this.loop?.active) return;
    try {
      this.state = await this.deps.api.queueState(this.deps.performanceId);
    } catch (error) {
      // The place is safe until the due poll plus the retention; the page says it is reconnecting.
      if (isTransient(error)) {
        this.stateFailures += 1;
        this.connect({ type: 'failed', failures: this.stateFailures, retryInMs: this.nextStateReadMs() });
      }
      this.scheduleStateRead();
      return;
    }
    this.stateFailures = 0;
    if (this.stopped || !this.loop?.active || !this.state) return;
    if (this.view.connection.kind === 'reconnecting') {
      // The server answers again: clear the notice, and poll now to know the place is still there.
      this.connect({ type: 'answered' });
      this.claimNow = true;
      this.loop.pollNow();
    }
    let ticket = this.ticket();
    const before = ticket?.saleHold ?? null;
    const hold = holdOfSale(this.state.sale, before);
    if (ticket && hold !== before) {
      ticket = { ...ticket, saleHold: hold };
      this.deps.tickets.save(this.deps.performanceId, ticket);
      if (hold === null) {
        // Resumed, or seats came back: ask now for the place and the cadence of a moving line.
        this.claimNow = true;
        this.loop.pollNow();
      }
    }
    const answer = ticket?.lastAnswer;
    const last = lastPollOf(answer, ticket?.answeredAt ?? this.nowMs());
    if (ticket?.saleHold) {
      this.showHold(ticket);
    } else if (last && isCalled(last, this.state)) {
      this.claimNow = true;
      this.loop.pollNow();
    } else if (this.state.sale === 'CLOSED') {
      this.claimNow = true;
      this.loop.pollNow(); // the poll says so properly (410 sale_ended)
    } else if (answer && answer.status === 'WAITING') {
      this.showAnswer(answer, ticket, false);
    }
    this.scheduleStateRead();
  }

  private onFatal(error: unknown): void {
    this.stopStateReads();
    if (error instanceof LeftElsewhere) {
      this.update({ phase: { kind: 'expired', reason: 'left_elsewhere' } });
      return;
    }
    const phase = phaseOfError(error);
    if (phase.kind === 'expired' || phase.kind === 'saleEnded' || phase.kind === 'notFound') {
      this.deps.sessions.clear(this.deps.performanceId);
    }
    this.update({ phase });
  }

  private connect(event: ConnectionEvent): void {
    const connection = connectionAfter(this.view.connection, event);
    if (connection !== this.view.connection) this.update({ connection });
  }

  private update(patch: Partial<QueueView>): void {
    this.view = { ...this.view, ...patch };
    // A lost place is one message with one action: the connection says so too, so no notice beside it.
    const final = ['expired', 'saleEnded', 'notFound', 'error'];
    if (patch.phase && final.includes(patch.phase.kind)) {
      this.view = { ...this.view, connection: connectionAfter(this.view.connection, { type: 'lost', reason: patch.phase.kind }) };
    }
    this.deps.onChange(this.view);
  }
}

/** The ticket was dropped from storage by another tab (left or rejoined there). */
class LeftElsewhere extends Error {}
