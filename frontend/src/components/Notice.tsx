import type { ReactNode } from 'react';

export function Notice(props: { tone: 'info' | 'warning' | 'error' | 'success'; children: ReactNode; testId?: string }) {
  const urgent = props.tone === 'error' || props.tone === 'warning';
  return (
    <div
      className={`notice notice-${props.tone}`}
      role={urgent ? 'alert' : 'status'}
      data-testid={props.testId}
    >
      <span className="notice-icon" aria-hidden="true">
        {props.tone === 'success' ? '✓' : props.tone === 'info' ? 'i' : '!'}
      </span>
      <div>{props.children}</div>
    </div>
  );
}
