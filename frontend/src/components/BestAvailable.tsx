import { useState } from 'react';
import { api, ApiError } from '../api/client';
import type { Reservation } from '../api/types';

/**
 * "Best available: [N] seats [grade]": the server picks the best free seats together and holds them
 * in one step, so concurrent buyers get different seats instead of colliding on the map.
 */
export function BestAvailable(props: {
  performanceId: number;
  accessToken: string;
  grades: string[];
  maxSeats: number;
  disabled?: boolean;
  onHeld: (reservation: Reservation) => void;
  onEnded: (code: string) => void;
  /** 503 sale_paused: nothing was held; the page says so (its status strip) with the Retry-After. */
  onPaused: (retryAfterMs: number) => void;
}) {
  const [count, setCount] = useState(2);
  const [grade, setGrade] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function ask() {
    setBusy(true);
    setMessage(null);
    try {
      props.onHeld(await api.reserveBest(props.performanceId, props.accessToken, count, grade || undefined));
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 403 || err.status === 410)) {
        props.onEnded(err.body.error);
      } else if (err instanceof ApiError && err.status === 503 && err.code === 'sale_paused') {
        props.onPaused(err.retryAfterMs ?? 30_000);
      } else {
        setMessage(err instanceof Error ? err.message : String(err));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="best-available" data-testid="best-available">
      <h2 className="small">Best available</h2>
      <p className="row">
        <label>
          Seats{' '}
          <select value={count} onChange={(e) => setCount(Number(e.target.value))} data-testid="best-count">
            {Array.from({ length: props.maxSeats }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          Grade{' '}
          <select value={grade} onChange={(e) => setGrade(e.target.value)} data-testid="best-grade">
            <option value="">Any (best first)</option>
            {props.grades.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
      </p>
      <button type="button" className="button secondary" onClick={() => void ask()} disabled={busy || props.disabled} data-testid="best-hold">
        {busy ? 'Finding seats…' : `Hold the best ${count} seat${count > 1 ? 's' : ''} together`}
      </button>
      {message && (
        <p role="alert" className="error" data-testid="best-message">
          {message}
        </p>
      )}
    </div>
  );
}
