// Beep and vibration per scanned code (docs/DESIGN.md §2 inspector). Browsers only let audio start from a
// user gesture, so unlockAudio() must run in a tap handler before the first beep; without it (or
// without WebAudio) beeps are silent no-ops. vibrate() is feature-detected (absent on iOS).

import type { Feedback } from './contract';

type AudioContextClass = typeof AudioContext;

export function createFeedback(env: { AudioContext?: AudioContextClass; navigator?: Pick<Navigator, 'vibrate'> } = {}): Feedback {
  const Ctx = env.AudioContext ?? (globalThis as { AudioContext?: AudioContextClass; webkitAudioContext?: AudioContextClass }).AudioContext ??
    (globalThis as { webkitAudioContext?: AudioContextClass }).webkitAudioContext;
  const nav = env.navigator ?? (globalThis.navigator as Pick<Navigator, 'vibrate'> | undefined);
  let audio: AudioContext | null = null;

  return {
    unlockAudio() {
      if (!Ctx) return;
      try {
        audio ??= new Ctx();
        if (audio.state === 'suspended') void audio.resume().catch(() => undefined);
      } catch {
        audio = null;
      }
    },
    beep(kind = 'ok') {
      if (!audio || audio.state !== 'running') return;
      const t = audio.currentTime;
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = 'sine';
      osc.frequency.value = kind === 'ok' ? 1760 : 330;
      // A short envelope avoids the click of a hard start and stop.
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.3, t + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + (kind === 'ok' ? 0.12 : 0.3));
      osc.connect(gain).connect(audio.destination);
      osc.start(t);
      osc.stop(t + 0.32);
    },
    vibrate(pattern = 60) {
      if (typeof nav?.vibrate !== 'function') return false;
      try {
        return nav.vibrate(pattern);
      } catch {
        return false;
      }
    },
  };
}
