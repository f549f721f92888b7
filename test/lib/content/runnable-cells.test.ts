import { describe, expect, it } from 'vitest';
import { compileMdx } from '@/lib/content/lessons.server';
import { lessonSlugFromFile, parseRunMeta } from '@/lib/content/runnable-cells';

describe('runnable cells', () => {
  it('reads run, id and check from a fence meta', () => {
    expect(parseRunMeta('run')).toEqual({ run: true, id: null, check: null });
    expect(parseRunMeta('run check=forward-passes id=warmup')).toEqual({ run: true, id: 'warmup', check: 'forward-passes' });
    expect(parseRunMeta('title="x"')).toEqual({ run: false, id: null, check: null });
    expect(parseRunMeta(undefined).run).toBe(false);
  });

  it('rejects unknown options and bad names in a runnable block', () => {
    expect(() => parseRunMeta('run chek=x')).toThrow(/unknown option "chek"/);
    expect(() => parseRunMeta('run check=a/b')).toThrow(/check="a\/b"/);
    expect(() => parseRunMeta('run fast')).toThrow(/unknown word "fast"/);
  });

  it('turns ```ts run blocks into RunnableCell elements with ids, the lesson and the source', async () => {
    const source = [
      'Text.', '', '```ts run', 'show(1 + 1);', '```', '',
      '```ts run check=forward-passes', 'function f() {}', '```', '',
      '```ts', 'const plain = 1;', '```', '',
    ].join('\n');
    const { code } = await compileMdx('00-welcome.mdx', source);
    expect(code).toContain('RunnableCell');
    expect(code).toContain('"cell-1"');
    expect(code).toContain('"cell-2"');
    expect(code).toContain('"forward-passes"');
    expect(code).toContain('"welcome"');
    expect(code).toContain('show(1 + 1);');
    // The plain block stays highlighted code.
    expect(code).toMatch(/hljs/);
  });

  it('fails the build on duplicate ids and on a runnable block in another language', async () => {
    const dup = '```ts run id=a\n1\n```\n\n```ts run id=a\n2\n```\n';
    await expect(compileMdx('01-x.mdx', dup)).rejects.toThrow(/share the id "a"/);
    await expect(compileMdx('01-x.mdx', '```py run\nprint(1)\n```\n')).rejects.toThrow(/must be ```ts run/);
  });

  it('takes the lesson slug from the file name', () => {
    expect(lessonSlugFromFile('00-welcome.mdx')).toBe('welcome');
    expect(lessonSlugFromFile('12-block-diffusion.mdx')).toBe('block-diffusion');
  });
});
