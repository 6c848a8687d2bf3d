import { Api, ApiError } from '../api/client';
import type { ActionResult, AuditEntry, ConsoleSnapshot, OperatorAction, OperatorLogin } from './types';

/** Asked for again: the token is gone or no longer accepted (expired, forged, signed out). */
export function isAuthLost(e: unknown): boolean {
  return e instanceof ApiError && e.status === 401;
}

/**
 * The operator routes. Every call but the login carries the operator's token; the caller drops it
 * on a 401 ({@link isAuthLost}).
 */
export class OperatorApi {
  private readonly api: Api;

  constructor(api: Api = new Api()) {
    this.api = api;
  }

  login(operator: string, password: string): Promise<OperatorLogin> {
    return this.api.json('/api/operator/login', { method: 'POST', body: { operator, password } });
  }

  console(performanceId: number, token: string): Promise<ConsoleSnapshot> {
    return this.api.json(`/api/operator/performances/${performanceId}/console`, { token });
  }

  act(performanceId: number, token: string, action: OperatorAction): Promise<ActionResult> {
    return this.api.json(`/api/operator/performances/${performanceId}/actions`, { method: 'POST', token, body: action });
  }

  async audit(performanceId: number, token: string, limit = 50): Promise<AuditEntry[]> {
    const body = await this.api.json<{ entries: AuditEntry[] }>(
      `/api/operator/performances/${performanceId}/audit?limit=${limit}`,
      { token },
    );
    return body.entries ?? [];
  }
}

export const operatorApi = new OperatorApi();
