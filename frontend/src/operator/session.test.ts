import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionStore } from './session';

const login = (expiresAt: string) => ({ token: 'op.token', operator: 'alice', expiresAt });

describe('SessionStore', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('keeps the token in memory only: nothing is written to localStorage or sessionStorage', () => {
    const writes: string[] = [];
    const storage = { setItem: (k: string) => writes.push(k), getItem: () => null, removeItem: () => {}, clear: () => {}, key: () => null, length: 0 };
    vi.stubGlobal('localStorage', storage);
    vi.stubGlobal('sessionStorage', storage);
    const store = new SessionStore(() => 0);
    store.signIn(login('2026-12-06T17:00:00Z'));
    expect(store.current()?.token).toBe('op.token');
    expect(writes).toEqual([]);
    // A second store (a reload, another tab) knows nothing of it.
    expect(new SessionStore(() => 0).current()).toBeNull();
  });

  it('drops the session once its expiry passes, and says why', () => {
    let now = Date.parse('2026-12-06T16:59:59Z');
    const store = new SessionStore(() => now);
    const seen: Array<string | null> = [];
    store.subscribe(() => seen.push(store.snapshot()?.operator ?? null));
    store.signIn(login('2026-12-06T17:00:00Z'));
    expect(store.current()?.operator).toBe('alice');
    now += 1000;
    expect(store.current()).toBeNull();
    expect(store.signedOutReason()).toBe('expired');
    expect(seen).toEqual(['alice', null]);
  });

  it('drops the session on a refusal or a sign-out, and a new sign-in clears the reason', () => {
    const store = new SessionStore(() => 0);
    store.signIn(login('2026-12-06T17:00:00Z'));
    store.drop('signedOut');
    expect(store.snapshot()).toBeNull();
    expect(store.signedOutReason()).toBe('signedOut');
    store.drop('expired');
    expect(store.signedOutReason()).toBe('signedOut');
    store.signIn(login('2026-12-06T17:00:00Z'));
    expect(store.signedOutReason()).toBeNull();
  });
});
