/**
 * Markdown cells of the playground, as HTML: a deliberately small subset (headings, paragraphs,
 * lists, emphasis, inline code, code blocks, http(s) links) plus TeX math with KaTeX
 * (`$inline$`, `$$display$$`). Every character of the reader's text is escaped before any markup
 * is added, and KaTeX runs with `trust: false`, so the HTML is safe to insert into the page.
 */
import katex from 'katex';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function math(tex: string, displayMode: boolean): string {
  return katex.renderToString(tex, { displayMode, throwOnError: false, trust: false, strict: 'ignore', output: 'htmlAndMathml' });
}

/** Inline markup of one line or paragraph: math and code first (their content is literal). */
export function renderInline(text: string): string {
  const slots: string[] = [];
  const keep = (html: string) => `\u0000${slots.push(html) - 1}\u0000`;
  let s = text
    .replace(/`([^`\n]+)`/g, (_, code: string) => keep(`<code>${escapeHtml(code)}</code>`))
    // A link's address is literal too: `$` or `*` in it must not become math or emphasis.
    .replace(/\]\((https?:\/\/[^\s)]+)\)/g, (_, url: string) => `](${keep(escapeHtml(url))})`)
    .replace(/\$\$([^$]+)\$\$/g, (_, tex: string) => keep(math(tex, true)))
    .replace(/\$([^$\n]+)\$/g, (_, tex: string) => keep(math(tex, false)));
  s = escapeHtml(s)
    // eslint-disable-next-line no-control-regex -- NUL marks a kept address (above)
    .replace(/\[([^\]\n]+)\]\(\u0000(\d+)\u0000\)/g, (_, label: string, i: string) => `<a href="\u0000${i}\u0000" rel="noreferrer">${label}</a>`)
    .replace(/\*\*([^*\n]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*])\*([^*\n]+)\*/g, '$1<em>$2</em>');
  // eslint-disable-next-line no-control-regex -- NUL marks the slots above, and never comes from escaped text
  return s.replace(/\u0000(\d+)\u0000/g, (_, i: string) => slots[Number(i)]);
}

/** A markdown cell's source as safe HTML. */
export function renderMarkdown(source: string): string {
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  const out: string[] = [];
  let paragraph: string[] = [];
  let list: { tag: 'ul' | 'ol'; items: string[] } | null = null;
  const flushParagraph = () => {
    if (paragraph.length) out.push(`<p>${renderInline(paragraph.join(' '))}</p>`);
    paragraph = [];
  };
  const flushList = () => {
    if (list) out.push(`<${list.tag}>${list.items.map((i) => `<li>${renderInline(i)}</li>`).join('')}</${list.tag}>`);
    list = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^```/.test(line)) {
      flushParagraph(); flushList();
      const code: string[] = [];
      for (i++; i < lines.length && !/^```/.test(lines[i]); i++) code.push(lines[i]);
      out.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
      continue;
    }
    if (/^\$\$\s*$/.test(line)) {
      flushParagraph(); flushList();
      const tex: string[] = [];
      for (i++; i < lines.length && !/^\$\$\s*$/.test(lines[i]); i++) tex.push(lines[i]);
      out.push(math(tex.join('\n'), true));
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    if (heading) {
      flushParagraph(); flushList();
      // Cells sit under the page's h1 and h2, so their headings start at h3.
      const level = Math.min(6, heading[1].length + 2);
      out.push(`<h${level}>${renderInline(heading[2])}</h${level}>`);
    } else if (bullet || numbered) {
      flushParagraph();
      const tag = bullet ? 'ul' : 'ol';
      if (list && list.tag !== tag) flushList();
      list ??= { tag, items: [] };
      list.items.push((bullet ?? numbered)![1]);
    } else if (line.trim() === '') {
      flushParagraph(); flushList();
    } else {
      flushList();
      paragraph.push(line.trim());
    }
  }
  flushParagraph(); flushList();
  return out.join('\n');
}
