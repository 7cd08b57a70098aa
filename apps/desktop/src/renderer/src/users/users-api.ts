import { UserSchema, type Role, type UpdateUserRequest, type User } from '@tripdesk/shared';
import { api } from '../api/client.ts';

export const usersQueryKey = ['users'] as const;

export interface NewUser {
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly password: string;
  /** The hotel whose desk a front desk user staffs; only for that role. */
  readonly hotelId?: string;
}

export async function fetchUsers(): Promise<User[]> {
  const response = await api.get('/api/users');
  return UserSchema.array().parse((response.data as { items?: unknown }).items);
}

export async function createUser(newUser: NewUser): Promise<User> {
  const response = await api.post('/api/users', newUser);
  return UserSchema.parse(response.data);
}

/** Changes a user's role, hotel or name, or disables or enables them (`PATCH /api/users/{id}`). */
export async function updateUser(userId: string, change: UpdateUserRequest): Promise<User> {
  const response = await api.patch(`/api/users/${encodeURIComponent(userId)}`, change);
  return UserSchema.parse(response.data);
}
