import type { Frame, Page } from 'playwright-core';

export interface Overflow {
  viewport: number;
  scrollWidth: number;
  /** The innermost elements that reach past the right edge (up to five), for the failure message. */
  culprits: string[];
}

/** How far a page (or frame) is wider than its viewport, and which elements make it so. */
export function horizontalOverflow(target: Page | Frame): Promise<Overflow> {
  return target.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const scrollWidth = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
    const culprits: string[] = [];
    if (scrollWidth > viewport) {
      const all = Array.from(document.querySelectorAll<HTMLElement>('body *'));
      const wide = all.filter((el) => el.getBoundingClientRect().right > viewport + 1 && el.getClientRects().length > 0);
      for (const el of wide) {
        if (wide.some((other) => other !== el && el.contains(other))) continue; // keep the innermost
        const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
        culprits.push(`${name} (right edge ${Math.round(el.getBoundingClientRect().right)} px)`);
        if (culprits.length === 5) break;
      }
    }
    return { viewport, scrollWidth, culprits };
  });
}
