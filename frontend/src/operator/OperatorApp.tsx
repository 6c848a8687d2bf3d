import { useEffect, useRef, useSyncExternalStore } from 'react';
import { Link, paths, useLocation, type OperatorRoute } from '../router';
import { ConsolePage } from './ConsolePage';
import { LoginPage } from './LoginPage';
import { PickerPage } from './PickerPage';
import { sessionStore } from './session';
import operatorCss from './operator.css?inline';

// The chunk brings its own styles: a stylesheet beside a lazy chunk would add Vite's preload helper
// (about 0.6 KB compressed) to the buyers' bundle; this way the buyer pages load only the import().
const style = document.createElement('style');
style.textContent = operatorCss;
document.head.append(style);

/** The operator console: sign-in, the performance picker and one performance's live console. */
export default function OperatorApp(props: { route: OperatorRoute }) {
  const session = useSyncExternalStore(sessionStore.subscribe, sessionStore.snapshot);
  const path = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    // Drop the token when its expiry passes, even with no request to be refused.
    if (!session || !Number.isFinite(session.expiresAt)) return;
    const id = setTimeout(() => sessionStore.current(), Math.min(Math.max(0, session.expiresAt - Date.now()), 2 ** 31 - 1));
    return () => clearTimeout(id);
  }, [session]);

  useEffect(() => {
    // The tab says which app it is: an operator keeps the console open beside buyer tabs.
    const before = document.title;
    document.title = 'Operator console · Harbour Box Office';
    return () => {
      document.title = before;
    };
  }, []);

  const signedIn = session !== null;
  useEffect(() => {
    // A new page (or signing in or out) moves focus to it, as a full load would.
    if (first.current) first.current = false;
    else main.current?.focus({ preventScroll: true });
  }, [path, signedIn]);

  const { route } = props;
  let page;
  if (!session) page = <LoginPage reason={sessionStore.signedOutReason()} />;
  else if (route.name === 'operator') page = <PickerPage />;
  else page = <ConsolePage key={route.id} id={route.id} session={session} />;

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header operator-header">
        <Link href={paths.operator()} className="brand">
          <span aria-hidden="true">♪</span> Harbour Box Office · Operator console
        </Link>
        {session && (
          <div className="operator-who">
            Signed in as <strong data-testid="operator-name">{session.operator}</strong>
            <button type="button" className="button small inverse" onClick={() => sessionStore.drop('signedOut')}>
              Sign out
            </button>
          </div>
        )}
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {page}
      </main>
    </>
  );
}
