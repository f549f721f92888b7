import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMBEDS, EMBED_IDS, embedPropsFromQuery, isEmbedId, suggestEmbeds } from '@/lib/content/embeds';
import { REGISTERED_COMPONENTS } from '@/lib/content/registered-components';
import { listLessons, LESSONS_DIR } from '@/lib/content/lessons.server';

describe('the table of embeddable widgets', () => {
  it('names registered components, each used in the written lesson it points to', async () => {
    const lessons = await listLessons();
    for (const id of EMBED_IDS) {
      const spec = EMBEDS[id];
      expect(REGISTERED_COMPONENTS).toContain(spec.component);
      const lesson = lessons.find((l) => l.slug === spec.lesson);
      expect(lesson, `${id}: lesson ${spec.lesson}`).toBeDefined();
      const source = await readFile(path.join(LESSONS_DIR, lesson!.file), 'utf8');
      expect(source, `${id} in ${lesson!.file}`).toMatch(new RegExp(`<${spec.component}[\\s/>]`));
    }
  });

  it('uses ids that are safe in a path', () => {
    for (const id of EMBED_IDS) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(isEmbedId('dllm-race')).toBe(true);
    expect(isEmbedId('toString')).toBe(false);
  });
});

describe('embed settings from the address', () => {
  it('passes a valid setting and the page-wide backend through', () => {
    const { props, problems } = embedPropsFromQuery('dllm-race', [['method', 'mdlm-vanilla'], ['backend', 'wasm']]);
    expect(props).toEqual({ method: 'mdlm-vanilla' });
    expect(problems).toEqual([]);
  });

  it('names a bad value and an unknown setting, and drops both', () => {
    const { props, problems } = embedPropsFromQuery('dllm-race', [['method', 'warp-drive'], ['speed', '11']]);
    expect(props).toEqual({});
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('“warp-drive” is not a valid method');
    expect(problems[0]).toContain('bd3-prefix-cache-threshold');
    expect(embedPropsFromQuery('dllm-race', [['method', 'ar-kv']]).problems[0]).toContain('“ar-kv” is not a valid method');
    expect(problems[1]).toBe('“speed” is not a setting of this widget (it has: method); ignored.');
  });

  it('says a widget without settings has none', () => {
    expect(embedPropsFromQuery('noise-explorer', [['t', '0.5']]).problems).toEqual(['“t” is not a setting of this widget (it has none); ignored.']);
  });

  it('suggests the closest ids for a mistyped one', () => {
    expect(suggestEmbeds('noise-explorr')[0]).toBe('noise-explorer');
    expect(suggestEmbeds('dllm-racer', 1)).toEqual(['dllm-race']);
  });
});
