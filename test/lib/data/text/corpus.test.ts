import { describe, expect, it } from 'vitest';
import {
  encodeBatch, encodeExample, exampleStream, generateExample, generateExamples, hashText, maxTokensOfMix, splitOf, EXAMPLE_KINDS, MAX_TOKENS, SEQ_LEN, type Example,
} from '@/lib/data/text/corpus';
import { lookupQueryFirst, solveTask, TASK_NAMES, generateTask } from '@/lib/data/text/tasks';
import { createRng } from '@/lib/math/rng';
import { BOS_ID, EOS_ID, PAD_ID } from '@/lib/data/text/tokenizer';

const key = (e: Example) => e.prompt + e.answer;

describe('the text corpus', () => {
  it('is reproducible from its seed', () => {
    expect(generateExamples({ seed: 5, count: 50, split: 'train' })).toEqual(generateExamples({ seed: 5, count: 50, split: 'train' }));
    expect(generateExamples({ seed: 5, count: 50, split: 'train' })).not.toEqual(generateExamples({ seed: 6, count: 50, split: 'train' }));
  });

  it('train and held-out sets never share an instance, whatever the seeds', () => {
    const train = new Set(generateExamples({ seed: 1, count: 3000, split: 'train' }).map(key));
    const heldout = generateExamples({ seed: 1, count: 500, split: 'heldout' });
    expect(heldout.every((e) => splitOf(e) === 'heldout')).toBe(true);
    expect(heldout.filter((e) => train.has(key(e)))).toEqual([]);
    const stream = exampleStream(99, 'train');
    for (let i = 0; i < 300; i++) expect(splitOf(stream())).toBe('train');
  });

  it('the split is a pure function of the text (stable hash)', () => {
    expect(hashText('')).toBe(0x811c9dc5);
    expect(hashText('a')).toBe(0xe40c292c); // FNV-1a reference value
    const e: Example = { kind: 'add', prompt: 'add:1+2=', answer: '3' };
    expect(splitOf(e)).toBe(splitOf({ ...e }));
  });

  it('mixes stories and every task, and every example fits the sequence', () => {
    const examples = generateExamples({ seed: 2, count: 1000, split: 'train' });
    const kinds = new Set(examples.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(['add', 'kv', 'rev', 'sort', 'story']);
    for (const e of examples) expect(encodeExample(e).length).toBeLessThanOrEqual(SEQ_LEN);
  });

  it('every generated task answer is the exact answer of its prompt', () => {
    const rng = createRng(3);
    for (const task of TASK_NAMES) {
      for (let i = 0; i < 200; i++) {
        const t = generateTask(task, rng);
        expect(solveTask(t.prompt)).toEqual({ task, answer: t.answer });
      }
    }
    expect(solveTask('add:27+58=')).toEqual({ task: 'add', answer: '85' });
    // digit-aligned prompts (the generator's) ask for a digit-aligned sum
    expect(solveTask('add:027+958=')).toEqual({ task: 'add', answer: '0985' });
    expect(solveTask('copy:abcxyz=')).toEqual({ task: 'copy', answer: 'abcxyz' });
    expect(solveTask('stretch:ab=')).toEqual({ task: 'stretch', answer: 'aaaaaaaabbbbbbbb' });
    expect(solveTask('rev:abc=')?.answer).toBe('cba');
    expect(solveTask('sort:dbca=')?.answer).toBe('abcd');
    expect(solveTask('kv:a=3,b=7,c=1?b>')?.answer).toBe('7');
    expect(solveTask('kv:a=3,a=7?a>')).toBeNull();
    // The query-first lookup format of the lookup sweep: same length, same answer.
    expect(lookupQueryFirst('kv:a=3,b=7,c=1?b>')).toBe('kv?b:a=3,b=7,c=1>');
    expect(solveTask('kv?b:a=3,b=7,c=1>')?.answer).toBe('7');
    expect(solveTask('kv?a:a=3,a=7>')).toBeNull();
    expect(lookupQueryFirst('rev:abc=')).toBe('rev:abc=');
    expect(solveTask('hello')).toBeNull();
  });

  it('long-answer families have the lengths their canvases are sized for, and MAX_TOKENS bounds every kind', () => {
    const rng = createRng(11);
    const lengths = { copy: new Set<number>(), stretch: new Set<number>() };
    for (const kind of EXAMPLE_KINDS) {
      let longest = 0;
      for (let i = 0; i < 400; i++) {
        const e = generateExample(kind, rng);
        longest = Math.max(longest, encodeExample(e, 320).length);
        if (kind === 'copy' || kind === 'stretch') lengths[kind].add(e.answer.length);
      }
      expect(longest, kind).toBeLessThanOrEqual(MAX_TOKENS[kind]);
      if (kind !== 'story') expect(longest, kind).toBeGreaterThan(MAX_TOKENS[kind] - 4); // the bound is tight
    }
    expect([...lengths.copy].sort()).toEqual([24, 32, 40]);
    expect([...lengths.stretch].sort((a, b) => a - b)).toEqual([160, 200, 240]);
    // a stretch prompt plus its 256-token canvas fits the models' 320 positions
    expect(MAX_TOKENS.stretch - 242 + 256).toBeLessThanOrEqual(320);
    expect(maxTokensOfMix({ add: 1, kv: 1 })).toBe(MAX_TOKENS.kv);
  });

  it('refuses a mix whose shares do not sum to 1 (the cumulative draw would starve the last kinds)', () => {
    expect(() => generateExamples({ seed: 1, count: 4, split: 'train', mix: { add: 1, rev: 1 } })).toThrow(/mix shares must sum to 1, got 2/);
    expect(() => exampleStream(1, 'train', { story: 0.2, add: 0.3, rev: 0.2, sort: 0.2, kv: 0.3 })).toThrow(/sum to 1, got 1.2/);
    const even = generateExamples({ seed: 1, count: 400, split: 'train', mix: { add: 0.25, rev: 0.25, sort: 0.25, kv: 0.25 } });
    for (const kind of ['add', 'rev', 'sort', 'kv']) expect(even.filter((e) => e.kind === kind).length).toBeGreaterThan(70);
  });

  it('encodes as [BOS] prompt answer [EOS] then [PAD], with the answer start marked', () => {
    const enc = encodeExample({ kind: 'add', prompt: 'add:1+2=', answer: '3' }, 16);
    expect(enc.tokens[0]).toBe(BOS_ID);
    expect(enc.answerStart).toBe(9);
    expect(enc.length).toBe(11);
    expect(enc.tokens[10]).toBe(EOS_ID);
    expect(Array.from(enc.tokens.slice(11))).toEqual([PAD_ID, PAD_ID, PAD_ID, PAD_ID, PAD_ID]);
    expect(() => encodeExample({ kind: 'rev', prompt: 'rev:abcdefgh=', answer: 'hgfedcba' }, 8)).toThrow(/more than seqLen 8/);
    const batch = encodeBatch([{ kind: 'story', prompt: '', answer: 'mia smiled.' }, { kind: 'add', prompt: 'add:1+2=', answer: '3' }], 16);
    expect(Array.from(batch.answerStart)).toEqual([1, 9]);
    expect(batch.tokens.length).toBe(32);
    expect(() => encodeBatch([])).toThrow(/examples must not be empty/);
    expect(() => generateExamples({ seed: 1, count: -1, split: 'train' })).toThrow(/count/);
  });
});
