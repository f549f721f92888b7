/**
 * The reader's progress through the course: which lessons were opened and which exercises passed.
 * Pure functions over a plain value; components/hooks/use-progress.ts keeps it in localStorage.
 */
export interface LessonProgress {
  /** When the lesson was first opened (ms since epoch). */
  visitedAt: number;
  /** Ids of exercises passed in this lesson. */
  exercisesPassed: string[];
  /** Prediction questions answered in this lesson: the option the reader committed to, and whether it was right. */
  predictions: Record<string, PredictionRecord>;
}

export interface PredictionRecord {
  choice: string;
  right: boolean;
}

export interface CourseProgress {
  version: 1;
  lessons: Record<string, LessonProgress>;
}

export const PROGRESS_STORAGE_KEY = 'marble.progress.v1';

export const EMPTY_PROGRESS: CourseProgress = { version: 1, lessons: {} };

/** Reads stored progress; anything malformed becomes empty progress rather than breaking the page. */
export function parseProgress(raw: string | null): CourseProgress {
  if (!raw) return EMPTY_PROGRESS;
  try {
    const value = JSON.parse(raw) as Partial<CourseProgress>;
    if (value?.version !== 1 || typeof value.lessons !== 'object' || value.lessons === null) return EMPTY_PROGRESS;
    const lessons: Record<string, LessonProgress> = {};
    for (const [slug, entry] of Object.entries(value.lessons)) {
      if (typeof entry?.visitedAt !== 'number') continue;
      const passed = Array.isArray(entry.exercisesPassed) ? entry.exercisesPassed.filter((x): x is string => typeof x === 'string') : [];
      lessons[slug] = { visitedAt: entry.visitedAt, exercisesPassed: passed, predictions: parsePredictions(entry.predictions) };
    }
    return { version: 1, lessons };
  } catch {
    return EMPTY_PROGRESS;
  }
}

// Progress saved before predictions existed has none; a malformed entry is dropped, not fatal.
function parsePredictions(raw: unknown): Record<string, PredictionRecord> {
  const out: Record<string, PredictionRecord> = {};
  if (typeof raw !== 'object' || raw === null) return out;
  for (const [id, r] of Object.entries(raw as Record<string, unknown>)) {
    const rec = r as Partial<PredictionRecord> | null;
    if (typeof rec?.choice === 'string' && typeof rec.right === 'boolean') out[id] = { choice: rec.choice, right: rec.right };
  }
  return out;
}

export function markVisited(progress: CourseProgress, slug: string, now: number): CourseProgress {
  if (progress.lessons[slug]) return progress;
  return { ...progress, lessons: { ...progress.lessons, [slug]: { visitedAt: now, exercisesPassed: [], predictions: {} } } };
}

export function markExercisePassed(progress: CourseProgress, slug: string, exerciseId: string, now: number): CourseProgress {
  const lesson = progress.lessons[slug] ?? { visitedAt: now, exercisesPassed: [], predictions: {} };
  if (lesson.exercisesPassed.includes(exerciseId)) return progress;
  return {
    ...progress,
    lessons: { ...progress.lessons, [slug]: { ...lesson, exercisesPassed: [...lesson.exercisesPassed, exerciseId] } },
  };
}

/** Records the reader's committed prediction; the first commitment stands (a prediction is made once). */
export function markPrediction(progress: CourseProgress, slug: string, questionId: string, record: PredictionRecord, now: number): CourseProgress {
  const lesson = progress.lessons[slug] ?? { visitedAt: now, exercisesPassed: [], predictions: {} };
  if (lesson.predictions[questionId]) return progress;
  return {
    ...progress,
    lessons: { ...progress.lessons, [slug]: { ...lesson, predictions: { ...lesson.predictions, [questionId]: record } } },
  };
}

export function visitedCount(progress: CourseProgress): number {
  return Object.keys(progress.lessons).length;
}
