import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'react';
import { api, ApiError } from '../api/client';
import type { Reservation, Seat, SeatMapAnswer } from '../api/types';
import { gradeColors, gradeMarks, inkOn } from '../colors';
import { BestAvailable } from '../components/BestAvailable';
import { ErrorPanel } from '../components/ErrorPanel';
import { Notice } from '../components/Notice';
import { SeatMap, TAKEN_FILL } from '../components/SeatMap';
import { formatClock, formatPrice } from '../format';
import { useLoad, useNow } from '../hooks';
import { Link, navigate, paths, type Flash } from '../router';
import { geometry } from '../state/geometry';
import { CONNECTION_OK, connectionAfter, type ConnectionState } from '../state/connection';
import { PollLoop } from '../state/pollLoop';
import { reserveWithRetry, SingleFlight, type ReserveOutcome } from '../state/reserve';
import { availableCount, layoutOf } from '../state/seatMap';
import { initialSeatPage, seatPageReducer } from '../state/seatPage';
import { MAX_SELECTED, selectionTotal } from '../state/selection';
import { sessionClock } from '../state/session';
import { reservations, sessions, tickets, type StoredSession } from '../state/storage';

export function SeatMapPage(props: { id: number }) {
  const { id } = props;
  const [session] = useState<StoredSession | null>(() => sessions.load(id));
  useEffect(() => {
    if (!session) {
      navigate(paths.queue(id), {
        replace: true,
        flash: { tone: 'info', text: 'To choose seats, wait for your turn in the queue first.' },
      });
    }
  }, [session, id]);
  if (!session) return null;
  return <SeatChooser id={id} session={session} />;
}

function SeatChooser(props: { id: number; session: StoredSession }) {
  const { id, session } = props;
  const token = session.accessToken;
  const [details] = useLoad(() => api.performance(id), `performance-${id}`);
  const [state, dispatch] = useReducer(seatPageReducer, initialSeatPage);
  const [connection, setConnection] = useState<ConnectionState>(CONNECTION_OK);
  const [confirmGiveUp, setConfirmGiveUp] = useState(false);
  // The strip greets the buyer whose turn it is until they pick a first seat.
  const [greeted, setGreeted] = useState(false);
  const [fatal, setFatal] = useState<unknown>(null);
  const [loopKey, setLoopKey] = useState(0);
  const [focusedId, setFocusedId] = useState<number | null>(null);
  const [zoom, setZoom] = useState(1);
  const [reserving, setReserving] = useState<{ retries: number } | null>(null);
  // A reservation answered 503 sale_paused: the strip says so until the Retry-After has passed.
  const [paused, setPaused] = useState<{ until: number; seconds: number } | null>(null);
  const salePaused = (retryAfterMs: number) => setPaused({ until: Date.now() + retryAfterMs, seconds: Math.ceil(retryAfterMs / 1000) });
  const flight = useRef(new SingleFlight<ReserveOutcome>());
  const reservingRef = useRef(false);
  const version = useRef<number | null>(null);
  const etag = useRef<string | null>(null);
  const loopRef = useRef<PollLoop<SeatMapAnswer> | null>(null);
  const now = useNow(1000);
  const clock = sessionClock(session.sessionExpiresAt, now);
  const performanceName = details.state === 'ready' ? details.value.name : undefined;

  const endSession = useCallback(
    (flash: Flash) => {
      sessions.clear(id);
      navigate(paths.queue(id), { replace: true, flash });
    },
    [id],
  );

  useEffect(() => {
    const loop = new PollLoop<SeatMapAnswer>({
      intervalMs: 1000,
      task: () => api.seats(id, token, version.current, etag.current),
      onResult: (answer) => {
        // While a reservation is in flight our own seats may show up as taken: wait for its answer.
        if (reservingRef.current) return true;
        if (answer.kind !== 'unchanged' && (version.current === null || answer.version >= version.current)) {
          version.current = answer.version;
          etag.current = answer.etag ?? null;
        }
        dispatch({ type: 'answer', answer });
        return true;
      },
      onFatal: (error) => {
        if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
          setConnection((prev) => connectionAfter(prev, { type: 'lost', reason: error.code }));
          endSession(sessionEndFlash(error.code));
        } else {
          setFatal(error);
        }
      },
      onConnection: (c) =>
        setConnection((prev) =>
          connectionAfter(prev, c.ok ? { type: 'answered' } : { type: 'failed', failures: c.failures, retryInMs: c.retryInMs }),
        ),
    });
    loopRef.current = loop;
    loop.start();
    const onVisible = () => {
      if (document.visibilityState === 'visible') loop.pollNow();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      loop.stop();
    };
  }, [id, token, endSession, loopKey]);

  useEffect(() => {
    if (clock.ended && !reservingRef.current) {
      endSession({ tone: 'warning', text: 'Your time to choose seats ran out. Join the queue again to continue.' });
    }
  }, [clock.ended, endSession]);

  const map = state.map;
  const allSeats = useMemo(() => (map ? [...map.seats.values()] : []), [map]);
  // The layout never changes: compute it from the first full map only.
  const layoutSource = map !== null;
  const geo = useMemo(
    () => (layoutSource ? geometry(layoutOf(allSeats)) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [layoutSource],
  );
  const grades = useMemo(() => {
    const byName = new Map<string, number>();
    for (const s of allSeats) if (!byName.has(s.grade)) byName.set(s.grade, s.price);
    return [...byName.entries()].map(([name, price]) => ({ name, price })).sort((a, b) => b.price - a.price);
  }, [allSeats]);
  const colors = useMemo(() => gradeColors(grades), [grades]);
  const marks = useMemo(() => gradeMarks(grades), [grades]);

  const onToggle = useCallback((seatId: number) => dispatch({ type: 'toggle', seatId }), []);

  // A map wider than the screen (a phone) opens centred on the stage, and zooming keeps the centre.
  const scroller = useRef<HTMLDivElement>(null);
  const centre = useRef<{ x: number; y: number } | null>(null);
  const changeZoom = (next: (z: number) => number) => {
    const el = scroller.current;
    if (el && el.scrollWidth > 0) {
      centre.current = {
        x: (el.scrollLeft + el.clientWidth / 2) / el.scrollWidth,
        y: (el.scrollTop + el.clientHeight / 2) / el.scrollHeight,
      };
    }
    setZoom(next);
  };
  const fitZoom = () => {
    const el = scroller.current;
    if (el && geo) changeZoom(() => Math.min(1, (el.clientWidth - 2) / geo.width));
  };
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !geo) return;
    const c = centre.current ?? { x: 0.5, y: 0 };
    el.scrollLeft = c.x * el.scrollWidth - el.clientWidth / 2;
    if (centre.current) el.scrollTop = c.y * el.scrollHeight - el.clientHeight / 2;
    centre.current = null;
  }, [geo, zoom]);

  // Zone first on a small screen: jump the map to a zone at a size where seats can be tapped.
  const goToZone = (name: string) => {
    const el = scroller.current;
    const zone = geo?.zones.find((z) => z.name === name);
    if (!el || !zone) return;
    el.scrollTop = Math.max(0, (zone.titleY - 22) * zoom);
  };

  if (!greeted && state.selection.length > 0) setGreeted(true);

  const selectedSeats = map ? state.selection.map((sid) => map.seats.get(sid)).filter((s): s is Seat => !!s) : [];
  const total = map ? selectionTotal(state.selection, map.seats) : 0;
  const focused = focusedId !== null ? map?.seats.get(focusedId) : undefined;

  async function reserve() {
    if (flight.current.busy || state.selection.length === 0) return;
    const seatIds = [...state.selection];
    reservingRef.current = true;
    setReserving({ retries: 0 });
    const outcome = await flight.current.run(() =>
      reserveWithRetry(api, id, token, seatIds, { onRetry: (retries) => setReserving({ retries }) }),
    );
    reservingRef.current = false;
    setReserving(null);
    if (outcome.kind === 'paused') salePaused(outcome.retryAfterMs);
    else setPaused(null);
    switch (outcome.kind) {
      case 'paused':
        return;
      case 'reserved': {
        const stored = withSeatDetails(outcome.reservation, seatIds, map?.seats);
        reservations.add({ ...stored, performanceName });
        sessions.clear(id);
        tickets.clear(id);
        loopRef.current?.stop();
        navigate(paths.confirmation(id, stored.reservationId), { replace: true });
        return;
      }
      case 'conflict':
        dispatch({ type: 'conflict', seatIds: outcome.lostSeatIds, uncertain: outcome.uncertain });
        // A seat can also be refused while another buyer's attempt on it is still undecided: reload the
        // whole map so it shows exactly what is sold.
        version.current = null;
        etag.current = null;
        loopRef.current?.pollNow();
        return;
      case 'sessionEnded':
        endSession(
          outcome.uncertain
            ? {
                tone: 'warning',
                text:
                  'The connection dropped while we reserved your seats, and your session has now ended, which is what a ' +
                  'successful reservation does. Your seats are probably reserved: check your e-mail or the box office before trying again.',
              }
            : sessionEndFlash(outcome.code),
        );
        return;
      case 'limit':
        dispatch({ type: 'notice', notice: { tone: 'error', text: outcome.message } });
        return;
      case 'invalid':
      case 'failed':
        dispatch({
          type: 'notice',
          notice: { tone: 'error', text: `${outcome.message} Your selection is kept: you can try again.` },
        });
        return;
    }
  }

  async function giveUp() {
    loopRef.current?.stop();
    sessions.clear(id);
    tickets.clear(id);
    try {
      // The access token names the session: ending it hands the slot to the next in line now.
      await api.leaveQueue(id, token);
    } catch {
      // The session ends by itself at its expiry.
    }
    navigate(paths.performance(id), { replace: true, flash: { tone: 'info', text: 'You gave up your turn.' } });
  }

  return (
    <section className="page seats-page" aria-labelledby="seats-title">
      <p className="breadcrumb">
        <Link href={paths.performance(id)}>{performanceName ?? 'Performance'}</Link> / Choose your seats
      </p>
      <h1 id="seats-title">Choose your seats</h1>
      {/*
        The strip has a fixed height and stays at the top of the screen: the timer is in view at the
        Reserve button on a phone, and a warning or a connection notice appears inside it, so the
        map below never moves under the buyer's finger (issue 18).
      */}
      <div className={`status-strip${clock.warning ? ' warning' : ''}`} data-testid="status-strip">
        <p className={`session-clock${clock.warning ? ' warning' : ''}`} role="timer" aria-live="off" data-testid="session-clock">
          <span className="clock-label">Time left to reserve: </span>
          <strong>{formatClock(clock.remainingMs)}</strong>
        </p>
        <div className="strip-message">
          {clock.warning ? (
            <p className="strip-warning" role="alert" data-testid="session-warning">
              <strong>Less than a minute left!</strong> Reserve now, or your seats go back on sale.
            </p>
          ) : paused !== null && now < paused.until ? (
            <p className="strip-warning" role="status" data-testid="sale-paused">
              <strong>The sale is paused;</strong> your seats are not held yet — try again when it resumes (in about{' '}
              {Math.max(1, Math.min(paused.seconds, Math.ceil((paused.until - now) / 1000)))} s).
            </p>
          ) : connection.kind === 'reconnecting' ? (
            <p className="live-line" role="status" data-testid="connection-problem">
              <span className="live-dot off" aria-hidden="true" /> Reconnecting… next try in{' '}
              {Math.ceil(connection.retryInMs / 1000)} s. Taken seats may be out of date.
            </p>
          ) : !greeted ? (
            <p className="strip-turn" data-testid="your-turn">
              <strong>★ Your turn!</strong> Pick up to {MAX_SELECTED} seats, then reserve in time.
            </p>
          ) : (
            <p className="live-line">
              <span className="live-dot" aria-hidden="true" /> Live: seats update every second.
              {map && <span className="muted"> · {availableCount(map)} seats left</span>}
            </p>
          )}
        </div>
      </div>

      {fatal !== null && (
        <ErrorPanel
          error={fatal}
          onRetry={() => {
            setFatal(null);
            setLoopKey((k) => k + 1);
          }}
        />
      )}

      <div className="seats-layout">
        <div className="map-column">
          <div className="map-toolbar">
            <Legend grades={grades} colors={colors} marks={marks} />
            {geo && geo.zones.length > 1 && (
              <label className="zone-jump">
                Zone{' '}
                <select onChange={(e) => goToZone(e.target.value)} defaultValue="" data-testid="zone-jump">
                  <option value="" disabled>
                    Go to…
                  </option>
                  {geo.zones.map((z) => (
                    <option key={z.name} value={z.name}>
                      {z.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <div className="zoom" role="group" aria-label="Zoom">
              <button type="button" className="button small" onClick={() => changeZoom((z) => Math.max(0.3, z / 1.25))} aria-label="Zoom out">
                −
              </button>
              <span className="muted" aria-live="polite">
                {Math.round(zoom * 100)} %
              </span>
              <button type="button" className="button small" onClick={() => changeZoom((z) => Math.min(3, z * 1.25))} aria-label="Zoom in">
                +
              </button>
              <button type="button" className="button small" onClick={fitZoom}>
                Fit
              </button>
            </div>
          </div>
          <div className="map-scroll" data-testid="seat-map" ref={scroller}>
            {!geo || !map ? (
              <p className="muted" role="status">
                Loading the seat map…
              </p>
            ) : (
              <SeatMap
                geo={geo}
                seats={map.seats}
                colors={colors}
                marks={marks}
                selection={state.selection}
                lost={state.lost}
                focusedId={focusedId}
                zoom={zoom}
                onToggle={onToggle}
                onFocusSeat={setFocusedId}
              />
            )}
          </div>
          <p className="focused-seat muted" aria-hidden="true">
            {focused
              ? `${focused.zone} · row ${focused.row} · seat ${focused.number} · ${focused.grade} · ${formatPrice(focused.price)} · ${
                  focused.status === 'AVAILABLE' ? 'available' : 'taken'
                }`
              : 'Click a seat, or Tab to the map and use the arrow keys.'}
          </p>
        </div>

        <section className="card basket" aria-labelledby="basket-title">
          <h2 id="basket-title">Your seats</h2>
          {state.notice && (
            <Notice tone={state.notice.tone} testId="seat-notice">
              {state.notice.text}
            </Notice>
          )}
          {selectedSeats.length === 0 ? (
            <p className="muted">No seats selected yet. You can choose up to {MAX_SELECTED}.</p>
          ) : (
            <ul className="basket-list" data-testid="selection">
              {selectedSeats.map((s) => (
                <li key={s.id}>
                  <span>
                    <span className="swatch" style={{ background: colors.get(s.grade) }} aria-hidden="true" />
                    {s.zone}, row {s.row}, seat {s.number} <span className="muted">({s.grade})</span>
                  </span>
                  <span className="price">{formatPrice(s.price)}</span>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => dispatch({ type: 'unselect', seatId: s.id })}
                    aria-label={`Remove ${s.zone}, row ${s.row}, seat ${s.number}`}
                    disabled={reserving !== null}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
          <p className="visually-hidden" aria-live="polite" data-testid="selection-summary">
            {selectedSeats.length === 0
              ? 'No seats selected.'
              : `${selectedSeats.length} seat${selectedSeats.length > 1 ? 's' : ''} selected: ${selectedSeats
                  .map((s) => `${s.zone} row ${s.row} seat ${s.number}`)
                  .join('; ')}. Total ${formatPrice(total)}.`}
          </p>
          <p className="total">
            Total <strong data-testid="total">{formatPrice(total)}</strong>
          </p>
          <button
            type="button"
            className="button primary big"
            onClick={() => void reserve()}
            disabled={state.selection.length === 0 || reserving !== null || clock.ended}
            aria-disabled={state.selection.length === 0 || reserving !== null}
            data-testid="reserve"
          >
            {reserving
              ? reserving.retries > 0
                ? `Connection problem — retrying (${reserving.retries})…`
                : 'Reserving…'
              : state.selection.length === 0
                ? 'Select seats to reserve'
                : `Reserve ${state.selection.length} seat${state.selection.length > 1 ? 's' : ''} · ${formatPrice(total)}`}
          </button>
          <p className="muted small">One click reserves all selected seats together, or none of them.</p>
          <BestAvailable
            performanceId={id}
            accessToken={token}
            grades={grades.map((g) => g.name)}
            maxSeats={MAX_SELECTED}
            disabled={reserving !== null || clock.ended}
            onHeld={(held) => {
              reservations.add({ ...held, performanceName });
              sessions.clear(id);
              tickets.clear(id);
              loopRef.current?.stop();
              navigate(paths.confirmation(id, held.reservationId), { replace: true });
            }}
            onEnded={(code) => endSession(sessionEndFlash(code))}
            onPaused={salePaused}
          />
          {confirmGiveUp ? (
            <div className="give-up-confirm" role="group" aria-labelledby="give-up-question">
              <p id="give-up-question">
                <strong>Give up your turn?</strong> Your selected seats are released and you would have to queue again.
              </p>
              <button type="button" className="button danger" onClick={() => void giveUp()} disabled={reserving !== null}>
                Yes, give up my turn
              </button>{' '}
              <button type="button" className="button secondary" onClick={() => setConfirmGiveUp(false)} autoFocus>
                Keep choosing
              </button>
            </div>
          ) : (
            <button type="button" className="link-button give-up" onClick={() => setConfirmGiveUp(true)} disabled={reserving !== null}>
              Give up my turn
            </button>
          )}
        </section>
      </div>
    </section>
  );
}

function Legend(props: {
  grades: Array<{ name: string; price: number }>;
  colors: Map<string, string>;
  marks: Map<string, string>;
}) {
  return (
    <ul className="legend" aria-label="Legend">
      {props.grades.map((g) => (
        <li key={g.name}>
          <svg width="18" height="18" viewBox="-9 -9 18 18" aria-hidden="true">
            <circle r="8" fill={props.colors.get(g.name)} />
            <text className="seat-mark" y={3.5} fill={inkOn(props.colors.get(g.name) ?? '#777')}>
              {props.marks.get(g.name)}
            </text>
          </svg>
          {g.name} {formatPrice(g.price)}
        </li>
      ))}
      <li>
        <svg width="18" height="18" viewBox="-9 -9 18 18" aria-hidden="true">
          <circle r="8" fill="#111827" />
          <path className="seat-check" d="M-4.2 0.2 L-1.2 3.2 L4.4 -3.2" />
        </svg>
        Selected
      </li>
      <li>
        <svg width="18" height="18" viewBox="-9 -9 18 18" aria-hidden="true">
          <circle r="8" fill={TAKEN_FILL} stroke="#71717a" strokeWidth="1.5" />
          <path className="seat-cross" d="M-3.6 -3.6 L3.6 3.6 M3.6 -3.6 L-3.6 3.6" />
        </svg>
        Taken
      </li>
      <li>
        <svg width="22" height="22" viewBox="-11 -11 22 22" aria-hidden="true">
          <circle r="7" fill={TAKEN_FILL} stroke="#71717a" strokeWidth="1.5" />
          <path className="seat-cross" d="M-3 -3 L3 3 M3 -3 L-3 3" />
          <circle className="seat-lost-ring" r="9.5" />
        </svg>
        Just lost
      </li>
    </ul>
  );
}

function sessionEndFlash(code: string): Flash {
  if (code === 'session_ended') {
    return { tone: 'warning', text: 'Your seat-choosing session has ended. Join the queue again to choose seats.' };
  }
  if (code === 'wrong_performance') {
    return { tone: 'warning', text: 'That access was for another performance. Join the queue for this one.' };
  }
  return { tone: 'warning', text: 'Your access to the seat map has expired. Join the queue again to continue.' };
}

/** The confirmation shows seats by place and price even if the answer lists them more tersely. */
function withSeatDetails(
  reservation: Reservation,
  seatIds: number[],
  seats: ReadonlyMap<number, Seat> | undefined,
): Reservation {
  const list = Array.isArray(reservation.seats) ? reservation.seats : [];
  const complete = list.length > 0 && list.every((s) => typeof s === 'object' && s !== null && 'zone' in s);
  if (complete) return { ...reservation, seats: list.map((s) => ({ ...s, price: Number(s.price) })) };
  const ids = list.length > 0 ? list.map((s) => (typeof s === 'number' ? s : (s as { id: number }).id)) : seatIds;
  return {
    ...reservation,
    seats: ids
      .map((sid) => seats?.get(sid))
      .filter((s): s is Seat => !!s)
      .map(({ status: _status, ...s }) => s),
    total: Number(reservation.total),
  };
}
