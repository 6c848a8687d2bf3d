import { api } from '../api/client';
import { ErrorPanel } from '../components/ErrorPanel';
import { formatDateTime } from '../format';
import { useLoad } from '../hooks';
import { Link, paths } from '../router';

/** The performances (the buyers' public list), each linking to its console. */
export function PickerPage() {
  const [list, reload] = useLoad(() => api.listPerformances(), 'operator-list');
  return (
    <section className="page" aria-labelledby="picker-title">
      <h1 id="picker-title">Choose a performance</h1>
      {list.state === 'loading' && <p className="muted" role="status">Loading performances…</p>}
      {list.state === 'failed' && <ErrorPanel error={list.error} onRetry={reload} />}
      {list.state === 'ready' && list.value.length === 0 && <p>There are no performances.</p>}
      {list.state === 'ready' && list.value.length > 0 && (
        <ul className="cards" aria-label="Performances">
          {list.value.map((p) => (
            <li key={p.id} className="card performance-card" data-testid="operator-performance">
              <h2>
                <Link href={paths.operatorConsole(p.id)} aria-label={`Console for ${p.name}`}>
                  {p.name}
                </Link>
              </h2>
              <p className="venue">{p.venue}</p>
              <p>
                <time dateTime={p.startsAt}>{formatDateTime(p.startsAt)}</time>
              </p>
              <p className="muted small">
                Performance {p.id} · sale opens <time dateTime={p.saleOpensAt}>{formatDateTime(p.saleOpensAt)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
