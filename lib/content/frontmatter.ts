import { z } from 'zod';

/** A paper a lesson builds on; shown as a link at the end of the lesson. */
const paperSchema = z.object({
  title: z.string().min(1),
  authors: z.string().min(1),
  year: z.number().int().min(1900).max(2100),
  url: z.url(),
});

/** What every lesson's frontmatter must say. Checked at build time; a bad field fails the build. */
export const lessonFrontmatterSchema = z.strictObject({
  title: z.string().min(1),
  summary: z.string().min(10).max(300),
  order: z.number().int().min(0).max(99),
  minutes: z.number().int().min(1).max(180),
  prerequisites: z.array(z.string().regex(/^[a-z0-9-]+$/, 'a lesson slug')).default([]),
  papers: z.array(paperSchema).default([]),
});

export type LessonFrontmatter = z.infer<typeof lessonFrontmatterSchema>;
export type Paper = z.infer<typeof paperSchema>;

/** Validates frontmatter; the error names the file and every bad field with what was expected. */
export function parseLessonFrontmatter(file: string, data: unknown): LessonFrontmatter {
  const result = lessonFrontmatterSchema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.length ? issue.path.join('.') : '(frontmatter)';
    return `field "${field}": ${issue.message}`;
  });
  throw new Error(`${file}: bad lesson frontmatter: ${problems.join('; ')}`);
}
