import { render, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { QueryClientProvider } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReceiptOutputResult } from '../../../bridge/bridge.d.ts';
import { createQueryClient } from '../api/query-client.ts';
import { fakeServer, problem, type Reply } from '../test/fake-server.ts';
import { formatInstant } from '../ui/formats.ts';
import { agent, resetRenderer, signInAs } from '../test/render-app.tsx';
import { flightItem, heldTrip, hotelItem, paidTrip } from '../trips/trip-fixtures.ts';
import { ReceiptDialog } from './Receipt.tsx';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const RECEIPT = '<!doctype html><title>Receipt</title><h1>Receipt · Invoice INV-2026-000001</h1>';
const trip = paidTrip();
const receiptReply: Reply = {
  status: 200,
  body: RECEIPT,
  headers: { 'content-type': 'text/html; charset=utf-8' },
};

function fakeBridge(answer: ReceiptOutputResult = { ok: true }) {
  return {
    printReceipt: vi.fn(async (_html: string) => answer),
    saveReceiptPdf: vi.fn(async (_html: string, _name: string) => answer),
  };
}

function renderReceipt(
  desktop: ReturnType<typeof fakeBridge> | null,
  reply: Reply | (() => Promise<Reply>) = receiptReply,
) {
  fakeServer().on('GET', `/api/trips/${trip.id}/receipt.html`, reply);
  return render(
    <QueryClientProvider client={createQueryClient()}>
      <ReceiptDialog trip={trip} onClose={vi.fn()} desktop={desktop} />
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  resetRenderer();
  signInAs(agent);
});
afterEach(() => vi.restoreAllMocks());

describe('the receipt dialog in the desktop app', () => {
  it('shows Print and Save as PDF instead of the browser button', async () => {
    renderReceipt(fakeBridge());
    expect(await screen.findByRole('button', { name: 'Print' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Save as PDF' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Print or save as PDF' })).toBeNull();
  });

  it('prints the receipt HTML it fetched through the bridge, not the page', async () => {
    const bridge = fakeBridge();
    const pagePrint = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    renderReceipt(bridge);
    await waitFor(() => expect(document.querySelector('iframe.receipt-frame')).not.toBeNull());
    await userEvent.click(screen.getByRole('button', { name: 'Print' }));
    expect(bridge.printReceipt).toHaveBeenCalledExactlyOnceWith(RECEIPT);
    expect(bridge.saveReceiptPdf).not.toHaveBeenCalled();
    expect(pagePrint).not.toHaveBeenCalled();
  });

  it('saves as PDF with a name from the invoice number and says where', async () => {
    const bridge = fakeBridge({ ok: true, path: '/home/clerk/Documents/receipt-INV-2026-000001.pdf' });
    renderReceipt(bridge);
    await waitFor(() => expect(document.querySelector('iframe.receipt-frame')).not.toBeNull());
    await userEvent.click(screen.getByRole('button', { name: 'Save as PDF' }));
    expect(bridge.saveReceiptPdf).toHaveBeenCalledExactlyOnceWith(RECEIPT, 'receipt-INV-2026-000001.pdf');
    expect((await screen.findByRole('status')).textContent).toBe(
      'Saved to /home/clerk/Documents/receipt-INV-2026-000001.pdf',
    );
  });

  it('says nothing when the clerk cancels, and shows a failure', async () => {
    const bridge = fakeBridge({ ok: false, message: 'cancelled' });
    renderReceipt(bridge);
    await waitFor(() => expect(document.querySelector('iframe.receipt-frame')).not.toBeNull());
    await userEvent.click(screen.getByRole('button', { name: 'Save as PDF' }));
    await waitFor(() => expect(bridge.saveReceiptPdf).toHaveBeenCalled());
    expect(screen.queryByRole('alert')).toBeNull();

    bridge.printReceipt.mockResolvedValueOnce({ ok: false, message: 'The printer is offline.' });
    await userEvent.click(screen.getByRole('button', { name: 'Print' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The printer is offline.');
  });

  it('does nothing before the receipt has arrived', async () => {
    const bridge = fakeBridge();
    let arrive: (reply: Reply) => void = () => undefined;
    renderReceipt(bridge, () => new Promise<Reply>((resolve) => (arrive = resolve)));
    const print = screen.getByRole('button', { name: 'Print' });
    expect(print.getAttribute('aria-disabled')).toBe('true');
    await userEvent.click(print);
    await userEvent.click(screen.getByRole('button', { name: 'Save as PDF' }));
    expect(bridge.printReceipt).not.toHaveBeenCalled();
    expect(bridge.saveReceiptPdf).not.toHaveBeenCalled();
    arrive(receiptReply);
    await waitFor(() => expect(print.getAttribute('aria-disabled')).toBeNull());
  });
});

describe('the receipt dialog in a browser', () => {
  it('keeps the one button that prints the frame', async () => {
    renderReceipt(null);
    await waitFor(() => expect(document.querySelector('iframe.receipt-frame')).not.toBeNull());
    expect(screen.getByRole('button', { name: 'Print or save as PDF' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Save as PDF' })).toBeNull();
    const frame = document.querySelector<HTMLIFrameElement>('iframe.receipt-frame')!;
    const framePrint = vi.fn();
    Object.defineProperty(frame.contentWindow!, 'print', { value: framePrint, configurable: true });
    await userEvent.click(screen.getByRole('button', { name: 'Print or save as PDF' }));
    expect(framePrint).toHaveBeenCalledOnce();
  });
});

describe('the receipt drawn from the trip', () => {
  it('words each item’s cancellation terms as sold: the server’s description, the deadline and the fee', async () => {
    const sold = paidTrip(
      heldTrip({
        items: [
          hotelItem({
            cancellationPolicy: {
              refundable: true,
              freeUntil: '2026-12-01T15:00:00.000Z',
              fee: usd(24_000),
              description:
                'Free cancellation until 48 hours before check-in (2026-12-03 15:00 hotel time); after that the first night is charged.',
            },
          }),
          flightItem({
            cancellationPolicy: {
              refundable: true,
              fee: usd(26_400),
              feePercent: 50,
              description: 'Half the price, extras included, is refunded on cancellation.',
            },
          }),
        ],
      }),
    );
    // A server without the printable receipt: the dialog draws it from the trip.
    fakeServer().on(
      'GET',
      `/api/trips/${sold.id}/receipt.html`,
      problem(404, 'not_found', 'There is no GET /x'),
    );
    render(
      <QueryClientProvider client={createQueryClient()}>
        <ReceiptDialog trip={sold} onClose={vi.fn()} desktop={null} />
      </QueryClientProvider>,
    );
    const receipt = await screen.findByRole('article', { name: 'Receipt' });
    const terms = [...receipt.querySelectorAll('.receipt-terms')].map((t) => t.textContent);
    expect(terms).toEqual([
      'Cancellation: Free cancellation until 48 hours before check-in (2026-12-03 15:00 hotel time); after ' +
        `that the first night is charged. Free until ${formatInstant('2026-12-01T15:00:00.000Z')}; then a $240.00 fee.`,
      'Cancellation: Half the price, extras included, is refunded on cancellation. Cancellation fee $264.00.',
    ]);
  });
});
