import { render, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { QueryClientProvider } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { createQueryClient } from '../api/query-client.ts';
import { fakeServer } from '../test/fake-server.ts';
import { TaxesEditor } from './TaxesEditor.tsx';

describe('the taxes editor', () => {
  it('adds VAT included and a city tax per guest per night, and saves them as the server takes them', async () => {
    const server = fakeServer().on('GET', '/api/hotels/htl_1/taxes', { status: 200, body: { items: [] } });
    render(
      <QueryClientProvider client={createQueryClient()}>
        <TaxesEditor
          owner={{ itemType: 'hotel', id: 'htl_1' }}
          title="Taxes and fees of Hotel Park"
          currency="USD"
        />
      </QueryClientProvider>,
    );
    const user = userEvent.setup();
    expect(await screen.findByText(/No taxes or fees/)).toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Add tax or fee' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Tax 1 code')));
    await user.keyboard('vat');
    await user.type(screen.getByLabelText('Tax 1 name'), 'VAT 10%');
    await user.type(screen.getByLabelText('Tax 1 percent'), '10');
    expect(screen.getByRole('checkbox', { name: 'Included in the price' })).toBeChecked();

    await user.click(screen.getByRole('button', { name: 'Add tax or fee' }));
    await user.type(screen.getByLabelText('Tax 2 code'), 'city_tax');
    await user.type(screen.getByLabelText('Tax 2 name'), 'City tax');
    await user.selectOptions(screen.getByLabelText('Tax 2 kind'), 'Fixed fee');
    await user.type(screen.getByLabelText('Tax 2 fee'), '3.50');
    await user.selectOptions(screen.getByLabelText('Tax 2 counts'), 'per guest per night');

    // A percentage over 50 is said beside it and nothing is sent.
    await user.type(screen.getByLabelText('Tax 1 percent'), '0');
    await user.click(screen.getByRole('button', { name: 'Save taxes' }));
    expect(screen.getByText('A percentage above 0 and at most 50, two decimals at most.')).toBeVisible();
    expect(server.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);

    await user.clear(screen.getByLabelText('Tax 1 percent'));
    await user.type(screen.getByLabelText('Tax 1 percent'), '10');
    const items = [
      { code: 'vat', name: 'VAT 10%', percent: 10, included: true },
      { code: 'city_tax', name: 'City tax', amount: { amount: 350, currency: 'USD' }, per: 'person-night' },
    ];
    server.on('PUT', '/api/hotels/htl_1/taxes', { status: 200, body: { items } });
    await user.click(screen.getByRole('button', { name: 'Save taxes' }));
    expect(await screen.findByText('Saved: 2 taxes and fees, quoted from now on.')).toBeVisible();
    expect(server.requests.find((r) => r.method === 'PUT')?.body).toEqual({ items });
  });
});
