import type { ReactNode } from 'react';

type Tone = 'info' | 'success' | 'error';

/**
 * A message in the page. Errors are an `alert` (read out at once), the rest a polite `status`.
 * Never a stack trace or raw JSON: callers pass sentences.
 */
export function Notice({ tone = 'info', title, children }: { tone?: Tone; title?: string; children: ReactNode }) {
  return (
    <div className={`notice notice--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title ? <p className="notice__title">{title}</p> : null}
      <div>{children}</div>
    </div>
  );
}

/** What a list shows when it is empty: what to do first. */
export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="empty-state">{children}</p>;
}
