import { ApiError, isTransient } from '../api/client';
import type { IssuedTicket, PollAnswer } from '../api/types';
import { backoffDelay, DEFAULT_BACKOFF, realTimers, type BackoffPolicy, type Timers } from './backoff';
import { CONNECTED, PollLoop, type Connection } from './pollLoop';
import type { SessionStore, StoredTicket, TicketStore } from './storage';

/** Where the buyer stands in the waiting room. */
export type QueuePhase =
  | { kind: 'joining' }
  | { kind: 'beforeOpening'; opensAt: string | null }
  | { kind: 'waiting'; position: number | null; estimatedWaitSeconds: number | null; admittedPerMinute: number | null }
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
  /** 0..1: how much of the line ahead at joining has been served. */
  progress: number;
  connection: Connection;
  /** How long a place is kept without polling (RETENTION_SECONDS). */
  retentionSeconds: number;
}

export const DEFAULT_RETENTION_SECONDS = 120;

export interface QueueApi {
  issueTicket(performanceId: number, queueToken: string | null): Promise<IssuedTicket>;
  pollPosition(performanceId: number, queueToken: string): Promise<PollAnswer>;
  leaveQueue(performanceId: number, queueToken: string): Promise<void>;
}

export interface QueueDeps {
  api: QueueApi;
  tickets: TicketStore;
  sessions: SessionStore;
  performanceId: number;
  onChange: (view: QueueView) => void;
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

/**
 * The waiting room's client side: joins (or continues the stored ticket), polls once a second,
 * backs off on network trouble, and stops when admitted, expired or left. All state it needs after
 * a reload is in the stores.
 */
export class QueueController {
  private readonly deps: Required<Omit<QueueDeps, 'random' | 'now'>> & Pick<QueueDeps, 'random' | 'now'>;
  private view: QueueView;
  private loop: PollLoop<PollAnswer> | null = null;
  private joining = false;
  private stopped = false;
  private joinTimer: unknown = null;

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
      connection: CONNECTED,
      retentionSeconds: DEFAULT_RETENTION_SECONDS,
    };
  }

  get current(): QueueView {
    return this.view;
  }

  /** Continues the stored ticket, or joins with a new one. */
  start(): void {
    this.stopped = false;
    if (this.ticket()) {
      this.startPolling();
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
  }

  /** After an expiry: a new ticket at the back of the line. */
  rejoin(): void {
    this.deps.tickets.clear(this.deps.performanceId);
    this.deps.sessions.clear(this.deps.performanceId);
    this.update({ phase: { kind: 'joining' }, ticketNumber: null, progress: 0 });
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

  /** Polls at once (e.g. the tab came back to the foreground). */
  pollNow(): void {
    this.loop?.pollNow();
  }

  private ticket(): StoredTicket | null {
    return this.deps.tickets.load(this.deps.performanceId);
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
        const delay = backoffDelay(attempt, this.deps.backoff, this.deps.random);
        this.update({ connection: { ok: false, failures: attempt, retryInMs: delay } });
        this.joinTimer = this.deps.timers.setTimeout(() => {
          this.joinTimer = null;
          void this.join(attempt + 1);
        }, delay);
        return;
      }
      this.update({ phase: isTransient(error) ? { kind: 'error', message: 'We cannot reach the box office right now.' } : phaseOfError(error) });
      return;
    }
    this.joining = false;
    const same = previous && previous.ticketNumber === issued.ticketNumber;
    const firstPosition = same ? previous.firstPosition : (issued.position ?? null);
    this.deps.tickets.save(this.deps.performanceId, {
      queueToken: issued.queueToken,
      ticketNumber: issued.ticketNumber,
      firstPosition,
      joinedAt: same ? previous.joinedAt : (this.deps.now?.() ?? new Date()).toISOString(),
    });
    // Kept even if the page went away meanwhile: the place is the buyer's, and the next page load continues it.
    if (this.stopped) return;
    this.update({
      ticketNumber: issued.ticketNumber,
      connection: CONNECTED,
      retentionSeconds: issued.retentionSeconds ?? this.view.retentionSeconds,
      progress: queueProgress(firstPosition, issued.position ?? null),
      phase:
        issued.position === null || issued.position === undefined
          ? issued.status === 'ADMITTED'
            ? { kind: 'joining' }
            : { kind: 'beforeOpening', opensAt: null }
          : { kind: 'waiting', position: issued.position, estimatedWaitSeconds: null, admittedPerMinute: null },
    });
    this.startPolling();
  }

  private startPolling(): void {
    this.loop?.stop();
    const loop = new PollLoop<PollAnswer>({
      intervalMs: this.deps.intervalMs,
      backoff: this.deps.backoff,
      timers: this.deps.timers,
      random: this.deps.random,
      task: () => {
        const ticket = this.ticket();
        if (!ticket) return Promise.reject(new LeftElsewhere());
        return this.deps.api.pollPosition(this.deps.performanceId, ticket.queueToken);
      },
      onResult: (answer) => this.onAnswer(answer),
      onFatal: (error) => this.onFatal(error),
      onConnection: (connection) => this.update({ connection }),
    });
    this.loop = loop;
    loop.start();
  }

  private onAnswer(answer: PollAnswer): boolean {
    const phase = phaseOf(answer);
    const ticket = this.ticket();
    if (phase.kind === 'admitted') {
      this.deps.sessions.save(this.deps.performanceId, {
        accessToken: phase.accessToken,
        sessionExpiresAt: phase.sessionExpiresAt,
      });
      this.update({ phase, progress: 1 });
      return false;
    }
    let firstPosition = ticket?.firstPosition ?? null;
    if (phase.kind === 'waiting' && ticket && (firstPosition === null || (phase.position ?? 0) > firstPosition)) {
      firstPosition = phase.position;
      this.deps.tickets.save(this.deps.performanceId, { ...ticket, firstPosition });
    }
    this.update({
      phase,
      ticketNumber: answer.ticketNumber ?? ticket?.ticketNumber ?? this.view.ticketNumber,
      retentionSeconds: (answer.status === 'WAITING' ? answer.retentionSeconds : undefined) ?? this.view.retentionSeconds,
      progress: phase.kind === 'waiting' ? queueProgress(firstPosition, phase.position) : 0,
    });
    return true;
  }

  private onFatal(error: unknown): void {
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

  private update(patch: Partial<QueueView>): void {
    this.view = { ...this.view, ...patch };
    this.deps.onChange(this.view);
  }
}

/** The ticket was dropped from storage by another tab (left or rejoined there). */
class LeftElsewhere extends Error {}
