import { formatDateTime, formatPrice } from '../format';
import { HoldPanel } from './HoldPanel';
import { Link, paths } from '../router';
import type { StoredReservation } from '../state/storage';

export function ReservationList(props: { items: StoredReservation[] }) {
  return (
    <ul className="reservation-list">
      {props.items.map((r) => (
        <li key={r.reservationId} className="card" data-testid="reservation-item">
          <p>
            <Link href={paths.confirmation(r.performanceId, r.reservationId)}>
              {r.performanceName ?? `Performance ${r.performanceId}`}
            </Link>
          </p>
          <p className="muted">
            Reservation <code>{r.reservationId}</code> · {formatDateTime(r.reservedAt)}
          </p>
          <p>
            {r.seats.map((s) => `${s.zone} row ${s.row} seat ${s.number}`).join(' · ')} — <strong>{formatPrice(r.total)}</strong>
          </p>
          <HoldPanel reservation={r} />
        </li>
      ))}
    </ul>
  );
}
