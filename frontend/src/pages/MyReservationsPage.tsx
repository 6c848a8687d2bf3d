import { ReservationList } from '../components/ReservationList';
import { useStorageVersion } from '../hooks';
import { Link, paths } from '../router';
import { reservations } from '../state/storage';

export function MyReservationsPage() {
  useStorageVersion();
  const all = reservations.all();
  return (
    <section className="page" aria-labelledby="mine-title">
      <h1 id="mine-title">My reservations</h1>
      {all.length === 0 ? (
        <p>
          No reservations in this browser yet. <Link href={paths.list()}>See the performances</Link>
        </p>
      ) : (
        <>
          <p className="muted">Reservations made in this browser, newest first.</p>
          <ReservationList items={all} />
        </>
      )}
    </section>
  );
}
