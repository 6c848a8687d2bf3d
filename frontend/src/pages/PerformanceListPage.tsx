import { api } from '../api/client';
import { ErrorPanel } from '../components/ErrorPanel';
import { formatDateTime } from '../format';
import { useLoad, useNow } from '../hooks';
import { Link, paths } from '../router';
import { saleState } from '../sale';

export function PerformanceListPage() {
  const [list, reload] = useLoad(() => api.listPerformances(), 'list');
  const now = useNow(1000);
  return (
    <section className="page" aria-labelledby="list-title">
      <h1 id="list-title">Performances</h1>
      {list.state === 'loading' && <p className="muted" role="status">Loading performances…</p>}
      {list.state === 'failed' && <ErrorPanel error={list.error} onRetry={reload} />}
      {list.state === 'ready' && list.value.length === 0 && <p>No performances are on sale right now.</p>}
      {list.state === 'ready' && (
        <ul className="cards" aria-label="Performances on sale">
          {list.value.map((p) => {
            const sale = saleState(p, now);
            return (
              <li key={p.id} className="card performance-card" data-testid="performance-card">
                <h2>
                  <Link href={paths.performance(p.id)}>{p.name}</Link>
                </h2>
                <p className="venue">{p.venue}</p>
                <p>
                  <time dateTime={p.startsAt}>{formatDateTime(p.startsAt)}</time>
                </p>
                <p className="seats-left">
                  <strong>{p.availableCount.toLocaleString('en-GB')}</strong> of {p.seatCount.toLocaleString('en-GB')}{' '}
                  seats left
                </p>
                <p className={`sale sale-${sale.kind}`}>{sale.label}</p>
                <Link href={paths.performance(p.id)} className="button" aria-label={`Tickets for ${p.name}`}>
                  {sale.kind === 'ended' ? 'Details' : 'Tickets'}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
