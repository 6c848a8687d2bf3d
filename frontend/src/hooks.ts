import { useEffect, useState } from 'react';

/** The current time, re-read every `ms` (for countdowns). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

export type Loadable<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; error: unknown };

/** Loads once per `key`; `reload` tries again. */
export function useLoad<T>(load: () => Promise<T>, key: string): [Loadable<T>, () => void] {
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<{ key: string; value: Loadable<T> }>({ key: '', value: { state: 'loading' } });
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setResult({ key: `${key}#${attempt}`, value: { state: 'ready', value } }),
      (error: unknown) => live && setResult({ key: `${key}#${attempt}`, value: { state: 'failed', error } }),
    );
    return () => {
      live = false;
    };
    // `load` is a fresh closure each render; `key` says when it means something new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt]);
  const current = result.key === `${key}#${attempt}` ? result.value : { state: 'loading' as const };
  return [current, () => setAttempt((a) => a + 1)];
}

/** Re-renders when another tab changes localStorage. */
export function useStorageVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const onStorage = () => setVersion((v) => v + 1);
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);
  return version;
}
