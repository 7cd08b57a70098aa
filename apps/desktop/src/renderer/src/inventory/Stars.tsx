/** A hotel's stars, drawn for the eye and said in words for a screen reader. */
export function Stars({ stars }: { stars: number | undefined }) {
  if (!stars) return <span className="muted">Not rated</span>;
  return (
    <>
      <span aria-hidden="true" className="stars">
        {'★'.repeat(stars)}
      </span>
      <span className="visually-hidden">{stars} stars</span>
    </>
  );
}
