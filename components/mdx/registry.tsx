'use client';
import type { ComponentType } from 'react';
import type { RegisteredComponent } from '@/lib/content/registered-components';
import { Callout, KeyIdea, Recap } from './callouts';
import { YourMachine } from '../widgets/your-machine';

/**
 * The only components lessons may use, by name (no imports in MDX). The type makes this cover
 * exactly the names in lib/content/registered-components.ts, which the build checks lessons against.
 * Widgets that need tfjs do their heavy work in the model worker, so none of them brings tfjs into
 * the page's first load.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each component has its own props
export const registry: Record<RegisteredComponent, ComponentType<any>> = {
  Callout,
  KeyIdea,
  Recap,
  YourMachine,
};
