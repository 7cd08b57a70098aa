import { useState } from 'react';
import { useConnection } from '../connection/connection-store.ts';
import { tripLink } from '../shell/route.ts';

/**
 * "Copy link": the trip's address on the server (it serves this app at `/`), which opens the trip after
 * sign-in in a browser. Where the clipboard is refused (a locked-down window), the link is shown selected
 * so Ctrl+C copies it.
 */
export function CopyTripLink({ tripId }: { tripId: string }) {
  const serverUrl = useConnection((s) => s.serverUrl) || window.location.origin;
  const link = tripLink(serverUrl, tripId);
  const [state, setState] = useState<'idle' | 'copied' | 'shown'>('idle');

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setState('copied');
    } catch {
      setState('shown');
    }
  };

  return (
    <>
      <button type="button" className="button" onClick={() => void copy()}>
        Copy link
      </button>
      {state === 'copied' ? (
        <span className="muted trip-link-copied" role="status">
          Link copied
        </span>
      ) : null}
      {state === 'shown' ? (
        <input
          className="trip-link-text"
          aria-label="Link to this trip"
          readOnly
          value={link}
          // Selected at once, so Ctrl+C copies it.
          ref={(el) => el?.select()}
        />
      ) : null}
    </>
  );
}
