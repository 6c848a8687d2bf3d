import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';
import { describeError } from '../components/ErrorPanel';
import { Notice } from '../components/Notice';
import { useLoad } from '../hooks';
import { Link, paths } from '../router';
import { allowedActions, confirmationFor, fmt, formatShare, formatChange, formatStamp, parseCapacity, SALE_LABELS, type Confirmation } from './actions';
import { AuditLog } from './AuditLog';
import { ConfirmDialog } from './ConfirmDialog';
import { LineChart } from './LineChart';
import { isAuthLost, operatorApi } from './operatorApi';
import { sessionStore, type OperatorSession } from './session';
import type { AuditEntry, ConsoleSnapshot, OperatorAction } from './types';
import { Watch, type Watched } from './watch';

/** The console is read every 3 s (the brief: 2 to 5 s); the audit log, every 10 s and after each action. */
export const CONSOLE_INTERVAL_MS = 3_000;
export const AUDIT_INTERVAL_MS = 10_000;

const EMPTY = { value: null, receivedAt: null, status: 'loading', error: null } as const;

/** Starts a Watch for the page's life; returns what it sees and a way to read at once. */
function useWatch<T>(load: (token: string) => Promise<T>, intervalMs: number, key: string): [Watched<T>, () => void] {
  const [watched, setWatched] = useState<Watched<T>>(EMPTY);
  const watch = useRef<Watch<T> | null>(null);
  useEffect(() => {
    const w = new Watch<T>({ sessions: sessionStore, load, intervalMs, onChange: setWatched });
    watch.current = w;
    w.start();
    return () => w.stop();
    // `load` is a fresh closure each render; `key` says when it means something new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, intervalMs]);
  return [watched, () => watch.current?.refresh()];
}

interface Outcome {
  tone: 'success' | 'error';
  text: string;
}

const ACTION_NAMES: Record<OperatorAction['action'], string> = {
  pause: 'Paused',
  resume: 'Resumed',
  close: 'Closed',
  'set-capacity': 'Capacity set',
};

export function ConsolePage(props: { id: number; session: OperatorSession }) {
  const { id, session } = props;
  const [details] = useLoad(() => api.performance(id), `operator-performance-${id}`);
  const [live, refreshLive] = useWatch((token) => operatorApi.console(id, token), CONSOLE_INTERVAL_MS, `console-${id}`);
  const [audit, refreshAudit] = useWatch<AuditEntry[]>((token) => operatorApi.audit(id, token), AUDIT_INTERVAL_MS, `audit-${id}`);
  const [pending, setPending] = useState<Confirmation | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [capacityText, setCapacityText] = useState('');
  const [capacityError, setCapacityError] = useState<string | null>(null);

  const name = details.state === 'ready' ? details.value.name : `Performance ${id}`;
  const snapshot = live.value;
  const allowed = snapshot ? allowedActions(snapshot.saleState) : new Set<string>();

  const ask = (action: OperatorAction) => {
    if (!snapshot) return;
    setOutcome(null);
    setPending(confirmationFor(action, snapshot));
  };

  const askCapacity = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseCapacity(capacityText);
    if (!parsed.ok) {
      setCapacityError(parsed.message);
      return;
    }
    setCapacityError(null);
    ask({ action: 'set-capacity', capacity: parsed.capacity });
  };

  const confirm = async () => {
    if (!pending || busy) return;
    setBusy(true);
    try {
      const result = await operatorApi.act(id, session.token, pending.action);
      setOutcome({
        tone: 'success',
        text: `${ACTION_NAMES[pending.action.action]}: ${formatChange(result.before, result.after)}, by ${result.audit.operator} at ${formatStamp(result.audit.at)}.`,
      });
      if (pending.action.action === 'set-capacity') setCapacityText('');
    } catch (e) {
      if (isAuthLost(e)) {
        sessionStore.drop('expired');
        return;
      }
      setOutcome({ tone: 'error', text: e instanceof ApiError ? e.message : describeError(e) });
    } finally {
      setBusy(false);
      setPending(null);
    }
    refreshLive();
    refreshAudit();
  };

  return (
    <section className="page console-page" aria-labelledby="console-title">
      <p className="breadcrumb">
        <Link href={paths.operator()}>All performances</Link>
      </p>
      <div className="console-title">
        <h1 id="console-title">{name}</h1>
        {snapshot && <SaleBadge state={snapshot.saleState} />}
      </div>
      <LiveLine watched={live} />
      {live.status === 'failed' && (
        <Notice tone="error">
          <p>{live.error instanceof ApiError && live.error.status === 404 ? 'There is no such performance.' : describeError(live.error)}</p>
        </Notice>
      )}
      {outcome && (
        <Notice tone={outcome.tone} testId="action-outcome">
          <p>{outcome.text}</p>
        </Notice>
      )}
      {snapshot && (
        <>
          <Figures snapshot={snapshot} />
          <section className="card console-actions" aria-labelledby="actions-title">
            <h2 id="actions-title">Actions</h2>
            <div className="actions">
              {snapshot.saleState === 'PAUSED' ? (
                <button type="button" className="button primary" onClick={() => ask({ action: 'resume' })} disabled={!allowed.has('resume')}>
                  Resume the sale…
                </button>
              ) : (
                <button type="button" className="button" onClick={() => ask({ action: 'pause' })} disabled={!allowed.has('pause')}>
                  Pause the sale…
                </button>
              )}
              <button type="button" className="button danger-outline" onClick={() => ask({ action: 'close' })} disabled={!allowed.has('close')}>
                Close the sale…
              </button>
            </div>
            <form className="capacity-form" onSubmit={askCapacity} noValidate>
              <label htmlFor="capacity">New capacity (buyers choosing seats at once; now {fmt(snapshot.capacity)})</label>
              <div className="capacity-row">
                <input
                  id="capacity"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={100000}
                  step={1}
                  value={capacityText}
                  onChange={(e) => setCapacityText(e.target.value)}
                  aria-invalid={capacityError ? true : undefined}
                  aria-describedby={capacityError ? 'capacity-error' : undefined}
                />
                <button type="submit" className="button" disabled={!allowed.has('set-capacity') || capacityText.trim() === ''}>
                  Set capacity…
                </button>
              </div>
              {capacityError && (
                <p id="capacity-error" className="field-error" role="alert">
                  {capacityError}
                </p>
              )}
            </form>
          </section>
          <section aria-labelledby="chart-heading">
            <h2 id="chart-heading">The last 10 minutes</h2>
            <LineChart series={snapshot.series} />
          </section>
        </>
      )}
      <section aria-labelledby="audit-title">
        <h2 id="audit-title">Audit log</h2>
        {audit.status === 'failed' && (
          <Notice tone="error">
            <p>{describeError(audit.error)}</p>
          </Notice>
        )}
        {audit.value ? <AuditLog entries={audit.value} /> : audit.status === 'loading' && <p className="muted">Loading the audit log…</p>}
      </section>
      {pending && <ConfirmDialog confirmation={pending} busy={busy} onConfirm={confirm} onCancel={() => setPending(null)} />}
    </section>
  );
}

function SaleBadge(props: { state: ConsoleSnapshot['saleState'] }) {
  return (
    // Polite: a change of state (paused by another operator, sold out) is announced once.
    <p className="sale-badge-line" role="status">
      <span className="visually-hidden">Sale state: </span>
      <span className={`sale-badge sale-badge-${props.state}`} data-testid="sale-state" data-state={props.state}>
        {SALE_LABELS[props.state]}
      </span>
    </p>
  );
}

/**
 * How fresh the figures are. Only this line is a live region, and its text changes only when the
 * state does (live, reconnecting), so a screen reader is not told of every 3-second update.
 */
function LiveLine(props: { watched: Watched<ConsoleSnapshot> }) {
  const { watched } = props;
  const asOf = watched.value ? formatStamp(watched.value.asOf) : null;
  return (
    <>
      <p className="live-line" role="status" aria-live="polite" data-testid="console-status" data-status={watched.status}>
        {watched.status === 'loading' && 'Loading the figures…'}
        {watched.status === 'live' && (
          <>
            <span className="live-dot" aria-hidden="true" /> Live: the figures update every {CONSOLE_INTERVAL_MS / 1000} s.
          </>
        )}
        {watched.status === 'reconnecting' && (
          <>
            <span className="live-dot off" aria-hidden="true" /> Reconnecting: the figures below are not up to date.
          </>
        )}
      </p>
      {asOf && <p className="muted small as-of">As of {asOf}</p>}
    </>
  );
}

function Figures(props: { snapshot: ConsoleSnapshot }) {
  const s = props.snapshot;
  const m = s.lastMinute;
  const figures: Array<[string, string, string, boolean?]> = [
    ['waiting', 'Waiting', fmt(s.waiting)],
    ['called', 'Called', fmt(s.called)],
    ['in-session', 'In session', fmt(s.inSession)],
    ['capacity', 'Capacity', fmt(s.capacity)],
    ['seats-available', 'Seats available', fmt(s.seats.available)],
    ['seats-held', 'Seats held', fmt(s.seats.held)],
    ['seats-sold', 'Seats sold', fmt(s.seats.sold)],
    ['admissions', 'Admissions, last minute', fmt(m.admissions)],
    ['reservations', 'Reservations, last minute', fmt(m.reservations)],
    ['conflict-share', '409 share, last minute', `${formatShare(m.conflictShare)} (${fmt(m.conflicts)})`, m.conflictShare >= 0.2],
    ['server-errors', '5xx, last minute', fmt(m.serverErrors), m.serverErrors > 0],
    ['join-difficulty', 'Join toll (bits)', s.joinDifficulty > 0 ? fmt(s.joinDifficulty) : 'off'],
  ];
  return (
    <dl className="figures" aria-label="Live figures">
      {figures.map(([key, label, value, alarm]) => (
        <div key={key} className={`figure${alarm ? ' alarm' : ''}`} data-testid={`figure-${key}`}>
          <dt>{label}</dt>
          <dd>
            {value}
            {alarm && <span className="alarm-mark"> ▲ high</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
