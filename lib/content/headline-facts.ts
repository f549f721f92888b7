/**
 * The headline claims of the README and the course map, written from the benchmark facts (never typed
 * by hand): what the small diffusion LM does against its autoregressive twin, on which answers, and
 * where it does not win. Empty when there is no benchmark yet.
 */
import type { Facts } from './measured-facts';

const SETS = [
  { set: 'stretch', what: 'long answers (160-240 tokens, genLength 256)' },
  { set: 'copy', what: 'medium answers (24-40 tokens, genLength 64)' },
  { set: 'tasks', what: 'short answers (1-8 tokens: add, rev, sort, kv)' },
] as const;

export interface HeadlineLine { set: string; text: string }

/** One line per answer length: the best cached + parallel method's speed and accuracy next to the twin's. */
export function headlineLines(facts: Facts): HeadlineLine[] {
  const lines: HeadlineLine[] = [];
  for (const { set, what } of SETS) {
    const f = (k: string) => facts[`bench.${set}.${k}`]?.display;
    const method = f('best.method');
    if (!method || !f('best.vsArKv') || !f('best.accuracy') || !f('ar-kv.accuracy')) continue;
    lines.push({ set, text: `${what}: \`${method}\` runs at ${f('best.vsArKv')} the AR twin's tokens per second (${f('best.tokensPerPass')} tokens per pass), exact match ${f('best.accuracy')} vs ${f('ar-kv.accuracy')} for the twin` });
  }
  return lines;
}

export const README_START = '<!-- measured:start — written by npm run bench:dllm from bench-results/dllm.json; do not edit by hand -->';
export const README_END = '<!-- measured:end -->';

/** The README's measured block (markdown), between its markers. */
export function readmeMeasuredBlock(facts: Facts): string {
  const lines = headlineLines(facts);
  const source = facts['bench.goals.met']?.source ?? 'bench-results/dllm.json';
  const body = lines.length
    ? [`What the benchmark measured (${source}; goals met: ${facts['bench.goals.met']?.display ?? '-'}):`, '', ...lines.map((l) => `- On ${l.text}.`)]
    : ['No benchmark has been run yet: `npm run bench:dllm` writes one.'];
  return [README_START, ...body, README_END].join('\n');
}

/** README text with its measured block replaced (throws when the markers are missing). */
export function withReadmeMeasuredBlock(readme: string, facts: Facts): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error('README.md has no measured block (the measured:start / measured:end markers)');
  return readme.slice(0, start) + readmeMeasuredBlock(facts) + readme.slice(end + README_END.length);
}
