import { render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { createQueryClient } from '../api/query-client.ts';
import { airportsRoute } from '../test/fake-airports.ts';
import { fakeServer } from '../test/fake-server.ts';
import { agent, resetRenderer, signInAs } from '../test/render-app.tsx';
import { AirportField } from './AirportField.tsx';

/** A form holding the field's code, shown beside it as the form sees it. */
function Form({ initial = '' }: { initial?: string }) {
  const [code, setCode] = useState(initial);
  const [submitted, setSubmitted] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setSubmitted(code || '(none)');
      }}
    >
      <AirportField id="from" label="From" value={code} onChange={setCode} />
      <output data-testid="code">{code || '(none)'}</output>
      <output data-testid="submitted">{submitted}</output>
      <button type="submit">Search</button>
    </form>
  );
}

function renderForm(initial?: string) {
  const server = fakeServer().on('GET', '/api/airports', airportsRoute);
  render(
    <QueryClientProvider client={createQueryClient()}>
      <Form initial={initial} />
    </QueryClientProvider>,
  );
  return { server, user: userEvent.setup() };
}

beforeEach(() => {
  resetRenderer();
  signInAs(agent);
});

describe('AirportField', () => {
  it('lists a city’s airports with code, city and name; arrows and Enter pick one', async () => {
    const { user } = renderForm();
    const input = screen.getByRole('combobox', { name: 'From' });
    await user.type(input, 'lon');
    const list = await screen.findByRole('listbox', { name: 'Matching airports' });
    await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(4));
    const options = within(list).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      'LCYLondon, GBLondon City',
      'LGWLondon, GBLondon Gatwick',
      'LHRLondon, GBLondon Heathrow',
      'STNLondon, GBLondon Stansted',
    ]);
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(input.getAttribute('aria-activedescendant')).toBe(options[0]!.id);

    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(input.getAttribute('aria-activedescendant')).toBe(options[2]!.id);
    expect(options[2]!.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{Enter}');
    // Enter picks; it does not submit the form while the list is open.
    expect(screen.getByTestId('code').textContent).toBe('LHR');
    expect(screen.getByTestId('submitted').textContent).toBe('');
    expect((input as HTMLInputElement).value).toBe('LHR · London');
    expect(screen.queryByRole('listbox')).toBeNull();
    // With the list closed, Enter submits.
    await user.keyboard('{Enter}');
    expect(screen.getByTestId('submitted').textContent).toBe('LHR');
  });

  it('wraps around with the arrows, closes on Escape, and picks the highlighted one on Tab', async () => {
    const { user } = renderForm();
    const input = screen.getByRole('combobox', { name: 'From' });
    await user.type(input, 'london');
    const list = await screen.findByRole('listbox');
    await waitFor(() => expect(within(list).getAllByRole('option')).toHaveLength(4));
    await user.keyboard('{ArrowUp}');
    expect(input.getAttribute('aria-activedescendant')).toBe(within(list).getAllByRole('option')[3]!.id);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(screen.getByTestId('code').textContent).toBe('(none)');
    await user.keyboard('{ArrowDown}');
    await screen.findByRole('listbox');
    await user.tab();
    expect(screen.getByTestId('code').textContent).toBe('STN');
  });

  it('takes a typed code and Tab, and says when nothing matches', async () => {
    const { user } = renderForm();
    const input = screen.getByRole('combobox', { name: 'From' });
    await user.type(input, 'jfk');
    await screen.findByRole('option', { name: /JFK/ });
    await user.tab();
    expect(screen.getByTestId('code').textContent).toBe('JFK');
    expect((input as HTMLInputElement).value).toBe('JFK · New York');

    await user.clear(input);
    expect(screen.getByTestId('code').textContent).toBe('(none)');
    await user.type(input, 'zzz');
    expect(await screen.findByText('No airport matches “zzz”.')).toBeTruthy();
    expect(screen.getByTestId('code').textContent).toBe('(none)');
  });

  it('picks with the mouse', async () => {
    const { user } = renderForm();
    await user.type(screen.getByRole('combobox', { name: 'From' }), 'par');
    await user.click(await screen.findByRole('option', { name: /CDG/ }));
    expect(screen.getByTestId('code').textContent).toBe('CDG');
  });

  it('names a code it was given once the lookup knows it', async () => {
    renderForm('JFK');
    const input = screen.getByRole('combobox', { name: 'From' }) as HTMLInputElement;
    await waitFor(() => expect(input.value).toBe('JFK · New York'));
  });
});
