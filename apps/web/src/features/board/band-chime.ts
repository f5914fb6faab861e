import type { Band } from '@handover/domain';
import { useState } from 'react';

/**
 * An optional chime when a waiting patient crosses into a worse band. Off by default: a kiosk turns it
 * on with `?chime=on` in its link (browsers also need to allow autoplay), a person with the button.
 */
const PREFERENCE_KEY = 'handover.board.chime';

export function initialChimePreference(search: string = window.location.search): boolean {
  const fromLink = new URLSearchParams(search).get('chime');
  if (fromLink !== null) return fromLink === 'on' || fromLink === '1';
  try {
    return localStorage.getItem(PREFERENCE_KEY) === 'on';
  } catch {
    return false;
  }
}

export function useChimePreference(): [boolean, (on: boolean) => void] {
  const [enabled, setEnabled] = useState(() => initialChimePreference());
  const set = (on: boolean) => {
    setEnabled(on);
    try {
      localStorage.setItem(PREFERENCE_KEY, on ? 'on' : 'off');
    } catch {
      // The preference then lasts for this page only.
    }
    if (on) playChime('over_15');
  };
  return [enabled, set];
}

let audio: AudioContext | undefined;

/** Two short tones; more of them for worse bands. Silent where audio is unavailable. */
export function playChime(band: Band): void {
  if (band === 'on_target' || typeof AudioContext === 'undefined') return;
  audio ??= new AudioContext();
  const repeats = band === 'over_15' ? 1 : band === 'over_30' ? 2 : 3;
  const start = audio.currentTime + 0.05;
  for (let i = 0; i < repeats; i++) {
    tone(audio, 880, start + i * 0.5, 0.18);
    tone(audio, 660, start + i * 0.5 + 0.2, 0.22);
  }
}

function tone(context: AudioContext, frequency: number, at: number, length: number): void {
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.frequency.value = frequency;
  gain.gain.setValueAtTime(0.0001, at);
  gain.gain.exponentialRampToValueAtTime(0.3, at + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, at + length);
  oscillator.connect(gain).connect(context.destination);
  oscillator.start(at);
  oscillator.stop(at + length + 0.02);
}
