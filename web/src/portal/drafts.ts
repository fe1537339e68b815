// Unsent messages, kept in this tab's memory only (never in storage: they may hold health details),
// so leaving a screen does not throw a draft away. The page warns before it is closed with a draft.

const drafts = new Map<string, string>();

export function getDraft(key: string): string {
  return drafts.get(key) ?? '';
}

export function setDraft(key: string, text: string): void {
  if (text.trim()) drafts.set(key, text);
  else drafts.delete(key);
}

export function clearDrafts(): void {
  drafts.clear();
}

export function hasDrafts(): boolean {
  return drafts.size > 0;
}

if (typeof window !== 'undefined') {
  window.addEventListener('beforeunload', (event) => {
    if (hasDrafts()) event.preventDefault();
  });
}
