import { useState } from 'react';
import { HoldPanel } from '../components/HoldPanel';
import { formatDateTime, formatPrice } from '../format';
import { Link, paths } from '../router';
import { reservations } from '../state/storage';

export function ConfirmationPage(props: { id: number; reservationId: string }) {
  const [r, setR] = useState(() => reservations.find(props.id, props.reservationId));
  if (!r) {
    return (
      <section className="page">
        <h1>Reservation not found</h1>
        <p>
          This browser has no reservation <code>{props.reservationId}</code>. Reservations are remembered in the browser
          they were made in.
        </p>
        <Link href={paths.reservations()}>My reservations</Link>
      </section>
    );
  }
  return (
    <section className="page confirmation" aria-labelledby="confirm-title">
      <div className="card confirm-card">
        <p className="confirm-icon" aria-hidden="true">
          ✓
        </p>
        <h1 id="confirm-title">{r.status === 'HELD' ? 'Your seats are held' : r.status === 'CONFIRMED' || !r.status ? 'Your seats are reserved' : 'Your hold has ended'}</h1>
        <p>{r.performanceName ?? `Performance ${r.performanceId}`}</p>
        <dl className="facts">
          <dt>Reservation number</dt>
          <dd>
            <code data-testid="reservation-id">{r.reservationId}</code>
          </dd>
          <dt>Reserved at</dt>
          <dd>{formatDateTime(r.reservedAt)}</dd>
        </dl>
        <table className="table" data-testid="reserved-seats">
          <caption className="visually-hidden">Reserved seats</caption>
          <thead>
            <tr>
              <th scope="col">Seat</th>
              <th scope="col">Grade</th>
              <th scope="col">Price</th>
            </tr>
          </thead>
          <tbody>
            {r.seats.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  {s.zone}, row {s.row}, seat {s.number}
                </th>
                <td>{s.grade}</td>
                <td>{formatPrice(Number(s.price))}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                Total
              </th>
              <td>
                <strong data-testid="reservation-total">{formatPrice(Number(r.total))}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
        <HoldPanel reservation={r} onChange={setR} />
        <p className="muted">Keep your reservation number. This browser also remembers it under “My reservations”.</p>
        <p className="actions">
          <Link href={paths.reservations()} className="button secondary">
            My reservations
          </Link>
          <Link href={paths.list()} className="button secondary">
            Other performances
          </Link>
        </p>
      </div>
    </section>
  );
}
