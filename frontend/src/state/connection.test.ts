import { describe, expect, it } from 'vitest';
import { CONNECTION_OK, connectionAfter, type ConnectionEvent, type ConnectionState } from './connection';

const run = (events: ConnectionEvent[], from: ConnectionState = CONNECTION_OK) => {
  const states = [from];
  for (const e of events) states.push(connectionAfter(states[states.length - 1]!, e));
  return states;
};
const failed = (failures: number, retryInMs = 1000): ConnectionEvent => ({ type: 'failed', failures, retryInMs });

describe('connection state', () => {
  it('goes reconnecting on a failure and back to ok (notice cleared) on the first answer', () => {
    const states = run([failed(1), failed(2, 2000), { type: 'answered' }]);
    expect(states.map((s) => s.kind)).toEqual(['ok', 'reconnecting', 'reconnecting', 'ok']);
    expect(states[2]).toEqual({ kind: 'reconnecting', failures: 2, retryInMs: 2000 });
  });

  it('a lost place is final: failures and answers after it never bring back a reconnecting notice', () => {
    const states = run([failed(1), { type: 'lost', reason: 'ticket_expired' }, failed(2), { type: 'answered' }]);
    expect(states.slice(2)).toEqual([
      { kind: 'lost', reason: 'ticket_expired' },
      { kind: 'lost', reason: 'ticket_expired' },
      { kind: 'lost', reason: 'ticket_expired' },
    ]);
  });

  it('starting over leaves lost', () => {
    const states = run([{ type: 'lost', reason: 'unrecognised' }, { type: 'restarted' }, failed(1)]);
    expect(states.map((s) => s.kind)).toEqual(['ok', 'lost', 'ok', 'reconnecting']);
  });

  it('an answer while ok keeps the same state (no re-render of the page for nothing)', () => {
    expect(connectionAfter(CONNECTION_OK, { type: 'answered' })).toBe(CONNECTION_OK);
  });
});
