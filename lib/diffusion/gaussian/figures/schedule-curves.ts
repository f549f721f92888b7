/** Schedule curves for plots: abar_t and log SNR_t of the linear and cosine schedules, sampled along t. */
import { cosineSchedule, linearSchedule, type NoiseSchedule } from '@/lib/diffusion/gaussian/schedules';

export interface ScheduleCurve {
  kind: 'linear' | 'cosine';
  /** [t, value] pairs, t ascending from 1 to T. */
  alphaBar: [number, number][];
  /** [t, ln(abar / (1 - abar))]: where the signal stops dominating the noise (log SNR = 0). */
  logSnr: [number, number][];
  /** First t where abar drops below 1/2 (signal and noise variances equal). */
  halfway: number;
}

function curve(s: NoiseSchedule, every: number): ScheduleCurve {
  const alphaBar: [number, number][] = [];
  const logSnr: [number, number][] = [];
  for (let t = 1; t <= s.T; t += t === 1 && every > 1 ? every - 1 : every) {
    alphaBar.push([t, s.alphaBars[t]]);
    logSnr.push([t, Math.log(s.snr[t])]);
  }
  if (alphaBar[alphaBar.length - 1][0] !== s.T) {
    alphaBar.push([s.T, s.alphaBars[s.T]]);
    logSnr.push([s.T, Math.log(s.snr[s.T])]);
  }
  let halfway = s.T;
  for (let t = 1; t <= s.T; t++) {
    if (s.alphaBars[t] < 0.5) {
      halfway = t;
      break;
    }
  }
  return { kind: s.kind, alphaBar, logSnr, halfway };
}

/** Both course schedules for T steps, one point every `every` steps (default 10). */
export function scheduleCurves(T = 1000, every = 10): ScheduleCurve[] {
  if (!Number.isInteger(every) || every < 1) throw new Error(`scheduleCurves: every must be a positive integer, got ${every}`);
  return [curve(linearSchedule(T), every), curve(cosineSchedule(T), every)];
}
