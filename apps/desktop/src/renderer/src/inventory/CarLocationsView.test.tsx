import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Car } from '@tripdesk/shared';
import { fakeServer, problem } from '../test/fake-server.ts';
import { admin, renderApp, resetRenderer, signInAs } from '../test/render-app.tsx';

beforeEach(resetRenderer);

const car = (id: string, plate: string, category: string, model: string, amount: number): Car => ({
  id,
  locationCode: 'FCO-A',
  plate,
  category,
  model,
  dailyRate: { amount, currency: 'USD' },
});

async function openFco(cars: Car[]) {
  signInAs(admin);
  let current = cars;
  const server = fakeServer()
    .on('GET', '/api/me', { status: 200, body: admin })
    .on('GET', '/api/hotels?limit=50&offset=0', { status: 200, body: { items: [], total: 0 } })
    .on('GET', '/api/car-locations', {
      status: 200,
      body: {
        items: [
          {
            code: 'FCO-A',
            name: 'FCO Airport',
            city: 'Rome',
            fleets: [{ category: 'ECMR', capacity: 2, dailyRate: { amount: 3700, currency: 'USD' } }],
          },
        ],
      },
    })
    .on('GET', '/api/car-locations/FCO-A/cars', () => ({ status: 200, body: { items: current } }))
    .on('GET', '/api/car-locations/FCO-A/closures', { status: 200, body: { items: [] } });
  renderApp();
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Inventory' }));
  await user.click(screen.getByRole('tab', { name: 'Car locations' }));
  const table = await screen.findByRole('table', { name: 'Car locations' });
  expect(within(table).getByText('ECMR: 2')).toBeVisible();
  await user.click(within(table).getByRole('button', { name: 'Open FCO-A, FCO Airport' }));
  return { server, user, setCars: (next: Car[]) => (current = next) };
}

describe('Inventory: car locations', () => {
  it('shows the fleet per category', async () => {
    await openFco([
      car('car_1', 'AB 123CD', 'ECMR', 'Toyota Aygo X', 3700),
      car('car_2', 'EF 456GH', 'ECMR', 'Fiat 500', 3900),
      car('car_3', 'IJ 789KL', 'SFAR', 'Toyota RAV4', 7300),
    ]);
    const table = await screen.findByRole('table', { name: 'Fleet at FCO-A, by category' });
    expect(within(table).getByText(/· 2 cars · rents from \$37\.00 a day/)).toBeVisible();
    expect(within(table).getByText(/· 1 car · rents from \$73\.00 a day/)).toBeVisible();
    expect(screen.getByText('3 cars in 2 categories')).toBeVisible();
  });

  it('says in words why a car cannot be removed (409 capacity_in_use)', async () => {
    const { server, user } = await openFco([car('car_1', 'AB 123CD', 'ECMR', 'Toyota Aygo X', 3700)]);
    server.on(
      'DELETE',
      '/api/car-locations/FCO-A/cars/car_1',
      problem(
        409,
        'capacity_in_use',
        'On the day of 2026-12-24, 1 cars are held or sold; only 0 would remain.',
        {
          date: '2026-12-24',
          inUse: 1,
        },
      ),
    );
    await user.click(await screen.findByRole('button', { name: 'Remove Toyota Aygo X AB 123CD' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove AB 123CD?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove car' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'That car cannot be removed: cars of this category are held or rented on Thu, 24 Dec 2026 (1 in use), and fewer would remain. Try again after that day.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Keep it' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('removes a car', async () => {
    const { server, user, setCars } = await openFco([
      car('car_1', 'AB 123CD', 'ECMR', 'Toyota Aygo X', 3700),
      car('car_2', 'EF 456GH', 'ECMR', 'Fiat 500', 3900),
    ]);
    server.on('DELETE', '/api/car-locations/FCO-A/cars/car_1', () => {
      setCars([car('car_2', 'EF 456GH', 'ECMR', 'Fiat 500', 3900)]);
      return { status: 204 };
    });
    await user.click(await screen.findByRole('button', { name: 'Remove Toyota Aygo X AB 123CD' }));
    await user.click(screen.getByRole('button', { name: 'Remove car' }));
    expect(await screen.findByText('Removed Toyota Aygo X (AB 123CD).')).toBeVisible();
    expect(await screen.findByText('1 car in 1 category')).toBeVisible();
  });

  it('adds a car, with the server’s field errors beside the fields', async () => {
    const { server, user } = await openFco([car('car_1', 'AB 123CD', 'ECMR', 'Toyota Aygo X', 3700)]);
    server.on(
      'POST',
      '/api/car-locations/FCO-A/cars',
      problem(400, 'validation_failed', 'A car with plate AB 123CD already exists.', {
        errors: [{ path: 'body.plate', message: 'already in use' }],
      }),
    );
    await user.click(await screen.findByRole('button', { name: 'Add car' }));
    const form = within(screen.getByRole('form', { name: 'Add a car at FCO-A' }));
    await user.click(form.getByRole('button', { name: 'Add car' }));
    expect(form.getByText('Enter the licence plate.')).toBeVisible();
    expect(form.getByText('Enter an amount.')).toBeVisible();

    await user.type(form.getByLabelText('Plate'), 'ab 123cd');
    await user.type(form.getByLabelText('Category'), 'ECMR');
    await user.type(form.getByLabelText('Model'), 'Fiat Panda');
    await user.type(form.getByLabelText('Daily rate'), '39');
    await user.click(form.getByRole('button', { name: 'Add car' }));
    expect(await form.findByText('Already in use.')).toBeVisible();
    expect(server.requests.find((r) => r.method === 'POST')?.body).toEqual({
      plate: 'AB 123CD',
      category: 'ECMR',
      model: 'Fiat Panda',
      dailyRate: { amount: 3900, currency: 'USD' },
    });
  });

  it('retires a car: the server’s refusal in its words, then the car marked retired and the category closed for days', async () => {
    const aygo = car('car_1', 'AB 123CD', 'ECMR', 'Toyota Aygo X', 3700);
    const { server, user, setCars } = await openFco([
      aygo,
      car('car_2', 'EF 456GH', 'ECMR', 'Fiat 500', 3900),
    ]);
    server.on(
      'PATCH',
      '/api/car-locations/FCO-A/cars/car_1',
      problem(
        409,
        'capacity_in_use',
        'On the day of 2026-12-24, 2 cars are held or sold; only 1 would remain.',
        {
          date: '2026-12-24',
          inUse: 2,
        },
      ),
    );
    await user.click(await screen.findByRole('button', { name: 'Retire Toyota Aygo X AB 123CD' }));
    const dialog = screen.getByRole('dialog', { name: 'Retire AB 123CD?' });
    expect(dialog.textContent).toContain('Rentals already sold keep their cars');
    await user.click(within(dialog).getByRole('button', { name: 'Retire car' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'On the day of 2026-12-24, 2 cars are held or sold; only 1 would remain.',
    );
    const retired = { ...aygo, retiredAt: '2026-12-01T10:00:00.000Z' };
    server.on('PATCH', '/api/car-locations/FCO-A/cars/car_1', { status: 200, body: retired });
    setCars([retired, car('car_2', 'EF 456GH', 'ECMR', 'Fiat 500', 3900)]);
    await user.click(within(dialog).getByRole('button', { name: 'Retire car' }));
    expect(
      await screen.findByText('Toyota Aygo X (AB 123CD) is retired: ECMR counts one car less from today.'),
    ).toBeVisible();
    const table = screen.getByRole('table', { name: 'Fleet at FCO-A, by category' });
    expect(await within(table).findByText(/· 1 car \(\+1 retired\)/)).toBeVisible();
    expect(within(table).getByRole('button', { name: 'Reinstate Toyota Aygo X AB 123CD' })).toBeVisible();

    server.on('POST', '/api/car-locations/FCO-A/closures', (r) => ({
      status: 201,
      body: {
        ...(r.body as object),
        id: 'cls_1',
        locationCode: 'FCO-A',
        createdAt: '2026-12-01T10:00:00.000Z',
      },
    }));
    const panel = screen.getByRole('region', { name: 'Categories closed to sale' });
    await user.click(within(panel).getByRole('button', { name: 'Close to sale' }));
    expect(await within(panel).findByText(/ECMR is closed to sale/)).toBeVisible();
    expect(server.requests.find((r) => r.method === 'POST')?.body).toMatchObject({ category: 'ECMR' });
  });
});
