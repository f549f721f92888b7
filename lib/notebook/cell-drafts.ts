/**
 * A reader's edits to a lesson's code cells, kept between visits: one stored entry per lesson and
 * cell. Pure: the page stores the text (components/notebook/use-cell-draft.ts). A draft remembers a
 * fingerprint of the code it was edited from; when the lesson's code changes underneath it (a new
 * version of the course), the draft no longer matches its cell and is dropped rather than restored
 * into the wrong code.
 */

const PREFIX = 'marble.draft.';

/** The storage key of one cell's draft. */
export function draftKey(lesson: string, cellId: string): string {
  if (!lesson || !cellId) throw new Error(`draftKey: lesson and cellId must be non-empty, got "${lesson}" and "${cellId}"`);
  return `${PREFIX}${lesson}.${cellId}`;
}

/** A short fingerprint of the original code (FNV-1a, 32 bits, as hex). */
export function codeFingerprint(code: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < code.length; i++) {
    hash ^= code.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** The text to store for `source` edited from `original`, or null when there is nothing to keep. */
export function serializeDraft(source: string, original: string): string | null {
  if (source === original) return null;
  return JSON.stringify({ source, original: codeFingerprint(original) });
}

/** The reader's code to show, given what is stored and the cell's current original code. */
export function restoreDraft(stored: string | null, original: string): string | null {
  if (!stored) return null;
  try {
    const draft = JSON.parse(stored) as { source?: unknown; original?: unknown };
    if (typeof draft.source !== 'string' || draft.original !== codeFingerprint(original)) return null;
    return draft.source;
  } catch {
    return null;
  }
}
