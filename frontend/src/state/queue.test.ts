import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IssuedTicket, PollAnswer, QueueState } from '../api/types';
import { apiError, offline } from '../test/fakes';
import { DEFAULT_BACKOFF } from './backoff';
import { holdOfSale, phaseOf, QueueController, queueProgress, type QueueApi, type QueueView } from './queue';
import { MemoryStorage, SessionStore, TicketStore } from './storage';

const PERF = 7;
const backoff = { ...DEFAULT_BACKOFF, jitter: 0 };

type Step<T> = T | Error;

class FakeQueueApi implements QueueApi {
  issues: Array<string | null> = [];
  polls: string[] = [];
  leaves: string[] = [];
  states = 0;
  issueSteps: Array<Step<IssuedTicket>> = [];
  pollSteps: Array<Step<PollAnswer>> = [];
  stateSteps: Array<Step<QueueState>> = [new Error('no state in this test')];
  private next<T>(steps: Array<Step<T>>): Promise<T> {
    const step = steps.length > 1 ? steps.shift()! : steps[0]!;
    return step instanceof Error ? Promise.reject(step) : Promise.resolve(step);
  }
  issueTicket(_: number, queueToken: string | null) {
    this.issues.push(queueToken);
    return this.next(this.issueSteps);
  }
  pollPosition(_: number, queueToken: string) {
    this.polls.push(queueToken);
    return this.next(this.pollSteps);
  }
  async leaveQueue(_: number, queueToken: string) {
    this.leaves.push(queueToken);
  }
  queueState() {
    this.states++;
    return this.next(this.stateSteps);
  }
}

const ticket = (n: number, position: number | null = 5): IssuedTicket => ({
  queueToken: `q-${n}`,
  ticketNumber: n,
  status: 'WAITING',
  position,
});
const waiting = (position: number, extra: Partial<PollAnswer> = {}): PollAnswer =>
  ({ status: 'WAITING', position, estimatedWaitSeconds: position * 6, admittedPerMinute: 10, ...extra }) as PollAnswer;
const admitted: PollAnswer = { status: 'ADMITTED', accessToken: 'acc', sessionExpiresAt: '2030-01-01T00:05:00Z' };

const KEY = 2 ** 48 + 500;
/** A ticket as a server with the cadence issues it: position, when to poll, order key, calls. */
const paced = (n: number, position: number, pollAfterSeconds: number, calls = 100): IssuedTicket => ({
  ...ticket(n, position),
  pollAfterSeconds,
  orderKey: KEY,
  calls,
  retentionSeconds: 120,
});
const pacedWaiting = (position: number, pollAfterSeconds: number, calls = 100): PollAnswer =>
  waiting(position, { pollAfterSeconds, orderKey: KEY, calls, retentionSeconds: 120 } as Partial<PollAnswer>);
const queueState = (calls: number, nowServing: number, admittedPerMinute = 60): QueueState => ({
  performanceId: PERF,
  sale: 'OPEN',
  calls,
  nowServing,
  admittedPerMinute,
  waiting: 400,
  computedAt: '2030-01-01T00:00:00Z',
});

function setup(storage = new MemoryStorage(), api = new FakeQueueApi()) {
  const views: QueueView[] = [];
  const tickets = new TicketStore(() => storage);
  const sessions = new SessionStore(() => storage);
  const controller = new QueueController({
    api,
    tickets,
    sessions,
    performanceId: PERF,
    onChange: (v) => views.push(v),
    backoff,
  });
  return { api, views, tickets, sessions, controller, storage, last: () => views[views.length - 1]! };
}

describe('QueueController', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('joins once, keeps the ticket in storage and polls every second', async () => {
    const { api, controller, tickets, last } = setup();
    api.issueSteps = [ticket(42, 5)];
    api.pollSteps = [waiting(5), waiting(4), waiting(3)];
    controller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(api.issues).toEqual([null]);
    expect(tickets.load(PERF)).toMatchObject({ queueToken: 'q-42', ticketNumber: 42, firstPosition: 5 });
    await vi.advanceTimersByTimeAsync(2000);
    expect(api.polls).toEqual(['q-42', 'q-42', 'q-42']);
    // Two places in two seconds against the server's 10 a minute: the estimate blends both (src/state/estimate.ts).
    expect(last().phase).toMatchObject({ kind: 'waiting', position: 3 });
    const phase = last().phase as { estimatedWaitSeconds: number; admittedPerMinute: number };
    expect(phase.estimatedWaitSeconds).toBe(Math.ceil((3 * 60) / phase.admittedPerMinute));
    expect(phase.estimatedWaitSeconds).toBeLessThanOrEqual(18);
    expect(last().ticketNumber).toBe(42);
    expect(last().progress).toBeGreaterThan(0.2);
    controller.stop();
  });

  it('continues the stored ticket after a reload or in a second tab, without a new ticket', async () => {
    const storage = new MemoryStorage();
    const first = setup(storage);
    first.api.issueSteps = [ticket(42, 9)];
    first.api.pollSteps = [waiting(9)];
    first.controller.start();
    await vi.advanceTimersByTimeAsync(0);
    first.controller.stop();

    const reloaded = setup(storage);
    reloaded.api.pollSteps = [waiting(8)];
    expect(reloaded.controller.current.ticketNumber).toBe(42);
    reloaded.controller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(reloaded.api.issues).toEqual([]);
    expect(reloaded.api.polls).toEqual(['q-42']);
    expect(reloaded.last()).toMatchObject({ ticketNumber: 42, phase: { kind: 'waiting', position: 8 } });
    // One place of nine served, the first second of the wait: the bar has moved, and not back.
    expect(reloaded.last().progress).toBeGreaterThan(0.05);
    expect(reloaded.last().progress).toBeLessThan(0.2);
    reloaded.controller.stop();
  });

  it('stores the access token and stops polling when admitted', async () => {
    const { api, controller, sessions, last } = setup();
    api.issueSteps = [ticket(1, 1)];
    api.pollSteps = [waiting(1), admitted];
    controller.start();
    await vi.advanceTimersByTimeAsync(5000);
    expect(api.polls).toHaveLength(2);
    expect(last().phase).toEqual({ kind: 'admitted', accessToken: 'acc', sessionExpiresAt: '2030-01-01T00:05:00Z' });
    expect(sessions.load(PERF)).toEqual({ accessToken: 'acc', sessionExpiresAt: '2030-01-01T00:05:00Z' });
  });

  it('backs off on network errors, says so, and keeps the ticket', async () => {
    const { api, controller, tickets, views, last } = setup();
    api.issueSteps = [ticket(3)];
    api.pollSteps = [offline(), offline(), offline(), waiting(2)];
    controller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(api.polls).toHaveLength(1);
    expect(last().connection).toEqual({ kind: 'reconnecting', failures: 1, retryInMs: 1000 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(api.polls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1999);
    expect(api.polls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.polls).toHaveLength(3);
    expect(last().connection).toMatchObject({ kind: 'reconnecting', retryInMs: 4000 });
    await vi.advanceTimersByTimeAsync(4000);
    expect(api.polls).toHaveLength(4);
    expect(last().connection.kind).toBe('ok');
    expect(last().phase).toMatchObject({ kind: 'waiting', position: 2 });
    expect(tickets.load(PERF)?.queueToken).toBe('q-3');
    expect(views.some((v) => v.phase.kind === 'error' || v.phase.kind === 'expired')).toBe(false);
    controller.stop();
  });

  it('retries joining with backoff when the first request gets no answer', async () => {
    const { api, controller, last } = setup();
    api.issueSteps = [offline(), offline(), ticket(8)];
    api.pollSteps = [waiting(5)];
    controller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(api.issues).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(api.issues).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2000);
    expect(api.issues).toHaveLength(3);
    expect(last().ticketNumber).toBe(8);
    controller.stop();
  });

  it('on 410 offers a rejoin, and rejoining takes a new ticket without the old token', async () => {
    const { api, controller, tickets, last } = setup();
    api.issueSteps = [ticket(4)];
    api.pollSteps = [apiError(410, 'ticket_expired')];
    controller.start();
    await vi.advanceTimersByTimeAsync(3000);
    expect(api.polls).toHaveLength(1);
    expect(last().phase).toEqual({ kind: 'expired', reason: 'ticket_expired' });

    api.issueSteps = [ticket(99, 30)];
    api.pollSteps = [waiting(30)];
    controller.rejoin();
    await vi.advanceTimersByTimeAsync(0);
    expect(api.issues).toEqual([null, null]);
    expect(tickets.load(PERF)).toMatchObject({ queueToken: 'q-99', ticketNumber: 99, firstPosition: 30 });
    expect(last()).toMatchObject({ ticketNumber: 99, phase: { kind: 'waiting', position: 30 } });
    controller.stop();
  });

  it('treats an unrecognised queue token (401) as a lost place, and a closed sale as ended', async () => {
    const a = setup();
    a.api.issueSteps = [ticket(4)];
    a.api.pollSteps = [apiError(401, 'unauthorized')];
    a.controller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(a.last().phase).toEqual({ kind: 'expired', reason: 'unrecognised' });

    const b = setup();
    b.api.issueSteps = [apiError(410, 'sale_ended')];
    b.controller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(b.last().phase).toEqual({ kind: 'saleEnded' });
    expect(b.api.polls).toEqual([]);
  });

  it('leaving deletes the ticket on the server and forgets it here', async () => {
    const { api, controller, tickets, last } = setup();
    api.issueSteps = [ticket(5)];
    api.pollSteps = [waiting(5)];
    controller.start();
    await vi.advanceTimersByTimeAsync(0);
    await controller.leave();
    expect(api.leaves).toEqual(['q-5']);
    expect(tickets.load(PERF)).toBeNull();
    expect(last().phase).toEqual({ kind: 'left' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(api.polls).toHaveLength(1);
  });

  it('notices when another tab left the queue', async () => {
    const { api, controller, tickets, last } = setup();
    api.issueSteps = [ticket(5)];
    api.pollSteps = [waiting(5)];
    controller.start();
    await vi.advanceTimersByTimeAsync(0);
    tickets.clear(PERF);
    await vi.advanceTimersByTimeAsync(1000);
    expect(last().phase).toEqual({ kind: 'expired', reason: 'left_elsewhere' });
  });

  it('shows the opening time and no position before the sale opens', async () => {
    const { api, controller, last } = setup();
    api.issueSteps = [ticket(5, null)];
    api.pollSteps = [{ status: 'WAITING', saleOpensAt: '2030-01-01T00:00:00Z' } as PollAnswer];
    controller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(last().phase).toEqual({ kind: 'beforeOpening', opensAt: '2030-01-01T00:00:00Z' });
    controller.stop();
  });
});

describe('QueueController with the cadence', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('polls when the server says, not every second', async () => {
    const { api, controller, tickets } = setup();
    api.issueSteps = [paced(42, 300, 20)];
    api.pollSteps = [pacedWaiting(250, 7), pacedWaiting(240, 30)];
    controller.start();
    await vi.advanceTimersByTimeAsync(19_999);
    expect(api.polls).toHaveLength(0);
    expect(tickets.load(PERF)?.nextPollAt).toBe(Date.now() + 1);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.polls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(6_999);
    expect(api.polls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.polls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(api.polls).toHaveLength(2);
    controller.stop();
  });

  it('waits out a 429 without calling it a connection problem, and keeps the place', async () => {
    const { api, controller, views, last } = setup();
    api.issueSteps = [paced(42, 300, 0)];
    const early = Object.assign(apiError(429, 'poll_too_soon'), { retryAfterMs: 9_000 });
    Object.defineProperty(early, 'retryAfterMs', { value: 9_000 });
    api.pollSteps = [early, pacedWaiting(290, 30)];
    controller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(api.polls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(8_999);
    expect(api.polls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.polls).toHaveLength(2);
    expect(last().phase).toMatchObject({ kind: 'waiting', position: 290 });
    expect(views.every((v) => v.connection.kind === 'ok')).toBe(true);
    controller.stop();
  });

  it('shows the line moving from the public state between polls', async () => {
    const { api, controller, last } = setup();
    api.issueSteps = [paced(42, 300, 120)];
    api.stateSteps = [queueState(100, KEY - 300), queueState(160, KEY - 240, 90)];
    controller.start();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(last().phase).toMatchObject({ kind: 'waiting', position: 300 });
    await vi.advanceTimersByTimeAsync(10_000);
    // 60 calls since the poll: 240 to go, at the rate the page saw (faster than the server's 90 a minute).
    expect(last().phase).toMatchObject({ kind: 'waiting', position: 240 });
    const phase = last().phase as { estimatedWaitSeconds: number; admittedPerMinute: number };
    expect(phase.admittedPerMinute).toBeGreaterThan(90);
    expect(phase.estimatedWaitSeconds).toBe(Math.ceil((240 * 60) / phase.admittedPerMinute));
    expect(api.polls).toHaveLength(0);
    expect(last().progress).toBeGreaterThan(0.1);
    controller.stop();
  });

  it('a state read that fails says "reconnecting"; the next that answers clears it and polls at once', async () => {
    const { api, controller, last } = setup();
    api.issueSteps = [paced(42, 300, 120)];
    api.stateSteps = [offline(), queueState(110, KEY - 290)];
    api.pollSteps = [pacedWaiting(290, 120, 110)];
    controller.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(last().connection).toMatchObject({ kind: 'reconnecting', failures: 1 });
    expect(api.polls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(last().connection.kind).toBe('ok');
    expect(api.polls).toHaveLength(1);
    expect(last().phase).toMatchObject({ kind: 'waiting', position: 290 });
    controller.stop();
  });

  it('a place found gone after an outage is one state: lost, with no "reconnecting" coming back', async () => {
    const { api, controller, views, last } = setup();
    api.issueSteps = [paced(42, 300, 120)];
    api.stateSteps = [offline(), queueState(110, KEY - 290), offline()];
    api.pollSteps = [apiError(410, 'ticket_expired')];
    controller.start();
    await vi.advanceTimersByTimeAsync(7_000);
    expect(last().phase).toEqual({ kind: 'expired', reason: 'ticket_expired' });
    expect(last().connection).toEqual({ kind: 'lost', reason: 'expired' });
    const lostAt = views.findIndex((v) => v.phase.kind === 'expired');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(views.slice(lostAt).every((v) => v.connection.kind === 'lost')).toBe(true);
    controller.stop();
  });

  it('claims at once when the public state shows the ticket called', async () => {
    const { api, controller, sessions, last } = setup();
    api.issueSteps = [paced(42, 3, 60)];
    api.stateSteps = [queueState(101, KEY - 2), queueState(103, KEY)];
    api.pollSteps = [admitted];
    controller.start();
    // Position 3, told to come back in 60 s: an 80 s wait, so the state is read every 5 s, then
    // every 2 s once a call shows the line moving.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(api.polls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(api.polls).toHaveLength(1);
    expect(last().phase.kind).toBe('admitted');
    expect(sessions.load(PERF)?.accessToken).toBe('acc');
    const reads = api.states;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(api.states).toBe(reads);
    expect(api.polls).toHaveLength(1);
  });

  it('after a reload shows the last answer at once and polls when it is due', async () => {
    const storage = new MemoryStorage();
    const first = setup(storage);
    first.api.issueSteps = [paced(42, 80, 5)];
    first.api.pollSteps = [pacedWaiting(70, 40)];
    first.controller.start();
    await vi.advanceTimersByTimeAsync(5_000);
    first.controller.stop();
    await vi.advanceTimersByTimeAsync(10_000);

    const reloaded = setup(storage);
    reloaded.api.pollSteps = [pacedWaiting(50, 40)];
    reloaded.controller.start();
    expect(reloaded.last().phase).toMatchObject({ kind: 'waiting', position: 70 });
    expect(reloaded.last().keepPlaceSeconds).toBe(30 + 120);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(reloaded.api.polls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(reloaded.api.polls).toHaveLength(1);
    expect(reloaded.last().phase).toMatchObject({ kind: 'waiting', position: 50 });
    reloaded.controller.stop();
  });

  it('two tabs of one buyer make one poll each time, not two', async () => {
    const storage = new MemoryStorage();
    const api = new FakeQueueApi();
    api.issueSteps = [paced(42, 80, 10)];
    api.pollSteps = [pacedWaiting(70, 10)];
    const a = setup(storage, api);
    a.controller.start();
    await vi.advanceTimersByTimeAsync(3_000);
    const b = setup(storage, api);
    b.controller.start();
    await vi.advanceTimersByTimeAsync(7_000 + 10_000 * 5);
    expect(api.polls).toHaveLength(6);
    expect(api.issues).toHaveLength(1);
    a.controller.stop();
    b.controller.stop();
  });
});

describe('QueueController while the sale is paused or sold out', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const paused = (pollAfterSeconds = 120): PollAnswer => ({ status: 'PAUSED', ticketNumber: 42, retentionSeconds: 120, pollAfterSeconds });
  const soldOut = (pollAfterSeconds = 120): PollAnswer => ({ status: 'SOLD_OUT', ticketNumber: 42, retentionSeconds: 120, pollAfterSeconds });
  const sale = (state: QueueState, s: string): QueueState => ({ ...state, sale: s });

  it('a PAUSED poll keeps the place shown, claims no progress, and polls on at pollAfterSeconds', async () => {
    const { api, controller, last, tickets } = setup();
    api.issueSteps = [paced(42, 300, 10)];
    api.pollSteps = [paused(60), paused(60)];
    controller.start();
    await vi.advanceTimersByTimeAsync(2_000);
    const progressBefore = last().progress;
    await vi.advanceTimersByTimeAsync(8_000);
    expect(api.polls).toHaveLength(1);
    expect(last().phase).toEqual({ kind: 'paused', position: 300 });
    expect(last().ticketNumber).toBe(42);
    expect(last().progress).toBe(progressBefore);
    expect(tickets.load(PERF)?.saleHold).toBe('PAUSED');
    expect(tickets.load(PERF)?.lastAnswer).toMatchObject({ status: 'WAITING', position: 300 });
    await vi.advanceTimersByTimeAsync(59_999);
    expect(api.polls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(api.polls).toHaveLength(2);
    expect(last().phase.kind).toBe('paused');
    controller.stop();
  });

  it('learns the pause from the public state without a poll, and on resume polls at once and is back to waiting', async () => {
    const { api, controller, last } = setup();
    api.issueSteps = [paced(42, 300, 120)];
    api.stateSteps = [sale(queueState(100, KEY - 300), 'PAUSED'), sale(queueState(100, KEY - 300), 'PAUSED'), queueState(100, KEY - 300)];
    api.pollSteps = [pacedWaiting(280, 120, 120)];
    controller.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(api.polls).toHaveLength(0);
    expect(last().phase).toEqual({ kind: 'paused', position: 300 });
    // Paused: the state is read every 5 s, and the third read says the sale is open again.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(api.polls).toHaveLength(1);
    expect(last().phase).toMatchObject({ kind: 'waiting', position: 280 });
    expect(last().ticketNumber).toBe(42);
    controller.stop();
  });

  it('a WAITING poll after a pause lifts it', async () => {
    const { api, controller, last, tickets } = setup();
    api.issueSteps = [paced(42, 300, 5)];
    api.pollSteps = [paused(5), pacedWaiting(290, 5)];
    controller.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(last().phase.kind).toBe('paused');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(last().phase).toMatchObject({ kind: 'waiting', position: 290 });
    expect(tickets.load(PERF)?.saleHold).toBeNull();
    controller.stop();
  });

  it('SOLD_OUT keeps polling for returns; a seat that comes back calls the ticket as usual', async () => {
    const { api, controller, last, sessions } = setup();
    api.issueSteps = [paced(42, 3, 5)];
    api.pollSteps = [soldOut(30), soldOut(30), admitted];
    controller.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(last().phase).toEqual({ kind: 'soldOut', position: 3 });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(api.polls).toHaveLength(2);
    expect(last().phase.kind).toBe('soldOut');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(last().phase.kind).toBe('admitted');
    expect(sessions.load(PERF)?.accessToken).toBe('acc');
    controller.stop();
  });

  it('after a reload a paused ticket shows as paused at once', async () => {
    const storage = new MemoryStorage();
    const first = setup(storage);
    first.api.issueSteps = [paced(42, 80, 5)];
    first.api.pollSteps = [paused(60)];
    first.controller.start();
    await vi.advanceTimersByTimeAsync(5_000);
    first.controller.stop();
    const reloaded = setup(storage);
    reloaded.controller.start();
    expect(reloaded.last().phase).toEqual({ kind: 'paused', position: 80 });
    reloaded.controller.stop();
  });

  it('leaving from sold out deletes the ticket on the server', async () => {
    const { api, controller, last, tickets } = setup();
    api.issueSteps = [paced(42, 3, 5)];
    api.pollSteps = [soldOut(30)];
    controller.start();
    await vi.advanceTimersByTimeAsync(5_000);
    await controller.leave();
    expect(api.leaves).toEqual(['q-42']);
    expect(last().phase.kind).toBe('left');
    expect(tickets.load(PERF)).toBeNull();
  });
});

describe('phaseOf', () => {
  it('PAUSED and SOLD_OUT are held phases; a status it does not know reads as waiting without a position', () => {
    expect(phaseOf({ status: 'PAUSED' })).toEqual({ kind: 'paused', position: null });
    expect(phaseOf({ status: 'SOLD_OUT' })).toEqual({ kind: 'soldOut', position: null });
    expect(phaseOf({ status: 'SOMETHING_NEW' } as unknown as PollAnswer)).toEqual({ kind: 'beforeOpening', opensAt: null });
  });
});

describe('holdOfSale', () => {
  it('PAUSED and SOLD_OUT hold, OPEN lifts, anything else leaves the hold as it was', () => {
    expect(holdOfSale('PAUSED', null)).toBe('PAUSED');
    expect(holdOfSale('SOLD_OUT', 'PAUSED')).toBe('SOLD_OUT');
    expect(holdOfSale('OPEN', 'SOLD_OUT')).toBeNull();
    expect(holdOfSale('CLOSED', 'PAUSED')).toBe('PAUSED');
    expect(holdOfSale('SOMETHING_NEW', null)).toBeNull();
  });
});

describe('queueProgress', () => {
  it('grows from the first position seen and fills only at admission', () => {
    expect(queueProgress(9, 9)).toBeCloseTo(0.1);
    expect(queueProgress(9, 5)).toBeCloseTo(0.5);
    expect(queueProgress(9, 1)).toBeCloseTo(0.9);
    expect(queueProgress(1, 1)).toBeCloseTo(0.5);
    expect(queueProgress(9, 0)).toBe(1);
    expect(queueProgress(null, 3)).toBe(0);
  });
});
