import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { HotelDetail, User } from '@tripdesk/shared';
import { fakeServer, problem } from '../test/fake-server.ts';
import { admin, agent, desk, renderApp, resetRenderer, signInAs } from '../test/render-app.tsx';

beforeEach(resetRenderer);

const wren: HotelDetail = {
  id: 'htl_1',
  name: 'Wren Pantheon Hotel',
  city: 'Rome',
  country: 'IT',
  timezone: 'Europe/Rome',
  amenities: [],
  roomTypes: [],
};
const lumen = { ...wren, id: 'htl_2', name: 'Lumen Museum Quarter Hotel', city: 'Amsterdam' };
const summary = ({ roomTypes: _r, ...h }: HotelDetail) => ({ ...h, roomTypeCount: 0, roomCount: 0 });

async function openUsers(users: User[] = [admin, agent, desk]) {
  signInAs(admin);
  const server = fakeServer()
    .on('GET', '/api/me', { status: 200, body: admin })
    .on('GET', '/api/users', () => ({ status: 200, body: { items: users } }))
    .on('GET', '/api/hotels/htl_1', { status: 200, body: wren })
    .on('GET', '/api/hotels/htl_2', { status: 200, body: lumen })
    .on('GET', '/api/hotels?limit=200&offset=0', {
      status: 200,
      body: { items: [summary(lumen), summary(wren)], total: 2 },
    });
  renderApp();
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'Users' }));
  await screen.findByRole('table', { name: 'Users' });
  return { server, user };
}

describe('Users', () => {
  it('lists the users with name, email, role and the hotel’s name', async () => {
    await openUsers();
    const table = screen.getByRole('table', { name: 'Users' });
    await within(table).findByText('Wren Pantheon Hotel, Rome');
    const rows = within(table).getAllByRole('row');
    // The Role label of the new-user form stays the only control labelled "Role".
    expect(screen.queryAllByLabelText(/role/i)).toHaveLength(0);
    expect(rows.map((r) => [...r.querySelectorAll('th,td')].map((c) => c.textContent))).toEqual([
      ['Name', 'Email', 'Role', 'Hotel', 'Actions'],
      ['Ada Adminyou', 'admin@demo.tripdesk.test', 'Administrator', '—', ''],
      ['Alan Agent', 'agent@demo.tripdesk.test', 'Travel agent', '—', 'Change role Disable Reset password…'],
      [
        'Dana Desk',
        'desk@demo.tripdesk.test',
        'Front desk',
        'Wren Pantheon Hotel, Rome',
        'Change role Disable Reset password…',
      ],
    ]);
  });

  it('makes an agent front desk at a hotel picked by name', async () => {
    let users = [admin, agent, desk];
    const { server, user } = await openUsers(users);
    server
      .on('PATCH', `/api/users/${agent.id}`, (r) => {
        const changed = { ...agent, ...(r.body as object) } as User;
        users = users.map((u) => (u.id === agent.id ? changed : u));
        return { status: 200, body: changed };
      })
      .on('GET', '/api/users', () => ({ status: 200, body: { items: users } }));
    const change = within(screen.getByText('Alan Agent').closest('tr')!).getByRole('button', {
      name: 'Change role',
    });
    expect(document.getElementById(change.getAttribute('aria-describedby')!)?.textContent).toBe('Alan Agent');
    await user.click(change);
    const dialog = screen.getByRole('dialog', { name: 'Role of Alan Agent' });
    await user.selectOptions(within(dialog).getByLabelText('Role'), 'Front desk');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByText('Choose the hotel whose desk they staff.')).toBeVisible();
    expect(server.requests.some((r) => r.method === 'PATCH')).toBe(false);

    const hotel = within(dialog).getByLabelText('Hotel');
    await within(hotel).findByRole('option', { name: 'Lumen Museum Quarter Hotel' });
    expect(
      within(hotel)
        .getAllByRole('group')
        .map((g) => g.getAttribute('label')),
    ).toEqual(['Amsterdam', 'Rome']);
    await user.selectOptions(hotel, 'Lumen Museum Quarter Hotel');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(
      await screen.findByText('Alan Agent is now Front desk at Lumen Museum Quarter Hotel, Amsterdam.'),
    ).toBeVisible();
    expect(server.requests.find((r) => r.method === 'PATCH')?.body).toEqual({
      role: 'frontdesk',
      hotelId: 'htl_2',
    });
  });

  it('disables a user after asking, and enables them again', async () => {
    let users = [admin, agent, desk];
    const { server, user } = await openUsers(users);
    server
      .on('PATCH', `/api/users/${desk.id}`, (r) => {
        const changed = { ...desk, ...(r.body as object) } as User;
        users = users.map((u) => (u.id === desk.id ? changed : u));
        return { status: 200, body: changed };
      })
      .on('GET', '/api/users', () => ({ status: 200, body: { items: users } }));
    await user.click(screen.getByRole('button', { name: 'Disable Dana Desk' }));
    const dialog = screen.getByRole('dialog', { name: 'Disable Dana Desk?' });
    expect(within(dialog).getByText(/signed out everywhere at once/)).toBeVisible();
    await user.click(within(dialog).getByRole('button', { name: 'Disable account' }));
    expect(await screen.findByText('Dana Desk is disabled and signed out.')).toBeVisible();
    const row = screen.getByText('Dana Desk').closest('tr')!;
    expect(within(row).getByText('disabled')).toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Enable Dana Desk' }));
    await user.click(screen.getByRole('button', { name: 'Enable account' }));
    expect(await screen.findByText('Dana Desk is enabled and can sign in again.')).toBeVisible();
    expect(server.requests.filter((r) => r.method === 'PATCH').map((r) => r.body)).toEqual([
      { disabled: true },
      { disabled: false },
    ]);
  });

  it('offers no role change or disabling of the signed-in administrator', async () => {
    await openUsers();
    const own = within(screen.getByRole('table', { name: 'Users' }))
      .getByText('Ada Admin')
      .closest('tr')!;
    expect(within(own).queryByRole('button', { name: 'Change role' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Disable Ada Adminyou' })).toBeNull();
  });

  it('asks for a hotel only when the new user is front desk', async () => {
    const { user } = await openUsers();
    await user.click(screen.getByRole('button', { name: 'New user' }));
    const role = screen.getByLabelText('Role');
    expect(screen.queryByLabelText('Hotel')).toBeNull();

    await user.selectOptions(role, 'Front desk');
    expect(screen.getByLabelText('Hotel')).toBeVisible();

    await user.selectOptions(role, 'Administrator');
    expect(screen.queryByLabelText('Hotel')).toBeNull();
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
    expect(screen.getByText('Enter the person’s name.')).toBeVisible();
    expect(screen.getByText('Hotel is required for a front desk user.')).toBeVisible();
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
    ).toBeVisible();
    expect(within(screen.getByRole('table', { name: 'Users' })).getByText('Nina New')).toBeVisible();
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
    const hotel = screen.getByLabelText('Hotel');
    await within(hotel).findByRole('option', { name: 'Wren Pantheon Hotel' });
    await user.selectOptions(hotel, 'Wren Pantheon Hotel');
    await user.type(screen.getByLabelText('Password'), 'long-enough-2');
    await user.click(screen.getByRole('button', { name: 'Create user' }));
    await screen.findByText(/^Created Desk Two/);
    expect(server.requests.find((r) => r.method === 'POST')?.body).toMatchObject({
      role: 'frontdesk',
      hotelId: 'htl_1',
    });
  });

  it('states the password rule of the chosen role, and the server’s reason beside the field', async () => {
    const { server, user } = await openUsers();
    server.on('POST', '/api/users', () =>
      problem(400, 'validation_failed', 'This is one of the most common passwords.', {
        errors: [
          {
            path: 'body.password',
            message: 'This is one of the most common passwords, which attackers try first. Choose another.',
          },
        ],
      }),
    );
    await user.click(screen.getByRole('button', { name: 'New user' }));
    const password = screen.getByLabelText('Password');
    expect(password).toHaveAccessibleDescription(
      /At least 8 characters; not a common password, nor the email/,
    );
    await user.selectOptions(screen.getByLabelText('Role'), 'Administrator');
    expect(password).toHaveAccessibleDescription(/At least 12 characters/);
    await user.type(screen.getByLabelText('Name'), 'Pat Weak');
    await user.type(screen.getByLabelText('Email'), 'pat@demo.tripdesk.test');
    await user.type(password, 'Password1234{Enter}');
    expect(
      await screen.findByText(
        'This is one of the most common passwords, which attackers try first. Choose another.',
      ),
    ).toBeVisible();
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(document.activeElement).toBe(password);
  });
});

describe('Users: password reset', () => {
  it('resets after asking, shows the temporary password once with a copy button', async () => {
    let users = [admin, agent, desk];
    const { server, user } = await openUsers(users);
    server
      .on('POST', `/api/users/${agent.id}/password-reset`, () => {
        users = users.map((u) => (u.id === agent.id ? { ...agent, mustChangePassword: true } : u));
        return {
          status: 200,
          body: { user: { ...agent, mustChangePassword: true }, temporaryPassword: 'k7mp-q2xr-9fbt-hw3d' },
        };
      })
      .on('GET', '/api/users', () => ({ status: 200, body: { items: users } }));
    await user.click(screen.getByRole('button', { name: 'Reset the password of Alan Agent…' }));
    const ask = screen.getByRole('dialog', { name: 'Reset the password of Alan Agent?' });
    expect(within(ask).getByText(/signed out everywhere at once/)).toBeVisible();
    await user.click(within(ask).getByRole('button', { name: 'Reset password' }));

    const shown = await screen.findByRole('dialog', { name: 'Temporary password for Alan Agent' });
    expect(within(shown).getByRole('textbox', { name: 'Temporary password' })).toHaveValue(
      'k7mp-q2xr-9fbt-hw3d',
    );
    expect(within(shown).getByText(/shown only now/)).toBeVisible();
    await user.click(within(shown).getByRole('button', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe('k7mp-q2xr-9fbt-hw3d');
    expect(within(shown).getByText('Copied.')).toBeVisible();
    await user.click(within(shown).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByText('k7mp-q2xr-9fbt-hw3d')).toBeNull();
    expect(screen.getByText(/Alan Agent is signed out and must choose a new password/)).toBeVisible();
    expect(within(screen.getByText('Alan Agent').closest('tr')!).getByText('new password due')).toBeVisible();
  });

  it('says why a reset was refused', async () => {
    const { server, user } = await openUsers();
    server.on(
      'POST',
      `/api/users/${agent.id}/password-reset`,
      problem(404, 'not_found', 'The user was not found.'),
    );
    await user.click(screen.getByRole('button', { name: 'Reset the password of Alan Agent…' }));
    await user.click(screen.getByRole('button', { name: 'Reset password' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/does not exist/);
  });
});
