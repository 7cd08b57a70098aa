import { useEffect, useRef } from 'react';
import type { Item } from '@tripdesk/shared';
import { useServerNow } from '../live/ticking-clock.ts';
import { durationInWords, formatDuration, formatTimeOfDay } from '../ui/formats.ts';
import { holdState } from './hold-clock.ts';

/** Under five minutes left, the countdown turns urgent. */
const URGENT_SECONDS = 5 * 60;

export const HOLD_LOST_WORDS = 'Hold lost — released to inventory';

/**
 * A held item's countdown to the end of its hold, on the shared server clock. At zero it says the hold
 * is lost, at once and whatever the server has said so far, and tells `onLost` once (to refetch).
 */
export function HoldCountdown({
  item,
  onLost,
}: {
  item: Pick<Item, 'status' | 'holdExpiresAt'>;
  onLost?: () => void;
}) {
  const now = useServerNow();
  const state = holdState(item, now);
  const lost = state.kind === 'lost';
  const told = useRef(false);

  useEffect(() => {
    if (!lost || told.current) return;
    told.current = true;
    onLost?.();
  }, [lost, onLost]);

  return (
    <span className="hold-clock">
      {state.kind === 'held' ? (
        <span
          className={state.secondsLeft < URGENT_SECONDS ? 'countdown countdown-urgent' : 'countdown'}
          role="timer"
          aria-label={`Hold ends in ${durationInWords(state.secondsLeft)}, at ${formatTimeOfDay(state.expiresAt)}`}
          title={`Held until ${formatTimeOfDay(state.expiresAt)}`}
        >
          <span className="countdown-time">{formatDuration(state.secondsLeft)}</span> left
        </span>
      ) : null}
      {state.kind === 'held-untimed' ? <span className="countdown">Held</span> : null}
      {/* Always present, so that the moment of loss is read out; the countdown itself is not. */}
      <span aria-live="polite">{lost ? <span className="hold-lost">{HOLD_LOST_WORDS}</span> : null}</span>
    </span>
  );
}
