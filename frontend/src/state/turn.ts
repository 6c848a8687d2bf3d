/**
 * Telling a buyer who waits in another tab (or with the phone in a pocket) that it is their turn:
 * the tab's title, a browser notification (if they allowed it when joining; never required), a
 * vibration on phones, and a sound if they switched it on. Each signal is optional: a browser
 * without one simply skips it.
 */
export interface TurnSignals {
  title: { get(): string; set(title: string): void };
  /** Present only when notifications are allowed. */
  notify?: (title: string, body: string) => void;
  vibrate?: (pattern: number[]) => void;
  /** Present only when the buyer switched the sound on. */
  playSound?: () => void;
  /** Calls `then` once the buyer is looking at the page and does something (click, key, touch). */
  onceAttended: (then: () => void) => void;
}

export const TURN_TITLE_PREFIX = '★ Your turn — ';
export const VIBRATION = [300, 120, 300];

/** Announces the turn; returns the signals given (for the page and the tests). */
export function announceTurn(performanceName: string, signals: TurnSignals): string[] {
  const given: string[] = [];
  const before = signals.title.get();
  const title = `${TURN_TITLE_PREFIX}choose your seats for ${performanceName}`;
  signals.title.set(title);
  given.push('title');
  // The title says it until the buyer is back and acts, then the page's own title returns.
  signals.onceAttended(() => {
    if (signals.title.get() === title) signals.title.set(before);
  });
  if (signals.notify) {
    signals.notify(`${TURN_TITLE_PREFIX}${performanceName}`, 'Your seat-choosing time has started: come back to choose your seats.');
    given.push('notification');
  }
  if (signals.vibrate) {
    signals.vibrate(VIBRATION);
    given.push('vibration');
  }
  if (signals.playSound) {
    signals.playSound();
    given.push('sound');
  }
  return given;
}
