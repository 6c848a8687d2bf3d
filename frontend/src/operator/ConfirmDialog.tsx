import { useEffect, useRef } from 'react';
import type { Confirmation } from './actions';

/**
 * Asks before an action is sent: what will happen, and the figure it changes (current → new).
 * A modal `<dialog>`: focus moves in (to Cancel, the choice that changes nothing), stays in, Escape
 * cancels, and focus goes back to the button that opened it.
 */
export function ConfirmDialog(props: { confirmation: Confirmation; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const { confirmation: c, busy } = props;

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    cancel.current?.focus();
    return () => {
      if (d?.open) d.close();
      opener?.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-effect"
      data-testid="confirm-dialog"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) props.onCancel();
      }}
    >
      <h2 id="confirm-title">{c.title}</h2>
      <p id="confirm-effect">{c.effect}</p>
      <dl className="confirm-change">
        <dt>{c.change.label} now</dt>
        <dd data-testid="confirm-current">{c.change.current}</dd>
        <dt>{c.change.label} after</dt>
        <dd data-testid="confirm-next">{c.change.next}</dd>
      </dl>
      <div className="actions">
        <button ref={cancel} type="button" className="button" onClick={props.onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="button" className={`button ${c.destructive ? 'danger' : 'primary'}`} onClick={props.onConfirm} disabled={busy}>
          {busy ? 'Sending…' : c.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
