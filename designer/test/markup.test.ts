import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../src/api/client';
import { DecisionForm } from '../src/approvals/DecisionForm';
import { SessionContext } from '../src/auth/session';

// Every source file of the designer, as text.
const sources = import.meta.glob('../src/**/*.{ts,tsx}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

describe('user text in the designer', () => {
  it('is never inserted as HTML or run as code anywhere in the source', () => {
    const banned = [/dangerouslySetInnerHTML/, /\.innerHTML\b/, /\.outerHTML\b/, /insertAdjacentHTML/, /document\.write/, /\beval\s*\(/, /new Function\s*\(/];
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    for (const [file, text] of Object.entries(sources)) {
      for (const pattern of banned) {
        expect(pattern.test(text), `${file} uses ${pattern}`).toBe(false);
      }
      for (const iframe of text.match(/<iframe[^>]*>/g) ?? []) {
        expect(iframe, `${file}: an iframe showing server HTML must be sandboxed without scripts`).toContain('sandbox=""');
      }
    }
  });

  it('shows a gate title, instructions and run id with markup as text', () => {
    const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const session = { client: new ApiClient({ apiKey: 'k' }), name: 'amir', roles: ['approver'] };
    const html = renderToStaticMarkup(
      createElement(SessionContext.Provider, { value: session },
        createElement(DecisionForm, {
          approval: { approvalId: 'a1', kind: 'approval', runId: 'r1', activityId: 'ask', title: hostile, instructions: hostile },
          onDecided: () => {},
          showRun: true,
        })),
    );
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
  });
});
