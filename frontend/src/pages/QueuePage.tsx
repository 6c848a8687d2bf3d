import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import { Notice } from '../components/Notice';
import { ProgressBar } from '../components/ProgressBar';
import { formatClock, formatDateTime, formatDuration } from '../format';
import { useLoad, useNow } from '../hooks';
import { Link, navigate, paths, useFlash } from '../router';
import { QueueController, type QueueView } from '../state/queue';
import { sessions, tickets } from '../state/storage';
import { announceTurn } from '../state/turn';
import { browserTurnSignals, setSoundWanted, soundWanted } from '../turnSignals';
import { TollProgress } from '../toll/TollProgress';

export function QueuePage(props: { id: number }) {
  const { id } = props;
  const flash = useFlash();
  const [details] = useLoad(() => api.performance(id), `performance-${id}`);
  const controller = useRef<QueueController | null>(null);
  const [view, setView] = useState<QueueView | null>(null);
  const now = useNow(1000);
  const [sound, setSound] = useState(soundWanted);
  const [confirmLeave, setConfirmLeave] = useState(false);

  useEffect(() => {
    const c = new QueueController({ api, tickets, sessions, performanceId: id, onChange: setView });
    controller.current = c;
    c.start();
    const onVisible = () => {
      if (document.visibilityState === 'visible') c.pollNow();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      c.stop();
    };
  }, [id]);

  const phase = view?.phase ?? { kind: 'joining' as const };
  const name = details.state === 'ready' ? details.value.name : 'the performance';
  const announced = useRef(false);
  useEffect(() => {
    if (phase.kind === 'admitted' && !announced.current) {
      announced.current = true;
      announceTurn(name, browserTurnSignals());
    }
    if (phase.kind === 'admitted') navigate(paths.seats(id), { replace: true });
    if (phase.kind === 'left') navigate(paths.performance(id), { replace: true, flash: { tone: 'info', text: 'You left the queue.' } });
  }, [phase.kind, id, name]);

  const retention = view?.retentionSeconds ?? 120;
  // Until the next check the server asked for, plus the retention: the place is kept that long.
  const keepPlace = view?.keepPlaceSeconds ?? retention;
  const connection = view?.connection;

  return (
    <section className="page queue-page" aria-labelledby="queue-title">
      <p className="breadcrumb">
        <Link href={paths.performance(id)}>{name}</Link> / Waiting room
      </p>
      <h1 id="queue-title">Waiting room</h1>
      {flash && <Notice tone={flash.tone}>{flash.text}</Notice>}

      <div className="card queue-card" aria-live="polite" aria-atomic="false">
        {view?.ticketNumber != null && (
          <p className="ticket">
            Your ticket <strong data-testid="ticket-number">#{view.ticketNumber}</strong>
          </p>
        )}

        {phase.kind === 'joining' && <p className="big-line" role="status">Getting you a place in the line…</p>}
        {phase.kind === 'joining' && <TollProgress />}

        {phase.kind === 'beforeOpening' && (
          <>
            <p className="big-line" data-testid="queue-status">
              You are in. The sale has not opened yet.
            </p>
            {phase.opensAt && (
              <p>
                It opens in <strong>{formatClock(Date.parse(phase.opensAt) - now)}</strong> ({formatDateTime(phase.opensAt)}).
              </p>
            )}
            <p className="muted">
              Everyone who joins before the opening is placed in the line in a random order at the opening, so
              arriving a second earlier gives no advantage.
            </p>
          </>
        )}

        {phase.kind === 'waiting' && (
          <>
            <p className="big-line" data-testid="queue-status">
              {phase.position === 1 ? (
                <>You are <strong>next in line</strong>.</>
              ) : (
                <>
                  You are number <strong data-testid="queue-position">{phase.position}</strong> in line.
                </>
              )}
            </p>
            <ProgressBar value={view?.progress ?? 0} label="Progress through the line" />
            <p>
              Estimated wait:{' '}
              <strong data-testid="queue-estimate">
                {phase.estimatedWaitSeconds == null
                  ? 'measuring how fast the line moves…'
                  : phase.estimatedWaitSeconds <= 5
                    ? 'any moment now'
                    : `about ${formatDuration(phase.estimatedWaitSeconds)}`}
              </strong>
              {phase.admittedPerMinute != null && phase.admittedPerMinute > 0 && (
                <span className="muted"> · {formatRate(phase.admittedPerMinute)}</span>
              )}
            </p>
          </>
        )}

        {phase.kind === 'paused' && (
          <>
            <p className="big-line" data-testid="queue-status">
              <span data-testid="sale-paused">
                <strong>The sale is paused by the organiser.</strong> You keep your place; we&apos;ll carry on
                automatically.
              </span>
            </p>
            {phase.position != null && (
              <p>
                You are number <strong data-testid="queue-position">{phase.position}</strong> in line.
              </p>
            )}
            <ProgressBar value={view?.progress ?? 0} label="Progress through the line" />
            <p>
              Estimated wait: <strong data-testid="queue-estimate">on hold while the sale is paused</strong>
            </p>
          </>
        )}

        {phase.kind === 'soldOut' && (
          <>
            <p className="big-line" data-testid="queue-status">
              <strong data-testid="sold-out">Sold out for now.</strong>
            </p>
            <p>
              Every seat is taken for now. You are on the returns list in ticket order
              {phase.position != null && (
                <>
                  {' '}
                  (number <strong data-testid="queue-position">{phase.position}</strong>)
                </>
              )}
              : seats from holds that are released or run out are offered automatically, and if one comes to you, we
              take you to the seat map. To keep waiting, just keep this page open (or come back to it); nothing else to do.
            </p>
          </>
        )}

        {(phase.kind === 'joining' || phase.kind === 'waiting' || phase.kind === 'beforeOpening' || phase.kind === 'paused' || phase.kind === 'soldOut') && (
          <p className="keep-place">
            <svg className="icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
              <rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" />
              <path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" strokeWidth="1.8" />
            </svg>{' '}
            Your place is saved. You can refresh this page, open it in another tab, or
            leave for up to <strong>{formatDuration(keepPlace)}</strong> and come back: you keep your place. When it
            is your turn, we take you straight to the seat map.
          </p>
        )}

        {phase.kind === 'admitted' && <p className="big-line" role="status">It is your turn! Opening the seat map…</p>}

        {phase.kind === 'expired' && (
          <div data-testid="queue-expired">
            <Notice tone="warning">
              <p>
                <strong>{expiredTitle(phase.reason)}</strong>
              </p>
              <p>{expiredText(phase.reason, retention)}</p>
            </Notice>
            <button type="button" className="button primary big" onClick={() => controller.current?.rejoin()}>
              Rejoin the queue
            </button>
          </div>
        )}
        {phase.kind === 'saleEnded' && <Notice tone="info">The sale for this performance has ended.</Notice>}
        {phase.kind === 'notFound' && <Notice tone="error">We could not find this performance.</Notice>}
        {phase.kind === 'error' && (
          <>
            <Notice tone="error">{phase.message}</Notice>
            <button type="button" className="button primary" onClick={() => controller.current?.start()}>
              Try again
            </button>
          </>
        )}

        {connection?.kind === 'reconnecting' && (
          <Notice tone="warning" testId="connection-problem">
            Connection problem — trying again in {Math.ceil(connection.retryInMs / 1000)} s. Your place is safe for up
            to {formatDuration(keepPlace)}.
          </Notice>
        )}
      </div>

      {(phase.kind === 'joining' || phase.kind === 'waiting' || phase.kind === 'beforeOpening' || phase.kind === 'paused' || phase.kind === 'soldOut') && (
        <div className="turn-signals">
          <label>
            <input
              type="checkbox"
              checked={sound}
              onChange={(e) => {
                setSoundWanted(e.target.checked);
                setSound(e.target.checked);
              }}
            />{' '}
            Play a sound when it is my turn
          </label>
          <p className="muted small">
            When it is your turn this tab&apos;s title changes to “★ Your turn”
            {typeof Notification !== 'undefined' && Notification.permission === 'granted'
              ? ', and you get a notification.'
              : '. Allow notifications to be told even when the browser is in the background.'}
          </p>
        </div>
      )}

      {(phase.kind === 'waiting' || phase.kind === 'beforeOpening' || phase.kind === 'paused') && (
        <button type="button" className="button secondary" onClick={() => void controller.current?.leave()}>
          Leave the queue
        </button>
      )}

      {phase.kind === 'soldOut' &&
        (confirmLeave ? (
          <div className="give-up-confirm" role="group" aria-labelledby="leave-question">
            <p id="leave-question">
              <strong>Leave the returns list?</strong> You give up your place, and would have to queue again at the end
              of the line.
            </p>
            <button type="button" className="button danger" onClick={() => void controller.current?.leave()}>
              Yes, leave the queue
            </button>{' '}
            <button type="button" className="button secondary" onClick={() => setConfirmLeave(false)} autoFocus>
              Keep waiting for returns
            </button>
          </div>
        ) : (
          <button type="button" className="button secondary" onClick={() => setConfirmLeave(true)}>
            Leave the queue
          </button>
        ))}
    </section>
  );
}

/** "about 12 buyers let in per minute", or for a slow line "about one buyer let in every 3 min". */
function formatRate(perMinute: number): string {
  if (perMinute >= 1.5) return `about ${Math.round(perMinute)} buyers let in per minute`;
  return `about one buyer let in every ${formatDuration(Math.round(60 / perMinute))}`;
}

function expiredTitle(reason: string): string {
  switch (reason) {
    case 'session_ended':
      return 'Your seat-choosing session has ended.';
    case 'left_elsewhere':
      return 'You left the queue in another tab.';
    case 'unrecognised':
      return 'We could not find your place in the line.';
    default:
      return 'Your place expired.';
  }
}

function expiredText(reason: string, retention: number): string {
  switch (reason) {
    case 'session_ended':
      return 'Join the queue again to choose more seats.';
    case 'left_elsewhere':
      return 'Rejoin to get a new place at the end of the line.';
    case 'unrecognised':
      return 'Your ticket is no longer valid. Rejoin to get a new place at the end of the line.';
    default:
      return `Places are kept for ${formatDuration(retention)} when the page is closed or offline, or when it is your turn and you do not come back in time. Rejoin to get a new place at the end of the line.`;
  }
}
