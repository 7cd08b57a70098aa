import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, passwordProblem } from './password-policy.ts';

export const RoleSchema = z.enum(['admin', 'agent', 'frontdesk']);
export type Role = z.infer<typeof RoleSchema>;

export const IdSchema = z.string().min(1).max(100);

export const UserSchema = z
  .object({
    id: IdSchema,
    email: z.email(),
    name: z.string(),
    role: RoleSchema,
    hotelId: IdSchema.optional(),
    disabled: z.boolean().optional(),
    mustChangePassword: z
      .boolean()
      .optional()
      .meta({ description: 'Extension: an admin reset the password; the user must choose a new one.' }),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof UserSchema>;

const Email = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());
export const PasswordSchema = z
  .string()
  .min(8, 'Use at least 8 characters.')
  .max(MAX_PASSWORD_LENGTH)
  .meta({
    description:
      'At least 12 characters for an admin, 8 for others; not a common password, a run of one character, ' +
      'a simple sequence, or the email (NIST SP 800-63B).',
  });
const Name = z.string().trim().min(1).max(200);

export const LoginRequestSchema = z
  .object({
    email: z.string().trim().max(254).toLowerCase(),
    password: z.string().min(1).max(256),
  })
  .meta({ id: 'LoginRequest' });
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const LoginResponseSchema = z
  .object({ token: z.string(), user: UserSchema, expiresAt: z.iso.datetime({ offset: true }).optional() })
  .meta({ id: 'LoginResponse' });
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

export const CreateUserRequestSchema = z
  .object({
    email: Email,
    name: Name,
    role: RoleSchema,
    password: PasswordSchema,
    hotelId: IdSchema.optional(),
  })
  .refine((u) => u.role !== 'frontdesk' || u.hotelId !== undefined, {
    path: ['hotelId'],
    message: 'hotelId is required for a frontdesk user',
  })
  .superRefine((u, ctx) => {
    // Object checks run even when a field failed: judge only a password that parsed, for a known role.
    if (typeof u.password !== 'string' || u.password.length < 8 || !RoleSchema.safeParse(u.role).success)
      return;
    const problem = passwordProblem(u.password, {
      role: u.role,
      email: typeof u.email === 'string' ? u.email : undefined,
    });
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
  })
  .meta({ id: 'CreateUserRequest' });
export type CreateUserRequest = z.infer<typeof CreateUserRequestSchema>;

/** Extension: admins change a user's name, role, hotel, password or disable them. */
export const UpdateUserRequestSchema = z
  .object({
    name: Name.optional(),
    role: RoleSchema.optional(),
    hotelId: IdSchema.nullable().optional(),
    password: PasswordSchema.optional(),
    disabled: z.boolean().optional(),
  })
  .meta({ id: 'UpdateUserRequest' });
export type UpdateUserRequest = z.infer<typeof UpdateUserRequestSchema>;

export const UserListSchema = z.object({ items: z.array(UserSchema) }).meta({ id: 'UserList' });
export type UserList = z.infer<typeof UserListSchema>;

/** Path of `/api/users/{userId}`. */
export const UserParamsSchema = z.object({ userId: IdSchema });
export type UserParams = z.infer<typeof UserParamsSchema>;
