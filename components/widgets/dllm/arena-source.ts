/**
 * What the decoder arena sends to the cell worker, and how it reads the points back: the reader's
 * code followed by one race call whose report prints each point as a tagged JSON line. Pure, so
 * the page and the tests share it.
 */
import type { ArenaPoint } from '@/lib/dllm/arena/race';

export const ARENA_TAG = '§arena-point ';
export const RULE_FUNCTION = 'chooseCommits';

export const STARTER_RULE = `// Your unmasking rule. Each pass it gets the still-masked positions of the current block
// (pass.candidates: { position, confidence, entropy, top: [{ text, prob }, ...] })
// and returns the positions to commit now (at least one).
function ${RULE_FUNCTION}(pass) {
  const sure = pass.candidates.filter((c) => c.confidence > 0.8);
  if (sure.length > 0) return sure.map((c) => c.position);
  // nothing is sure: commit the single most confident position
  const best = pass.candidates.reduce((a, b) => (b.confidence > a.confidence ? b : a));
  return [best.position];
}
`;

export function arenaSource(code: string, tasks: number, builtins: boolean): string {
  return `${code}
;await marble.arena.race(typeof ${RULE_FUNCTION} === 'function' ? ${RULE_FUNCTION} : undefined, { tasks: ${tasks}, builtins: ${builtins}, report: (p) => console.log(${JSON.stringify(ARENA_TAG)} + JSON.stringify(p)) });
`;
}

/** The arena point a log line carries, or null for any other line (the reader's own logs). */
export function parseArenaLine(text: string): ArenaPoint | null {
  if (!text.startsWith(ARENA_TAG)) return null;
  try {
    const p = JSON.parse(text.slice(ARENA_TAG.length)) as ArenaPoint;
    return typeof p?.name === 'string' && typeof p.accuracy === 'number' && typeof p.tokensPerPass === 'number' ? p : null;
  } catch {
    return null;
  }
}
