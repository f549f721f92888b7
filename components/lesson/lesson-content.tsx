'use client';
import { useMemo } from 'react';
import { getMDXComponent } from 'mdx-bundler/client';
import { registry } from '../mdx/registry';

/** Renders a lesson compiled at build time, with the registry as its only components. */
export function LessonContent({ code }: { code: string }) {
  const Content = useMemo(() => getMDXComponent(code), [code]);
  return <Content components={registry} />;
}
