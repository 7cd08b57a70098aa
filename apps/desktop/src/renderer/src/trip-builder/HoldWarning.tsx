import { formatDuration, formatTimeOfDay } from '../ui/formats.ts';
import { holdSecondsLeft } from './hold-clock.ts';

/** From five minutes left the basket warns; from one minute on it is urgent. */
export const WARN_SECONDS = 5 * 60;
export const URGENT_SECONDS = 60;

const WHAT_HAPPENS = 'pay now or they go back to inventory';

/**
 * The payment deadline as a banner once it is near: at five minutes a warning (a polite status), at
 * one minute an alert, read out once. The minutes and seconds tick on screen; what is read out stays
 * the same sentence while the stage lasts, so a screen reader is not told the time every second.
 */
export function HoldWarning({ deadline, now }: { deadline: number; now: number }) {
  const left = holdSecondsLeft(deadline, now);
  const stage = left < 1 ? null : left <= URGENT_SECONDS ? 'urgent' : left <= WARN_SECONDS ? 'soon' : null;
  const banner = (spoken: string) => (
    <p className={`hold-warning hold-warning-${stage ?? 'none'}`}>
      <span aria-hidden="true">
        Holds end in <span className="hold-warning-time">{formatDuration(left)}</span> — {WHAT_HAPPENS}
      </span>
      <span className="visually-hidden">
        Holds end in {spoken}, at {formatTimeOfDay(deadline)} — {WHAT_HAPPENS}.
      </span>
    </p>
  );
  return (
    <>
      {/* Present before the warning, so that its arrival is announced. */}
      <div role="status" className="hold-warning-live">
        {stage === 'soon' ? banner('less than 5 minutes') : null}
      </div>
      {stage === 'urgent' ? <div role="alert">{banner('less than a minute')}</div> : null}
    </>
  );
}
