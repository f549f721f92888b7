import { describe, expect, it } from 'vitest';
import { escapeHtml, renderInline, renderMarkdown } from '@/lib/notebook/markdown';

describe('markdown cells', () => {
  it('renders headings from h3, paragraphs, lists, emphasis and code', () => {
    const html = renderMarkdown('# Title\n\nSome **bold** and *soft* `code`.\n\n- one\n- two\n\n1. first\n');
    expect(html).toContain('<h3>Title</h3>');
    expect(html).toContain('<p>Some <strong>bold</strong> and <em>soft</em> <code>code</code>.</p>');
    expect(html).toContain('<ul><li>one</li><li>two</li></ul>');
    expect(html).toContain('<ol><li>first</li></ol>');
  });

  it('renders inline and display math with KaTeX', () => {
    expect(renderInline('$x^2$')).toContain('class="katex"');
    expect(renderMarkdown('$$\n\\sum_i x_i\n$$')).toContain('katex-display');
  });

  it('escapes HTML in text, code and link labels, and links only to http(s)', () => {
    const html = renderMarkdown('<img src=x onerror=alert(1)> `<b>` [a](javascript:alert(1)) [ok](https://example.com)');
    expect(html).not.toMatch(/<img|<b>/);
    expect(html).toContain('&lt;img');
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('<a href="https://example.com" rel="noreferrer">ok</a>');
    expect(escapeHtml('"&\'')).toBe('&quot;&amp;&#39;');
  });

  it('keeps a link address literal: $ and * in it become neither math nor emphasis', () => {
    const html = renderInline('see [the $x$ price](https://example.com/?a=$1$&b=*2*) and $y$');
    expect(html).toMatch(/^see <a href="https:\/\/example\.com\/\?a=\$1\$&amp;b=\*2\*" rel="noreferrer">the <span class="katex">/);
    expect(html.match(/<a /g)).toHaveLength(1);
    expect(html.match(/class="katex"/g)).toHaveLength(2); // $x$ in the label and $y$ after it
    // An address with no label stays text, escaped.
    expect(renderInline('](https://e.com/$a$)')).toBe('](https://e.com/$a$)');
  });

  it('keeps code blocks literal', () => {
    expect(renderMarkdown('```\n**not bold** $x$\n```')).toBe('<pre><code>**not bold** $x$</code></pre>');
  });
});
