import type { TurnSignals } from './state/turn';

/** The browser's side of the turn signals (src/state/turn.ts); the sound preference is kept per browser. */
const SOUND_KEY = 'ticketing.turnSound';
let audio: AudioContext | null = null;

export function soundWanted(): boolean {
  try {
    return globalThis.localStorage?.getItem(SOUND_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * Switches the sound on or off. Called from the buyer's click: browsers only let a page play sound
 * after a gesture, so the audio context is made (or resumed) here, to be played later.
 */
export function setSoundWanted(on: boolean): void {
  try {
    globalThis.localStorage?.setItem(SOUND_KEY, on ? '1' : '0');
  } catch {
    // Not kept across reloads then; it still works on this page.
  }
  if (on) unlockAudio();
}

export function unlockAudio(): void {
  const Ctx = globalThis.AudioContext;
  if (!Ctx) return;
  audio ??= new Ctx();
  void audio.resume().catch(() => {});
}

function chime(): void {
  if (!audio) unlockAudio();
  if (!audio) return;
  const start = audio.currentTime;
  for (const [i, frequency] of [660, 880].entries()) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + i * 0.25);
    gain.gain.exponentialRampToValueAtTime(0.3, start + i * 0.25 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.25 + 0.4);
    osc.connect(gain).connect(audio.destination);
    osc.start(start + i * 0.25);
    osc.stop(start + i * 0.25 + 0.45);
  }
}

/** Asks for notifications when the buyer joins (their click); a refusal changes nothing else. */
export function askNotificationPermission(): void {
  const N = globalThis.Notification;
  if (!N || N.permission !== 'default') return;
  try {
    void Promise.resolve(N.requestPermission()).catch(() => {});
  } catch {
    // Old Safari's callback form, or a browser that throws: no notifications then.
  }
}

export function browserTurnSignals(): TurnSignals {
  const N = globalThis.Notification;
  const vibrate = typeof navigator !== 'undefined' && typeof navigator.vibrate === 'function';
  return {
    title: { get: () => document.title, set: (t) => (document.title = t) },
    notify:
      N && N.permission === 'granted'
        ? (title, body) => {
            try {
              const n = new N(title, { body, tag: 'ticketing-turn', requireInteraction: true });
              n.onclick = () => {
                window.focus();
                n.close();
              };
            } catch {
              // Chrome on Android only notifies through a service worker: the title and vibration remain.
            }
          }
        : undefined,
    vibrate: vibrate ? (pattern) => void navigator.vibrate(pattern) : undefined,
    playSound: soundWanted() ? chime : undefined,
    onceAttended: (then) => {
      const events = ['pointerdown', 'keydown'] as const;
      const done = () => {
        if (document.visibilityState !== 'visible') return;
        for (const e of events) window.removeEventListener(e, done, true);
        then();
      };
      for (const e of events) window.addEventListener(e, done, true);
    },
  };
}
