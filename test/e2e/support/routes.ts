import { readdirSync } from 'node:fs';
import path from 'node:path';
import { EMBED_IDS } from '@/lib/content/embeds';

/** The lessons that exist (content/lessons/NN-slug.mdx), by slug. */
export function lessonSlugs(): string[] {
  return readdirSync(path.resolve('content/lessons'))
    .map((file) => /^\d+-(.+)\.mdx$/.exec(file)?.[1])
    .filter((slug): slug is string => Boolean(slug))
    .sort();
}

/** Every page a reader can open: the map, each lesson and its slides, the lab, the playground, every embed. */
export function everyRoute(): string[] {
  const lessons = lessonSlugs();
  return [
    '/',
    ...lessons.map((slug) => `/lessons/${slug}`),
    ...lessons.map((slug) => `/lessons/${slug}/present`),
    '/lab/dllm',
    '/playground',
    ...EMBED_IDS.map((id) => `/embed/${id}`),
  ];
}
