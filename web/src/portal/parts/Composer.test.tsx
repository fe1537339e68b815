// Component test: the message editor counts as the server counts, refuses what the server would,
// and keeps a draft while the patient looks elsewhere.
import { act } from 'preact/test-utils';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../../shared/i18n/I18nProvider';
import { limits } from '../../shared/limits';
import { english, loadCatalog } from '../catalog';
import { clearDrafts, getDraft } from '../drafts';
import { Composer, useCheck, useComposer } from './Composer';

let checkResult: boolean | null = null;
function Harness({ draftKey }: { draftKey: string }) {
  const state = useComposer(draftKey);
  const check = useCheck(state);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        checkResult = check();
      }}
    >
      <Composer prefix="reply" label="Write a reply" hint="hint" state={state} />
      <button type="submit">send</button>
    </form>
  );
}

function mount(draftKey = 'thread:t1') {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() => {
    root.render(
      <I18nProvider load={loadCatalog} english={english}>
        <Harness draftKey={draftKey} />
      </I18nProvider>,
    );
  });
  return { host, unmount: () => act(() => root.unmount()) };
}

function type(el: HTMLTextAreaElement, text: string) {
  act(() => {
    el.value = text;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

afterEach(() => {
  document.body.replaceChildren();
  clearDrafts();
  checkResult = null;
});

describe('Composer', () => {
  it('counts characters left against the API limit', () => {
    const { host } = mount();
    const body = host.querySelector('textarea') as HTMLTextAreaElement;
    type(body, '  héllo  ');
    expect(host.querySelector('[data-testid="reply-count"]')?.textContent).toContain(
      `${(limits.messageMaxChars - 5).toLocaleString('en-US')} characters left`,
    );
  });

  it('refuses an empty message and one over the limit, and marks the field', () => {
    const { host } = mount();
    act(() => (host.querySelector('button[type="submit"]') as HTMLButtonElement).click());
    expect(checkResult).toBe(false);
    expect(host.querySelector('textarea')?.getAttribute('aria-invalid')).toBe('true');
    type(host.querySelector('textarea') as HTMLTextAreaElement, 'x'.repeat(limits.messageMaxChars + 1));
    expect(host.querySelector('[data-testid="reply-count"]')?.textContent).toContain('1 character too many');
    act(() => (host.querySelector('button[type="submit"]') as HTMLButtonElement).click());
    expect(checkResult).toBe(false);
    type(host.querySelector('textarea') as HTMLTextAreaElement, 'fine');
    act(() => (host.querySelector('button[type="submit"]') as HTMLButtonElement).click());
    expect(checkResult).toBe(true);
  });

  it('keeps the draft when the screen goes away and comes back', () => {
    const first = mount('thread:t9');
    type(first.host.querySelector('textarea') as HTMLTextAreaElement, 'half a thought');
    first.unmount();
    expect(getDraft('thread:t9')).toBe('half a thought');
    const again = mount('thread:t9');
    expect((again.host.querySelector('textarea') as HTMLTextAreaElement).value).toBe('half a thought');
  });
});
