import { ApiError } from '../api/client';

/** Shows a failed call: the problem's title/detail and each `errors[]` entry (path + message). */
export function ErrorBanner({ error, onDismiss }: { error: unknown; onDismiss?: () => void }) {
  if (error === undefined || error === null) return null;
  const api = error instanceof ApiError ? error : undefined;
  const text = api ? api.summary : error instanceof Error ? error.message : String(error);
  return (
    <div className={`banner banner-error${api?.status === 403 ? ' banner-forbidden' : ''}`} role="alert">
      <div className="banner-text">
        <strong>{text}</strong>
        {api && api.errors.length > 0 && (
          <ul className="problem-errors">
            {api.errors.map((e, i) => (
              <li key={i}>
                <code>{e.path || '(definition)'}</code> {e.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      {onDismiss && (
        <button type="button" className="icon-button" aria-label="Dismiss error" onClick={onDismiss}>
          ×
        </button>
      )}
    </div>
  );
}
