'use client';
/**
 * The linear and cosine schedules side by side: abar_t and log SNR_t against t, with a table of values
 * (the text alternative) and a t marker the reader can move.
 *
 * Usage in MDX: <ScheduleCurves />
 */
import { useCallback, useId, useMemo, useState } from 'react';
import { scheduleCurves } from '@/lib/diffusion/gaussian/figures/schedule-curves';
import { cosineSchedule, linearSchedule } from '@/lib/diffusion/gaussian/schedules';
import { renderLineChart } from '@/components/viz/line-chart';
import { SvgFigure } from '@/components/widgets/shared/svg-figure';

export function ScheduleCurves() {
  const id = useId();
  const [t, setT] = useState(500);
  const curves = useMemo(() => scheduleCurves(1000, 5), []);
  const schedules = useMemo(() => [linearSchedule(), cosineSchedule()], []);
  const drawAbar = useCallback((svg: SVGSVGElement, width: number) => renderLineChart(svg, curves.map((c) => ({ name: c.kind, points: c.alphaBar, tone: c.kind })), { width, xLabel: 't', yLabel: 'ᾱ_t', yDomain: [0, 1], markerX: t }), [curves, t]);
  const drawSnr = useCallback((svg: SVGSVGElement, width: number) => renderLineChart(svg, curves.map((c) => ({ name: c.kind, points: c.logSnr, tone: c.kind })), { width, xLabel: 't', yLabel: 'log SNR_t', markerX: t }), [curves, t]);
  return (
    <section className="widget diffusion-widget" aria-labelledby={`${id}-title`} data-testid="schedule-curves">
      <h3 id={`${id}-title`}>Linear vs cosine schedule</h3>
      <label className="diffusion-controls__wide">
        Marker at t = <output>{t}</output>
        <input type="range" min={1} max={1000} value={t} onChange={(e) => setT(Number(e.target.value))} />
      </label>
      <div className="diffusion-row">
        <SvgFigure draw={drawAbar} label="abar_t against t for the linear and cosine schedules" caption={`ᾱ_t: the linear schedule drops below ½ at t = ${curves[0].halfway}, the cosine one only at t = ${curves[1].halfway}.`} />
        <SvgFigure draw={drawSnr} label="log signal-to-noise ratio against t" caption="log SNR_t = ln(ᾱ_t / (1 − ᾱ_t)). Zero is where signal and noise variances are equal." />
      </div>
      <table className="data-table" data-testid="schedule-table">
        <caption>Values at the marker and at a few fixed steps</caption>
        <thead>
          <tr><th scope="col">t</th><th scope="col">ᾱ_t linear</th><th scope="col">ᾱ_t cosine</th><th scope="col">log SNR linear</th><th scope="col">log SNR cosine</th></tr>
        </thead>
        <tbody>
          {[...new Set([t, 100, 250, 500, 750, 1000])].map((step) => (
            <tr key={step}>
              <th scope="row">{step}</th>
              {schedules.map((s) => <td key={s.kind}>{s.alphaBars[step].toPrecision(3)}</td>)}
              {schedules.map((s) => <td key={`${s.kind}-snr`}>{Math.log(s.snr[step]).toFixed(2)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
