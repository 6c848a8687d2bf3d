import { describe, expect, it } from 'vitest';
import { announceTurn, TURN_TITLE_PREFIX, VIBRATION, type TurnSignals } from './turn';

function fakeSignals(options: { notify?: boolean; vibrate?: boolean; sound?: boolean } = {}) {
  let title = 'Harbour Box Office';
  const notifications: Array<[string, string]> = [];
  const vibrations: number[][] = [];
  let sounds = 0;
  let attended: (() => void) | null = null;
  const signals: TurnSignals = {
    title: { get: () => title, set: (t) => (title = t) },
    notify: options.notify ? (t, b) => notifications.push([t, b]) : undefined,
    vibrate: options.vibrate ? (p) => vibrations.push(p) : undefined,
    playSound: options.sound ? () => sounds++ : undefined,
    onceAttended: (then) => (attended = then),
  };
  return {
    signals,
    title: () => title,
    setTitle: (t: string) => (title = t),
    notifications,
    vibrations,
    sounds: () => sounds,
    attend: () => attended?.(),
  };
}

describe('announceTurn', () => {
  it('changes the title, notifies, vibrates and plays the sound when each is available', () => {
    const f = fakeSignals({ notify: true, vibrate: true, sound: true });
    expect(announceTurn('Aurora Live', f.signals)).toEqual(['title', 'notification', 'vibration', 'sound']);
    expect(f.title()).toBe(`${TURN_TITLE_PREFIX}choose your seats for Aurora Live`);
    expect(f.notifications).toHaveLength(1);
    expect(f.notifications[0]![0]).toBe(`${TURN_TITLE_PREFIX}Aurora Live`);
    expect(f.vibrations).toEqual([VIBRATION]);
    expect(f.sounds()).toBe(1);
  });

  it('without permission or sound it still changes the title, and nothing else is required', () => {
    const f = fakeSignals();
    expect(announceTurn('Aurora Live', f.signals)).toEqual(['title']);
    expect(f.title().startsWith(TURN_TITLE_PREFIX)).toBe(true);
  });

  it('gives the page its own title back once the buyer is back and acts, unless the page changed it meanwhile', () => {
    const f = fakeSignals();
    announceTurn('Aurora Live', f.signals);
    f.attend();
    expect(f.title()).toBe('Harbour Box Office');

    const g = fakeSignals();
    announceTurn('Aurora Live', g.signals);
    g.setTitle('Confirmation');
    g.attend();
    expect(g.title()).toBe('Confirmation');
  });
});
