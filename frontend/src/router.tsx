import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/** Client routes on the history API; the gateway answers every non-file path with index.html. */
export type Route =
  | { name: 'list' }
  | { name: 'performance'; id: number }
  | { name: 'queue'; id: number }
  | { name: 'seats'; id: number }
  | { name: 'confirmation'; id: number; reservationId: string }
  | { name: 'reservations' }
  | { name: 'operator' }
  | { name: 'operatorConsole'; id: number }
  | { name: 'notFound' };

/** The operator's routes (a lazily loaded part of the SPA, linked from no buyer page). */
export type OperatorRoute = Extract<Route, { name: 'operator' | 'operatorConsole' }>;

export const paths = {
  list: () => '/',
  performance: (id: number) => `/performances/${id}`,
  queue: (id: number) => `/performances/${id}/queue`,
  seats: (id: number) => `/performances/${id}/seats`,
  confirmation: (id: number, reservationId: string) =>
    `/performances/${id}/reservations/${encodeURIComponent(reservationId)}`,
  reservations: () => '/reservations',
  operator: () => '/operator',
  operatorConsole: (id: number) => `/operator/performances/${id}`,
};

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'list' };
  if (path === '/reservations') return { name: 'reservations' };
  if (path === '/operator') return { name: 'operator' };
  const op = /^\/operator\/performances\/([1-9]\d{0,17})$/.exec(path);
  if (op) return { name: 'operatorConsole', id: Number(op[1]) };
  const m = /^\/performances\/([1-9]\d{0,17})(?:\/(queue|seats|reservations\/([^/]+)))?$/.exec(path);
  if (!m) return { name: 'notFound' };
  const id = Number(m[1]);
  if (m[2] === 'queue') return { name: 'queue', id };
  if (m[2] === 'seats') return { name: 'seats', id };
  if (m[3]) return { name: 'confirmation', id, reservationId: decodeURIComponent(m[3]) };
  return { name: 'performance', id };
}

/** A one-time note carried to the next page (e.g. why the buyer was sent back to the queue). */
export interface Flash {
  tone: 'info' | 'warning' | 'error' | 'success';
  text: string;
}

interface HistoryState {
  flash?: Flash;
}

const listeners = new Set<() => void>();

export function navigate(to: string, options: { replace?: boolean; flash?: Flash } = {}): void {
  const state: HistoryState = options.flash ? { flash: options.flash } : {};
  if (options.replace) window.history.replaceState(state, '', to);
  else window.history.pushState(state, '', to);
  window.scrollTo(0, 0);
  listeners.forEach((l) => l());
}

/** The flash of the current history entry, shown once: read on mount, then removed from the entry. */
export function useFlash(): Flash | null {
  const [flash] = useState<Flash | null>(() => (window.history.state as HistoryState | null)?.flash ?? null);
  useEffect(() => {
    if ((window.history.state as HistoryState | null)?.flash) window.history.replaceState({}, '', window.location.href);
  }, []);
  return flash;
}

export function useLocation(): string {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const update = () => setPath(window.location.pathname);
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return path;
}

export function Link(props: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const { href, onClick, ...rest } = props;
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}
