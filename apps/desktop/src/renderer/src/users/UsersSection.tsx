import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { User } from '@tripdesk/shared';
import { ROLE_LABELS } from '../shell/sections.ts';
import { NewUserForm } from './NewUserForm.tsx';
import { fetchUsers, usersQueryKey } from './users-api.ts';

/** Admin: the people who can sign in, and a form to add one. */
export function UsersSection({ currentUserId }: { currentUserId: string }) {
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: usersQueryKey, queryFn: fetchUsers });
  const [formOpen, setFormOpen] = useState(false);
  const [created, setCreated] = useState<User | null>(null);

  const onCreated = (user: User) => {
    setFormOpen(false);
    setCreated(user);
    queryClient.setQueryData<User[]>(usersQueryKey, (list) => (list ? [...list, user] : list));
    void queryClient.invalidateQueries({ queryKey: usersQueryKey });
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

      <p role="status" className={created ? 'notice notice-good' : 'visually-hidden'}>
        {created ? `Created ${created.name} (${ROLE_LABELS[created.role]}, ${created.email}).` : ''}
      </p>

      {users.isPending ? <p className="muted">Loading users…</p> : null}
      {users.isError ? (
        <div className="form-error" role="alert">
          <p>{users.error.message}</p>
          <button type="button" className="button button-small" onClick={() => void users.refetch()}>
            Try again
          </button>
        </div>
      ) : null}
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
              </tr>
            </thead>
            <tbody>
              {users.data.map((user) => (
                <tr key={user.id} className={user.id === created?.id ? 'row-new' : undefined}>
                  <td>
                    {user.name}
                    {user.id === currentUserId ? <span className="tag">you</span> : null}
                    {user.disabled ? <span className="tag tag-muted">disabled</span> : null}
                  </td>
                  <td className="mono">{user.email}</td>
                  <td>{ROLE_LABELS[user.role]}</td>
                  <td className="mono">{user.hotelId ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted table-count">
            {users.data.length} {users.data.length === 1 ? 'user' : 'users'}
          </p>
        </div>
      ) : null}
    </section>
  );
}
