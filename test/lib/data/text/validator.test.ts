import { describe, expect, it } from 'vitest';
import { checkStory, parseStorySentence, scoreTaskAnswer, splitSentences } from '@/lib/data/text/validator';
import { generateStory } from '@/lib/data/text/stories';
import { generateExamples } from '@/lib/data/text/corpus';
import { createRng } from '@/lib/math/rng';

describe('the story validator', () => {
  it('accepts every generated story as grammatical and consistent', () => {
    const rng = createRng(4);
    for (let i = 0; i < 500; i++) {
      const story = generateStory(rng);
      const check = checkStory(story);
      expect(check.errors, story).toEqual([]);
      expect(check.grammatical && check.consistent).toBe(true);
      const n = splitSentences(story).length;
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(4);
    }
  });

  it('generated stories refer back by pronoun and use 2 or more sentences most of the time', () => {
    const stories = generateExamples({ seed: 8, count: 400, split: 'train', mix: { story: 1, add: 0, rev: 0, sort: 0, kv: 0 } }).map((e) => e.answer);
    expect(stories.filter((s) => / (she|he) /.test(` ${s}`)).length).toBeGreaterThan(100);
    expect(stories.filter((s) => splitSentences(s).length >= 2).length).toBeGreaterThan(300);
  });

  it('parses sentences of the grammar and rejects others', () => {
    expect(parseStorySentence('mia went to the park.')).toEqual({ kind: 'place', subject: 'mia', place: 'park' });
    expect(parseStorySentence('she found a red ball.')).toEqual({ kind: 'find', subject: 'she', adjective: 'red', object: 'ball' });
    expect(parseStorySentence('he gave the ball to tom.')).toEqual({ kind: 'give', subject: 'he', thing: 'ball', recipient: 'tom' });
    expect(parseStorySentence('mia went to park.')).toBeNull();
    expect(parseStorySentence('mia went to the moon.')).toBeNull();
    expect(parseStorySentence('the ball found mia.')).toBeNull();
    expect(parseStorySentence('mia smiled')).toBeNull();
  });

  it('accepts a consistent story', () => {
    expect(checkStory('mia went to the park. she found a red ball. mia gave the ball to tom. he smiled.')).toEqual({ grammatical: true, consistent: true, errors: [] });
  });

  it('flags a pronoun of the wrong gender', () => {
    const c = checkStory('mia went to the park. he found a red ball.');
    expect(c.grammatical).toBe(true);
    expect(c.consistent).toBe(false);
    expect(c.errors[0]).toMatch(/"he" refers to mia, who is "she"/);
  });

  it('flags a pronoun that no longer matches after a new character is mentioned', () => {
    // after "to tom", "she" cannot refer to tom
    expect(checkStory('mia saw a red cat. she gave it to tom. she smiled.').consistent).toBe(false);
  });

  it('flags a pronoun before any name, and objects never introduced', () => {
    expect(checkStory('she went to the park.').errors[0]).toMatch(/before any character is named/);
    expect(checkStory('mia went to the park. she gave it to tom.').errors[0]).toMatch(/before any object/);
    expect(checkStory('mia found a red ball. mia gave the cat to tom.').errors[0]).toMatch(/"the cat" that was never introduced/);
    expect(checkStory('mia found a red ball. mia gave it to mia.').consistent).toBe(false);
  });

  it('flags ungrammatical sentences and empty text', () => {
    const c = checkStory('mia went to the park. ball red a found she.');
    expect(c.grammatical).toBe(false);
    expect(c.consistent).toBe(false);
    expect(c.errors[0]).toMatch(/sentence 2 is not grammatical/);
    expect(checkStory('').grammatical).toBe(false);
  });
});

describe('the task scorer', () => {
  it('scores exact matches 1 and anything else 0', () => {
    expect(scoreTaskAnswer('add:27+58=', '85')).toBe(1);
    expect(scoreTaskAnswer('add:27+58=', '84')).toBe(0);
    expect(scoreTaskAnswer('add:27+58=', '85 ')).toBe(0);
    expect(scoreTaskAnswer('rev:abc=', 'cba')).toBe(1);
    expect(scoreTaskAnswer('sort:cab=', 'abc')).toBe(1);
    expect(scoreTaskAnswer('kv:a=3,b=7?a>', '3')).toBe(1);
    expect(scoreTaskAnswer('kv:a=3,b=7?a>', '7')).toBe(0);
  });

  it('throws on a prompt that is not a task', () => {
    expect(() => scoreTaskAnswer('mia went', 'x')).toThrow(/not a task prompt/);
  });
});
