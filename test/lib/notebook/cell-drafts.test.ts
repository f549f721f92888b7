import { describe, expect, it } from 'vitest';
import { codeFingerprint, draftKey, restoreDraft, serializeDraft } from '@/lib/notebook/cell-drafts';

const original = 'const length = 64;\nshow(length);';

describe('cell drafts', () => {
  it('keys a draft by lesson and cell, and refuses empty names', () => {
    expect(draftKey('welcome', 'cell-1')).toBe('marble.draft.welcome.cell-1');
    expect(() => draftKey('', 'cell-1')).toThrow('draftKey: lesson and cellId must be non-empty');
  });

  it('fingerprints code with FNV-1a', () => {
    expect(codeFingerprint('')).toBe('811c9dc5');
    expect(codeFingerprint('a')).toBe('e40c292c'); // the published FNV-1a 32-bit value of "a"
    expect(codeFingerprint(original)).not.toBe(codeFingerprint(original + ' '));
  });

  it('stores an edit, stores nothing for the original, and restores the edit', () => {
    expect(serializeDraft(original, original)).toBeNull();
    const stored = serializeDraft('show(1 + 1);', original);
    expect(restoreDraft(stored, original)).toBe('show(1 + 1);');
  });

  it('drops a draft made from other code, or a broken one', () => {
    const stored = serializeDraft('show(1 + 1);', original);
    expect(restoreDraft(stored, 'const length = 128;')).toBeNull();
    expect(restoreDraft('{broken', original)).toBeNull();
    expect(restoreDraft(JSON.stringify({ source: 3, original: codeFingerprint(original) }), original)).toBeNull();
    expect(restoreDraft(null, original)).toBeNull();
  });
});
