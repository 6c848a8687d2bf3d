import { describe, expect, it } from 'vitest';
import { Api } from '../api/client';
import { isAuthLost, OperatorApi } from './operatorApi';

function fakeFetch(respond: (url: string) => Response) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    return respond(String(input));
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const headers = (init: RequestInit) => init.headers as Record<string, string>;

describe('OperatorApi', () => {
  it('signs in with the operator and password in the body and no Authorization header', async () => {
    const login = { token: 'op.t', operator: 'alice', expiresAt: '2026-12-06T17:00:00Z' };
    const { fetch, calls } = fakeFetch(() => json(200, login));
    expect(await new OperatorApi(new Api({ fetch })).login('alice', 's3cret')).toEqual(login);
    expect(calls[0]!.url).toBe('/api/operator/login');
    expect(calls[0]!.init.method).toBe('POST');
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ operator: 'alice', password: 's3cret' });
    expect(headers(calls[0]!.init).Authorization).toBeUndefined();
  });

  it('reads the console, acts and reads the audit log with the bearer token', async () => {
    const { fetch, calls } = fakeFetch((url) =>
      url.includes('/audit') ? json(200, { entries: [{ id: 2, action: 'pause' }] }) : json(200, { ok: true }),
    );
    const op = new OperatorApi(new Api({ fetch }));
    await op.console(7, 'tok');
    await op.act(7, 'tok', { action: 'set-capacity', capacity: 50 });
    expect(await op.audit(7, 'tok')).toEqual([{ id: 2, action: 'pause' }]);
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual([
      'GET /api/operator/performances/7/console',
      'POST /api/operator/performances/7/actions',
      'GET /api/operator/performances/7/audit?limit=50',
    ]);
    expect(calls.every((c) => headers(c.init).Authorization === 'Bearer tok')).toBe(true);
    expect(JSON.parse(String(calls[1]!.init.body))).toEqual({ action: 'set-capacity', capacity: 50 });
    expect(calls.every((c) => c.init.cache === 'no-store')).toBe(true);
  });

  it('takes a 401 (expired or forged token, wrong password) as the sign-in being lost, and a 400 not', async () => {
    const refused = fakeFetch(() => json(401, { error: 'operator_auth_required', message: 'sign in' }));
    const e401 = await new OperatorApi(new Api({ fetch: refused.fetch })).console(1, 'forged').catch((e: unknown) => e);
    expect(isAuthLost(e401)).toBe(true);
    const bad = fakeFetch(() => json(400, { error: 'invalid_request', message: 'capacity must be between 1 and 100000' }));
    const e400 = await new OperatorApi(new Api({ fetch: bad.fetch })).act(1, 't', { action: 'set-capacity', capacity: 0 }).catch((e: unknown) => e);
    expect(isAuthLost(e400)).toBe(false);
    expect((e400 as Error).message).toBe('capacity must be between 1 and 100000');
  });
});
