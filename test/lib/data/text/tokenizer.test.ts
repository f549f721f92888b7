import { describe, expect, it } from 'vitest';
import { BOS_ID, EOS_ID, MASK_ID, PAD_ID, VOCAB, VOCAB_SIZE } from '@/lib/data/text/tokenizer';

describe('the character tokenizer', () => {
  it('has [PAD]=0 and distinct special ids below every character id', () => {
    expect(PAD_ID).toBe(0);
    expect(new Set([PAD_ID, MASK_ID, EOS_ID, BOS_ID]).size).toBe(4);
    expect(Math.min(...VOCAB.encode(VOCAB.alphabet))).toBeGreaterThan(Math.max(PAD_ID, MASK_ID, EOS_ID, BOS_ID));
    expect(VOCAB.size).toBe(VOCAB_SIZE);
    expect(VOCAB_SIZE).toBe(4 + VOCAB.alphabet.length);
  });

  it('round-trips every character of the corpus alphabet', () => {
    const text = 'mia went to the park. add:27+58=85 kv:a=3,b=7?b>7 rev:abc=cba|';
    expect(VOCAB.decode(VOCAB.encode(text))).toBe(text);
  });

  it('encode throws naming the unknown character and its index', () => {
    expect(() => VOCAB.encode('abC')).toThrow(/unknown character "C" at index 2/);
    expect(() => VOCAB.encode('a!')).toThrow(/"!"/);
  });

  it('decode stops at [EOS], shows [MASK] as _ and drops other specials unless asked', () => {
    const ids = [BOS_ID, ...VOCAB.encode('ab'), MASK_ID, EOS_ID, ...VOCAB.encode('zz')];
    expect(VOCAB.decode(ids)).toBe('ab_');
    expect(VOCAB.decode(ids, { stopAtEos: false })).toBe('ab_zz');
    expect(VOCAB.decode(ids, { showSpecial: true })).toBe('[BOS]ab[MASK]');
    expect(() => VOCAB.decode([999])).toThrow(/id must be an integer/);
  });
});
