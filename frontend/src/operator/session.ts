import type { OperatorLogin } from './types';

export interface OperatorSession {
  token: string;
  operator: string;
  expiresAt: number;
}

/** Why the operator is asked to sign in (shown above the form). */
export type SignedOutReason = 'signedOut' | 'expired' | null;

/**
 * The operator's token, kept in memory only: never in localStorage or sessionStorage, so it is gone
 * when the tab closes or reloads, and no other tab or script storage can read it later. It is
 * dropped on the first 401 and when its expiry passes, whichever comes first.
 */
export class SessionStore {
  private session: OperatorSession | null = null;
  private reason: SignedOutReason = null;
  private readonly listeners = new Set<() => void>();
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  signIn(login: OperatorLogin): void {
    const expiresAt = Date.parse(login.expiresAt);
    this.session = { token: login.token, operator: login.operator, expiresAt: Number.isFinite(expiresAt) ? expiresAt : Infinity };
    this.reason = null;
    this.emit();
  }

  /** The live session, or null (an expired one is dropped on the way). */
  current(): OperatorSession | null {
    if (this.session && this.now() >= this.session.expiresAt) this.drop('expired');
    return this.session;
  }

  /** The server refused the token (401), or the operator signed out. */
  drop(reason: Exclude<SignedOutReason, null>): void {
    if (!this.session) return;
    this.session = null;
    this.reason = reason;
    this.emit();
  }

  signedOutReason(): SignedOutReason {
    return this.reason;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The same object until the session changes (for useSyncExternalStore; never drops, so pure). */
  snapshot = (): OperatorSession | null => this.session;

  private emit(): void {
    this.listeners.forEach((l) => l());
  }
}

export const sessionStore = new SessionStore();
