import { useState } from 'react';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { User } from '@tripdesk/shared';
import { ROLE_LABELS } from '../shell/sections.ts';
import { DisableUserDialog, EditUserDialog } from './EditUserDialog.tsx';
import { NewUserForm } from './NewUserForm.tsx';
import { ResetPasswordDialog } from './ResetPasswordDialog.tsx';
import { LoadError } from '../ui/LoadError.tsx';
import { inventoryKeys, userKeys } from '../api/query-keys.ts';
import { call } from '../api/call.ts';

/** Hotel names by id, for the few hotels that have desk staff; an id shows until its name arrives. */
function useHotelNames(hotelIds: readonly string[]): ReadonlyMap<string, string> {
  const unique = [...new Set(hotelIds)].sort();
  return useQueries({
    queries: unique.map((id) => ({
      queryKey: inventoryKeys.hotel(id),
      queryFn: () => call('getHotel', { params: { hotelId: id } }),
      staleTime: 5 * 60_000,
    })),
    combine: (results) =>
      new Map(
        results.flatMap((r) => (r.data ? [[r.data.id, `${r.data.name}, ${r.data.city}`] as const] : [])),
      ),
  });
}

/** Admin: the people who can sign in, and a form to add one. */
export function UsersSection({ currentUserId }: { currentUserId: string }) {
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: userKeys.all, queryFn: async () => (await call('listUsers')).items });
  const [formOpen, setFormOpen] = useState(false);
  const [created, setCreated] = useState<User | null>(null);
  const [editing, setEditing] = useState<{ user: User; what: 'role' | 'access' | 'password' } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const hotelNames = useHotelNames((users.data ?? []).flatMap((u) => (u.hotelId ? [u.hotelId] : [])));

  const onSaved = (user: User, hotelName?: string) => {
    const before = editing?.user;
    setEditing(null);
    setCreated(null);
    queryClient.setQueryData<User[]>(userKeys.all, (list) => list?.map((u) => (u.id === user.id ? user : u)));
    void queryClient.invalidateQueries({ queryKey: userKeys.all });
    setNotice(
      before && before.disabled !== user.disabled
        ? `${user.name} is ${user.disabled ? 'disabled and signed out' : 'enabled and can sign in again'}.`
        : `${user.name} is now ${ROLE_LABELS[user.role]}${user.hotelId ? ` at ${hotelName ?? hotelNames.get(user.hotelId) ?? 'the chosen hotel'}` : ''}.`,
    );
  };

  const onCreated = (user: User) => {
    setFormOpen(false);
    setNotice(null);
    setCreated(user);
    queryClient.setQueryData<User[]>(userKeys.all, (list) => (list ? [...list, user] : list));
    void queryClient.invalidateQueries({ queryKey: userKeys.all });
  };

  return (
    <section className="section" aria-labelledby="section-title">
      <div className="section-head">
        <h1 id="section-title">Users</h1>
        {!formOpen ? (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setFormOpen(true);
              setCreated(null);
            }}
          >
            New user
          </button>
        ) : null}
      </div>

      {formOpen ? <NewUserForm onCreated={onCreated} onCancel={() => setFormOpen(false)} /> : null}

      <p role="status" className={created || notice ? 'notice notice-good' : 'visually-hidden'}>
        {created
          ? `Created ${created.name} (${ROLE_LABELS[created.role]}, ${created.email}).`
          : (notice ?? '')}
      </p>

      {users.isPending ? <p className="muted">Loading users…</p> : null}
      {users.isError ? <LoadError error={users.error} retry={() => void users.refetch()} /> : null}
      {users.data ? (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">Users</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Hotel</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((user) => (
                <tr
                  key={user.id}
                  className={user.id === created?.id ? 'row-new' : user.disabled ? 'row-disabled' : undefined}
                >
                  <td>
                    <span id={`user-name-${user.id}`}>{user.name}</span>
                    {user.id === currentUserId ? <span className="tag">you</span> : null}
                    {user.disabled ? <span className="tag tag-muted">disabled</span> : null}
                    {user.mustChangePassword ? <span className="tag tag-muted">new password due</span> : null}
                  </td>
                  <td className="mono">{user.email}</td>
                  <td>{ROLE_LABELS[user.role]}</td>
                  <td>
                    {user.hotelId
                      ? (hotelNames.get(user.hotelId) ?? <span className="mono">{user.hotelId}</span>)
                      : '—'}
                  </td>
                  <td className="actions">
                    {user.id !== currentUserId ? (
                      <>
                        <button
                          type="button"
                          className="button button-small"
                          // Named like the column, described by the row's person: "Change role, Alan Agent".
                          aria-describedby={`user-name-${user.id}`}
                          onClick={() => setEditing({ user, what: 'role' })}
                        >
                          Change role
                        </button>{' '}
                        <button
                          type="button"
                          className="button button-small"
                          aria-label={`${user.disabled ? 'Enable' : 'Disable'} ${user.name}`}
                          onClick={() => setEditing({ user, what: 'access' })}
                        >
                          {user.disabled ? 'Enable' : 'Disable'}
                        </button>{' '}
                        <button
                          type="button"
                          className="button button-small"
                          aria-label={`Reset the password of ${user.name}…`}
                          onClick={() => setEditing({ user, what: 'password' })}
                        >
                          Reset password…
                        </button>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted table-count">
            {users.data.length} {users.data.length === 1 ? 'user' : 'users'}
          </p>
        </div>
      ) : null}
      {editing?.what === 'role' ? (
        <EditUserDialog
          user={editing.user}
          isSelf={editing.user.id === currentUserId}
          onSaved={onSaved}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {editing?.what === 'password' ? (
        <ResetPasswordDialog
          user={editing.user}
          onReset={(user) => {
            setNotice(`${user.name} is signed out and must choose a new password at the next sign-in.`);
            setCreated(null);
            queryClient.setQueryData<User[]>(userKeys.all, (list) =>
              list?.map((u) => (u.id === user.id ? user : u)),
            );
          }}
          onClose={() => {
            setEditing(null);
            void queryClient.invalidateQueries({ queryKey: userKeys.all });
          }}
        />
      ) : null}
      {editing?.what === 'access' ? (
        <DisableUserDialog user={editing.user} onSaved={onSaved} onClose={() => setEditing(null)} />
      ) : null}
    </section>
  );
}
