import { api } from '../api/client';
import { gradeColors } from '../colors';
import { ErrorPanel } from '../components/ErrorPanel';
import { ReservationList } from '../components/ReservationList';
import { formatClock, formatDateTime, formatPrice } from '../format';
import { useLoad, useNow, useStorageVersion } from '../hooks';
import { Notice } from '../components/Notice';
import { Link, navigate, paths, useFlash } from '../router';
import { saleState } from '../sale';
import { sessionClock } from '../state/session';
import { reservations, sessions, tickets } from '../state/storage';
import { askNotificationPermission, soundWanted, unlockAudio } from '../turnSignals';

export function PerformancePage(props: { id: number }) {
  const [details, reload] = useLoad(() => api.performance(props.id), `performance-${props.id}`);
  const now = useNow(1000);
  const flash = useFlash();
  useStorageVersion();

  if (details.state === 'loading') return <p className="page muted" role="status">Loading…</p>;
  if (details.state === 'failed') {
    return (
      <section className="page">
        <h1>Performance</h1>
        <ErrorPanel error={details.error} onRetry={reload} />
        <Link href={paths.list()}>Back to the performances</Link>
      </section>
    );
  }
  const p = details.value;
  const sale = saleState(p, now);
  const colors = gradeColors(p.grades);
  const ticket = tickets.load(p.id);
  const session = sessions.load(p.id);
  const sessionLive = session && !sessionClock(session.sessionExpiresAt, now).ended;
  const mine = reservations.list(p.id);

  return (
    <section className="page" aria-labelledby="perf-title">
      <p className="breadcrumb">
        <Link href={paths.list()}>Performances</Link> / {p.name}
      </p>
      <h1 id="perf-title">{p.name}</h1>
      {flash && <Notice tone={flash.tone}>{flash.text}</Notice>}
      <p className="venue">
        {p.venue} · <time dateTime={p.startsAt}>{formatDateTime(p.startsAt)}</time>
      </p>
      <p className="seats-left">
        <strong>{p.availableCount.toLocaleString('en-GB')}</strong> of {p.seatCount.toLocaleString('en-GB')} seats left
      </p>

      <div className="card join-card">
        {sale.kind === 'ended' && <p className="sale sale-ended">The sale for this performance has ended.</p>}
        {sale.kind === 'soldOut' && <p className="sale sale-soldOut">Sold out. Seats released later will appear here.</p>}
        {sale.kind === 'upcoming' && (
          <p className="countdown" role="timer" aria-live="off">
            Sale opens in <strong>{formatClock(sale.opensInMs)}</strong>
            <span className="muted"> ({formatDateTime(p.saleOpensAt)})</span>
            <br />
            <span className="muted">
              Join now: everyone who joins before the opening gets a place in the line drawn at random when the sale
              opens, so there is no need to hurry.
            </span>
          </p>
        )}
        {sale.kind === 'open' && <p className="sale sale-open">On sale now. Join the queue to choose your seats.</p>}
        {sale.kind !== 'ended' &&
          (sessionLive ? (
            <button type="button" className="button primary big" onClick={() => navigate(paths.seats(p.id))}>
              Continue choosing seats
            </button>
          ) : (
            <button
              type="button"
              className="button primary big"
              onClick={() => {
                // Asked here, on the buyer's click, so the turn can be announced later (src/state/turn.ts).
                askNotificationPermission();
                if (soundWanted()) unlockAudio();
                navigate(paths.queue(p.id));
              }}
            >
              {ticket ? `Back to the queue (ticket #${ticket.ticketNumber})` : 'Join the queue'}
            </button>
          ))}
      </div>

      <div className="two-col">
        <section aria-labelledby="grades-title">
          <h2 id="grades-title">Prices</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Grade</th>
                <th scope="col">Price</th>
                <th scope="col">Seats left</th>
              </tr>
            </thead>
            <tbody>
              {p.grades.map((g) => (
                <tr key={g.name}>
                  <th scope="row">
                    <span className="swatch" style={{ background: colors.get(g.name) }} aria-hidden="true" />
                    {g.name}
                  </th>
                  <td>{formatPrice(g.price)}</td>
                  <td>
                    {g.availableCount} / {g.seatCount}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="zones-title">
          <h2 id="zones-title">Zones</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Zone</th>
                <th scope="col">Grades</th>
                <th scope="col">Seats left</th>
              </tr>
            </thead>
            <tbody>
              {p.zones.map((z) => (
                <tr key={z.name}>
                  <th scope="row">{z.name}</th>
                  <td>{z.grades.join(', ')}</td>
                  <td>
                    {z.availableCount} / {z.seatCount}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>

      {mine.length > 0 && (
        <section aria-labelledby="mine-title">
          <h2 id="mine-title">Your reservations for this performance</h2>
          <ReservationList items={mine} />
        </section>
      )}
    </section>
  );
}
