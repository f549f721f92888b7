'use client';
import { useMemo } from 'react';
import { getMDXComponent } from 'mdx-bundler/client';
import { registry } from '../mdx/registry';
import { deferLiveFigures } from './deferred-figure';

// Live figures mount when the reader gets near them (deferred-figure.tsx).
const lessonComponents = deferLiveFigures(registry);

/** Renders a lesson compiled at build time, with the registry as its only components (figures deferred). */
export function LessonContent({ code }: { code: string }) {
  const Content = useMemo(() => getMDXComponent(code), [code]);
  return <Content components={lessonComponents} />;
}
