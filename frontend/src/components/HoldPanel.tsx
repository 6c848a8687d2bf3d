import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';
import { formatClock } from '../format';
import { useNow } from '../hooks';
import { reservations, type StoredReservation } from '../state/storage';

/**
 * A hold's checkout: its countdown, the confirm form (name, e-mail), release; once confirmed, the
 * tickets with their QR codes. What the server says is written back to this browser's storage.
 */
export function HoldPanel(props: { reservation: StoredReservation; onChange?: (r: StoredReservation) => void }) {
  const r = props.reservation;
  const now = useNow(1000);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function save(patch: Partial<StoredReservation>) {
    reservations.update(r.performanceId, r.reservationId, patch);
    props.onChange?.({ ...r, ...patch });
  }

  const status = r.status ?? 'CONFIRMED';
  const remainingMs = r.expiresAt ? Date.parse(r.expiresAt) - now : 0;

  if (status === 'CONFIRMED') {
    return <Tickets reservation={r} />;
  }
  if (status === 'RELEASED') {
    return <p data-testid="hold-status">Released: these seats went back on sale.</p>;
  }
  if (status === 'EXPIRED' || remainingMs <= 0) {
    return <p data-testid="hold-status">This hold has expired: its seats went back on sale.</p>;
  }

  async function confirm(e: FormEvent) {
    e.preventDefault();
    if (!r.holdToken) return;
    setBusy(true);
    setError(null);
    try {
      const confirmed = await api.confirmHold(r.performanceId, r.reservationId, r.holdToken, name, email);
      save({ status: 'CONFIRMED', tickets: confirmed.tickets ?? [] });
    } catch (err) {
      if (err instanceof ApiError && err.body.error === 'hold_expired') {
        save({ status: 'EXPIRED' });
      } else {
        setError(err instanceof Error ? err.message : String(err));
      }
    } finally {
      setBusy(false);
    }
  }

  async function release() {
    if (!r.holdToken) return;
    setBusy(true);
    setError(null);
    try {
      await api.releaseHold(r.performanceId, r.reservationId, r.holdToken);
      save({ status: 'RELEASED' });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="hold" data-testid="hold">
      <p>
        Held for you for <strong data-testid="hold-countdown">{formatClock(remainingMs)}</strong>. Enter your details to
        confirm, or let the seats go.
      </p>
      <form onSubmit={(e) => void confirm(e)} className="hold-form">
        <label>
          Name
          <input
            name="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={100}
            autoComplete="name"
            data-testid="hold-name"
          />
        </label>
        <label>
          E-mail
          <input
            name="email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
            maxLength={254}
            autoComplete="email"
            data-testid="hold-email"
          />
        </label>
        <p className="actions">
          <button type="submit" className="button primary" disabled={busy} data-testid="confirm-hold">
            Confirm and get tickets
          </button>
          <button type="button" className="button secondary" onClick={() => void release()} disabled={busy} data-testid="release-hold">
            Release seats
          </button>
        </p>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}

function Tickets(props: { reservation: StoredReservation }) {
  const r = props.reservation;
  const seats = new Map(r.seats.map((s) => [s.id, s]));
  return (
    <div data-testid="tickets">
      <p data-testid="hold-status">Confirmed: your tickets.</p>
      <ul className="tickets">
        {(r.tickets ?? []).map((t) => {
          const s = seats.get(t.seatId);
          return (
            <li key={t.seatId} className="ticket card">
              <img src={t.qrCode} alt={`QR code of the ticket for seat ${t.seatId}`} width={160} height={160} data-testid="ticket-qr" />
              <p>{s ? `${s.zone}, row ${s.row}, seat ${s.number}` : `Seat ${t.seatId}`}</p>
              <code className="ticket-code" data-testid="ticket-code">
                {t.code}
              </code>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
