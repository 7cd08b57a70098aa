import { render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { QueryClientProvider } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { ExtrasCatalog } from '@tripdesk/shared';
import { createQueryClient } from '../api/query-client.ts';
import { fakeServer, problem } from '../test/fake-server.ts';
import { ExtrasEditor } from './ExtrasEditor.tsx';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const BUILT_IN: ExtrasCatalog = {
  custom: false,
  items: [
    { code: 'breakfast', name: 'Breakfast (per guest per night)', basis: 'person-night', price: usd(1800) },
    { code: 'late_checkout', name: 'Late check-out until 14:00 (per room)', basis: 'stay', price: usd(4000) },
  ],
};

function renderEditor() {
  const server = fakeServer().on('GET', '/api/hotels/htl_1/extras', { status: 200, body: BUILT_IN });
  render(
    <QueryClientProvider client={createQueryClient()}>
      <ExtrasEditor owner={{ itemType: 'hotel', id: 'htl_1' }} title="Extras sold with Hotel Park" />
    </QueryClientProvider>,
  );
  return { server, user: userEvent.setup() };
}

describe('the extras editor', () => {
  it('shows the built-in list, adds an extra, and saves the whole list priced in minor units', async () => {
    const { server, user } = renderEditor();
    const table = await screen.findByRole('table', { name: 'Extras sold with Hotel Park' });
    expect(screen.getByText('The built-in list, as every new one gets')).toBeVisible();
    expect(within(table).getByLabelText('Extra 1 price')).toHaveValue('18.00');
    expect(within(table).getByLabelText('Extra 1: one unit is')).toHaveDisplayValue('per guest per night');

    await user.click(screen.getByRole('button', { name: 'Add extra' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Extra 3 code')));
    await user.keyboard('spa');
    await user.type(screen.getByLabelText('Extra 3 name'), 'Spa access');
    await user.selectOptions(screen.getByLabelText('Extra 3: one unit is'), 'per guest per night');
    await user.type(screen.getByLabelText('Extra 3 price'), '30');
    await user.click(screen.getByRole('button', { name: 'Remove Late check-out until 14:00 (per room)' }));

    const saved: ExtrasCatalog = {
      custom: true,
      items: [
        BUILT_IN.items[0]!,
        { code: 'spa', name: 'Spa access', basis: 'person-night', price: usd(3000) },
      ],
    };
    server.on('PUT', '/api/hotels/htl_1/extras', { status: 200, body: saved });
    await user.click(screen.getByRole('button', { name: 'Save extras' }));
    expect(await screen.findByText('Saved: 2 extras on sale from now.')).toBeVisible();
    expect(server.requests.find((r) => r.method === 'PUT')?.body).toEqual({ items: saved.items });
    expect(screen.getByText('Its own list')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Back to the built-in list' })).toBeVisible();
  });

  it('says what is wrong beside the field, before and after asking the server', async () => {
    const { server, user } = renderEditor();
    await screen.findByRole('table', { name: 'Extras sold with Hotel Park' });
    await user.clear(screen.getByLabelText('Extra 1 price'));
    await user.type(screen.getByLabelText('Extra 1 price'), 'abc');
    await user.clear(screen.getByLabelText('Extra 2 code'));
    await user.type(screen.getByLabelText('Extra 2 code'), 'breakfast');
    await user.click(screen.getByRole('button', { name: 'Save extras' }));
    expect(screen.getByText('Enter an amount like 154.00 (digits and a decimal point).')).toBeVisible();
    expect(screen.getByText('breakfast is listed twice.')).toBeVisible();
    expect(server.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);

    await user.clear(screen.getByLabelText('Extra 1 price'));
    await user.type(screen.getByLabelText('Extra 1 price'), '18');
    await user.clear(screen.getByLabelText('Extra 2 code'));
    await user.type(screen.getByLabelText('Extra 2 code'), 'late');
    server.on(
      'PUT',
      '/api/hotels/htl_1/extras',
      problem(400, 'validation_failed', 'The extras are not valid.', {
        errors: [{ path: 'body.items.1.price.amount', message: 'at most 2000000000 minor units' }],
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Save extras' }));
    expect(await screen.findByText('at most 2000000000 minor units')).toBeVisible();
  });
});
