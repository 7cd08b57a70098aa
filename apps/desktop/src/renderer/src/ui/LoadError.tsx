import type { ApiError } from '../api/api-error.ts';

/** A list that could not load: what went wrong in words, and a way to try again. */
export function LoadError({ error, retry }: { error: ApiError; retry: () => void }) {
  return (
    <div className="form-error" role="alert">
      <p>{error.message}</p>
      <button type="button" className="button button-small" onClick={retry}>
        Try again
      </button>
    </div>
  );
}
