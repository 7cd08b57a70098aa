/**
 * Something that could not load: what went wrong in words, and a way to try again. `message` words it
 * where the error's own message needs context ("The stays could not be loaded: …").
 */
export function LoadError({
  error,
  retry,
  message = error.message,
}: {
  error: { message: string };
  retry: () => void;
  message?: string;
}) {
  return (
    <div className="form-error" role="alert">
      <p>{message}</p>
      <button type="button" className="button button-small" onClick={retry}>
        Try again
      </button>
    </div>
  );
}
