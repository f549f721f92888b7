/**
 * A plain-text guard for lessons: figures about the shipped models or the benchmark (accuracy,
 * tokens per second, speed-ups) must be rendered by <Measured fact="..."/>, never typed, or a
 * retrain leaves the prose stale. This finds sentences that pair such a word with a typed
 * percentage or ratio. Sentences that name their source as a paper are allowed (papers' numbers
 * do not change when we retrain). Deliberately simple: a nudge, not a parser.
 */

export interface HandTypedFigure {
  line: number;
  sentence: string;
}

const SPEED_OR_QUALITY = /\b(accura(?:cy|te)|tok\/s|tokens per second|speed-?ups?|faster|slower)\b/i;
// 45%, 0.95x, 2×, 31.3x: a percentage or a ratio written as digits.
const TYPED_FIGURE = /\b\d+(?:\.\d+)?\s?(?:%|×|x\b)/;
const CITES_A_PAPER = /\b(paper|reports?|reported|et al\.|Table \d)/i;

/** Removes code blocks, <Measured/> tags and inline code, keeping line numbers. */
function prose(text: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  return text
    .replace(/^```[\s\S]*?^```/gm, blank)
    .replace(/<Measured\b[^>]*\/>/g, blank)
    .replace(/`[^`\n]*`/g, blank);
}

/** Sentences of an MDX lesson that type a speed or accuracy figure by hand. */
export function findHandTypedFigures(mdx: string): HandTypedFigure[] {
  const text = prose(mdx);
  const found: HandTypedFigure[] = [];
  // Sentences end at . ! ? followed by white space (so 2.4x stays whole), or at a blank line.
  const sentence = /(?:[^.!?]|[.!?](?!\s|$))+(?:[.!?]|$)/g;
  for (const paragraph of text.split(/\n\s*\n/)) {
    const offset = text.indexOf(paragraph);
    for (const m of paragraph.matchAll(sentence)) {
      const s = m[0];
      if (SPEED_OR_QUALITY.test(s) && TYPED_FIGURE.test(s) && !CITES_A_PAPER.test(s)) {
        const line = text.slice(0, offset + (m.index ?? 0)).split('\n').length + (s.match(/^\s*/)?.[0].split('\n').length ?? 1) - 1;
        found.push({ line, sentence: s.trim().replace(/\s+/g, ' ') });
      }
    }
  }
  return found;
}
