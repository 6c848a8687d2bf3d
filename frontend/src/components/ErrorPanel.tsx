import { ApiError } from '../api/client';
import { Notice } from './Notice';

export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 404) return 'We could not find that performance.';
    return error.message;
  }
  return 'We cannot reach the box office right now. Check your connection.';
}

export function ErrorPanel(props: { error: unknown; onRetry?: () => void }) {
  return (
    <Notice tone="error">
      <p>{describeError(props.error)}</p>
      {props.onRetry && (
        <button type="button" className="button secondary" onClick={props.onRetry}>
          Try again
        </button>
      )}
    </Notice>
  );
}
