import { multiplyMoney, type Item } from '@tripdesk/shared';
import { useServerNow } from '../live/ticking-clock.ts';
import { formatMoney } from '../ui/formats.ts';
import { ITEM_KIND, ITEM_STATUS_WORDS, itemDetails, itemTitle, statusTone } from '../trips/trip-words.ts';
import { holdState } from './hold-clock.ts';
import { HoldCountdown } from './HoldCountdown.tsx';

export function ItemCard({
  item,
  selling,
  onLost,
  onRemove,
  removing,
  onChange,
}: {
  item: Item;
  selling: boolean;
  onLost: () => void;
  onRemove: () => void;
  removing: boolean;
  onChange: () => void;
}) {
  const title = itemTitle(item);
  const now = useServerNow();
  const state = holdState(item, now).kind;
  const held = state === 'held' || state === 'held-untimed';
  return (
    <li className={`trip-item trip-item-${item.status}`} aria-label={`${ITEM_KIND[item.type]}: ${title}`}>
      <p className="item-title">
        <span>
          <span className="item-kind">{ITEM_KIND[item.type]}</span> {title}
        </span>
        <span className="item-price">{formatMoney(item.price)}</span>
      </p>
      <p className="item-details">{itemDetails(item).join(' · ')}</p>
      {item.extras && item.extras.length > 0 ? (
        <ul className="item-extras" aria-label="Extras">
          {item.extras.map((x) => (
            <li key={x.code}>
              {x.name} × {x.quantity}
              <span className="item-extra-price">{formatMoney(multiplyMoney(x.price, x.quantity))}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {item.specialRequests ? (
        <p className="item-requests">Special requests: {item.specialRequests}</p>
      ) : null}
      <div className="trip-item-foot">
        {item.status === 'held' || item.status === 'expired' ? (
          <HoldCountdown item={item} onLost={onLost} />
        ) : (
          <span className={`status-badge status-${statusTone(item.status)}`}>
            {ITEM_STATUS_WORDS[item.status]}
          </span>
        )}
        {selling && held ? (
          <span className="item-actions">
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={onChange}
              aria-label={`Change ${title}`}
            >
              Change
            </button>
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={onRemove}
              aria-disabled={removing || undefined}
              aria-label={`Remove ${title} from the trip`}
            >
              {removing ? 'Removing…' : 'Remove'}
            </button>
          </span>
        ) : null}
        {selling && state === 'lost' ? (
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={onChange}
            aria-label={`Search again for ${title}`}
          >
            Search again
          </button>
        ) : null}
      </div>
    </li>
  );
}
