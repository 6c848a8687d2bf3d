import { lazy, Suspense, useEffect, useRef } from 'react';
import { Link, parseRoute, paths, useLocation } from './router';
import { PerformanceListPage } from './pages/PerformanceListPage';
import { PerformancePage } from './pages/PerformancePage';
import { QueuePage } from './pages/QueuePage';
import { SeatMapPage } from './pages/SeatMapPage';
import { ConfirmationPage } from './pages/ConfirmationPage';
import { MyReservationsPage } from './pages/MyReservationsPage';

// The operator console is its own chunk, loaded only on its routes: buyers never download it.
const OperatorApp = lazy(() => import('./operator/OperatorApp'));

export function App() {
  const path = useLocation();
  const route = parseRoute(path);
  const main = useRef<HTMLElement>(null);
  const firstPath = useRef(path);

  useEffect(() => {
    // A page change moves focus to the new page, as a full load would, for keyboard and screen reader users.
    if (path !== firstPath.current) main.current?.focus({ preventScroll: true });
  }, [path]);

  if (route.name === 'operator' || route.name === 'operatorConsole') {
    return (
      <Suspense fallback={<p className="page muted" role="status">Loading the operator console…</p>}>
        <OperatorApp route={route} />
      </Suspense>
    );
  }

  let page;
  switch (route.name) {
    case 'list':
      page = <PerformanceListPage />;
      break;
    case 'performance':
      page = <PerformancePage key={route.id} id={route.id} />;
      break;
    case 'queue':
      page = <QueuePage key={route.id} id={route.id} />;
      break;
    case 'seats':
      page = <SeatMapPage key={route.id} id={route.id} />;
      break;
    case 'confirmation':
      page = <ConfirmationPage key={route.reservationId} id={route.id} reservationId={route.reservationId} />;
      break;
    case 'reservations':
      page = <MyReservationsPage />;
      break;
    default:
      page = (
        <section className="page">
          <h1>Page not found</h1>
          <p>
            <Link href={paths.list()}>See the performances</Link>
          </p>
        </section>
      );
  }

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link href={paths.list()} className="brand">
          <span aria-hidden="true">♪</span> Harbour Box Office
        </Link>
        <nav aria-label="Main">
          <Link href={paths.list()} aria-current={route.name === 'list' ? 'page' : undefined}>
            Performances
          </Link>
          <Link href={paths.reservations()} aria-current={route.name === 'reservations' ? 'page' : undefined}>
            My reservations
          </Link>
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {page}
      </main>
    </>
  );
}
