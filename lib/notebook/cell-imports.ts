/**
 * Readers (and lesson authors) copy tfjs code that starts with `import * as tf from
 * '@tensorflow/tfjs'`. A cell cannot import, but `tf` is already in its scope, so such a line is
 * blanked (kept as an empty line, so error lines still match). Any other import still fails
 * with runCell's clear message.
 */
const TF_IMPORT = /^[ \t]*import\s+\*\s+as\s+tf\s+from\s+(['"])@tensorflow\/tfjs(?:-core)?\1\s*;?[ \t]*$/gm;

export function blankScopeImports(source: string): string {
  return source.replace(TF_IMPORT, '');
}
