import { ApiError, NetworkError } from '../api/client';
import type { Seat } from '../api/types';

export function seat(id: number, overrides: Partial<Seat> = {}): Seat {
  return { id, zone: 'Floor', row: '1', number: id, grade: 'VIP', price: 180, status: 'AVAILABLE', ...overrides };
}

export function seatsById(list: Seat[]): Map<number, Seat> {
  return new Map(list.map((s) => [s.id, s]));
}

export const offline = () => new NetworkError('TypeError: Failed to fetch');

export function apiError(status: number, error: string, extra: Record<string, unknown> = {}): ApiError {
  return new ApiError(status, { error, message: `${error} (${status})`, ...extra });
}

/** A scripted function: each call takes the next step (a value, or an error to throw). */
export function script<A extends unknown[], T>(steps: Array<T | Error | ((...args: A) => T)>) {
  const calls: A[] = [];
  const fn = (...args: A): Promise<T> => {
    calls.push(args);
    const step = steps.length > 1 ? steps.shift()! : steps[0]!;
    if (step instanceof Error) return Promise.reject(step);
    if (typeof step === 'function') return Promise.resolve((step as (...a: A) => T)(...args));
    return Promise.resolve(step as T);
  };
  return { fn, calls };
}
