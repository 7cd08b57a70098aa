import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { User } from '@tripdesk/shared';
import { fakeServer, problem } from '../test/fake-server.ts';
import { admin, agent, desk, renderApp, resetRenderer, signInAs } from '../test/render-app.tsx';

beforeEach(resetRenderer);

async function openUsers(users: User[] = [admin, agent, desk]) {
  signInAs(admin);
  const server = fakeServer()
    .on('GET', '/api/me', { status: 200, body: admin })
    .on('GET', '/api/users', () => ({ status: 200, body: { items: users } }));
  renderApp();
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Users' }));
  await screen.findByRole('table', { name: 'Users' });
  return { server, user };
}

describe('Users', () => {
  it('lists the users with name, email, role and hotel', async () => {
    await openUsers();
    const rows = within(screen.getByRole('table', { name: 'Users' })).getAllByRole('row');
    expect(rows.map((r) => [...r.querySelectorAll('th,td')].map((c) => c.textContent))).toEqual([
      ['Name', 'Email', 'Role', 'Hotel'],
      ['Ada Adminyou', 'admin@demo.tripdesk.test', 'Administrator', '—'],
      ['Alan Agent', 'agent@demo.tripdesk.test', 'Travel agent', '—'],
      ['Dana Desk', 'desk@demo.tripdesk.test', 'Front desk', 'htl_1'],
    ]);
  });

  it('asks for a hotel only when the new user is front desk', async () => {
    const { user } = await openUsers();
    await user.click(screen.getByRole('button', { name: 'New user' }));
    const role = screen.getByLabelText('Role');
    expect(screen.queryByLabelText('Hotel ID')).toBeNull();

    await user.selectOptions(role, 'Front desk');
    expect(screen.getByLabelText('Hotel ID')).toBeTruthy();

    await user.selectOptions(role, 'Administrator');
    expect(screen.queryByLabelText('Hotel ID')).toBeNull();
  });

  it('shows the server’s validation beside each field', async () => {
    const { server, user } = await openUsers();
    server.on(
      'POST',
      '/api/users',
      problem(400, 'validation_failed', '3 problems with the body', {
        errors: [
          { path: 'body.email', message: 'Invalid email address' },
          { path: 'body.name', message: 'Too small: expected string to have >=1 characters' },
          { path: 'body.hotelId', message: 'hotelId is required for a frontdesk user' },
        ],
      }),
    );
    await user.click(screen.getByRole('button', { name: 'New user' }));
    await user.type(screen.getByLabelText('Email'), 'not-an-email');
    await user.selectOptions(screen.getByLabelText('Role'), 'Front desk');
    await user.click(screen.getByRole('button', { name: 'Create user' }));

    const email = await screen.findByLabelText('Email');
    await screen.findByText('Invalid email address.');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(email.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Invalid email address.',
    );
    expect(screen.getByText('Enter the person’s name.')).toBeTruthy();
    expect(screen.getByText('Hotel ID is required for a front desk user.')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe(
      'Some details need correcting. See the messages beside the fields.',
    );
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBeNull();
    expect(document.activeElement).toBe(email);
  });

  it('creates a user and shows it in the list', async () => {
    const created: User = {
      id: 'usr_new',
      email: 'new.agent@demo.tripdesk.test',
      name: 'Nina New',
      role: 'agent',
    };
    let users = [admin, agent, desk];
    const { server, user } = await openUsers(users);
    server
      .on('POST', '/api/users', () => {
        users = [...users, created];
        return { status: 201, body: created };
      })
      .on('GET', '/api/users', () => ({ status: 200, body: { items: users } }));

    await user.click(screen.getByRole('button', { name: 'New user' }));
    await user.type(screen.getByLabelText('Name'), 'Nina New');
    await user.type(screen.getByLabelText('Email'), 'new.agent@demo.tripdesk.test');
    await user.type(screen.getByLabelText('Password'), 'long-enough-1{Enter}');

    expect(
      await screen.findByText('Created Nina New (Travel agent, new.agent@demo.tripdesk.test).'),
    ).toBeTruthy();
    expect(within(screen.getByRole('table', { name: 'Users' })).getByText('Nina New')).toBeTruthy();
    expect(server.requests.find((r) => r.method === 'POST' && r.url === '/api/users')?.body).toEqual({
      email: 'new.agent@demo.tripdesk.test',
      name: 'Nina New',
      role: 'agent',
      password: 'long-enough-1',
    });
  });

  it('sends the hotel of a front desk user', async () => {
    const { server, user } = await openUsers();
    server.on('POST', '/api/users', (r) => ({ status: 201, body: { id: 'usr_d2', ...(r.body as object) } }));
    await user.click(screen.getByRole('button', { name: 'New user' }));
    await user.type(screen.getByLabelText('Name'), 'Desk Two');
    await user.type(screen.getByLabelText('Email'), 'desk2@demo.tripdesk.test');
    await user.selectOptions(screen.getByLabelText('Role'), 'Front desk');
    await user.type(screen.getByLabelText('Hotel ID'), 'htl_1');
    await user.type(screen.getByLabelText('Password'), 'long-enough-2');
    await user.click(screen.getByRole('button', { name: 'Create user' }));
    await screen.findByText(/^Created Desk Two/);
    expect(server.requests.find((r) => r.method === 'POST')?.body).toMatchObject({
      role: 'frontdesk',
      hotelId: 'htl_1',
    });
  });
});
