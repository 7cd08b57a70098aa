import type { ItemChangeResult } from '@tripdesk/shared';
import { Dialog } from '../ui/Dialog.tsx';
import { formatMoney } from '../ui/formats.ts';

/** What a change did to the price: charged the difference, refunded it, or neither. */
export function ItemChanged({ result: r, onClose }: { result: ItemChangeResult; onClose: () => void }) {
  const money = r.charged
    ? `${formatMoney(r.charged)} more was charged.`
    : r.refund
      ? `${formatMoney(r.refund.amount)} is refunded to the card.`
      : 'The price is the same.';
  return (
    <Dialog title="Item changed" onClose={onClose}>
      <p className="notice notice-good" role="status">
        Changed. It was {formatMoney(r.previousPrice)}, it is now {formatMoney(r.item.price)}. {money}
      </p>
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={onClose} data-autofocus>
          Done
        </button>
      </div>
    </Dialog>
  );
}
