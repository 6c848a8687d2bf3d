/**
 * One connection state per page, so a page never says two things at once (issue 18): while
 * answers come it is `ok`; a failed request makes it `reconnecting` (with when the next try is);
 * any answer from the server afterwards (a poll, a read of the public state, a seat-map read)
 * makes it `ok` again at once, which clears the notice; a place or session that is gone makes it
 * `lost`, which is final: later failures or answers do not bring a "reconnecting" notice back
 * beside the one message and its one action. Only starting over (`restarted`) leaves `lost`.
 */
export type ConnectionState =
  | { kind: 'ok' }
  | { kind: 'reconnecting'; failures: number; retryInMs: number }
  | { kind: 'lost'; reason: string };

export type ConnectionEvent =
  | { type: 'failed'; failures: number; retryInMs: number }
  | { type: 'answered' }
  | { type: 'lost'; reason: string }
  | { type: 'restarted' };

export const CONNECTION_OK: ConnectionState = { kind: 'ok' };

export function connectionAfter(state: ConnectionState, event: ConnectionEvent): ConnectionState {
  switch (event.type) {
    case 'restarted':
      return CONNECTION_OK;
    case 'lost':
      return { kind: 'lost', reason: event.reason };
    case 'failed':
      return state.kind === 'lost' ? state : { kind: 'reconnecting', failures: event.failures, retryInMs: event.retryInMs };
    case 'answered':
      return state.kind === 'lost' || state.kind === 'ok' ? state : CONNECTION_OK;
  }
}
