export const usersQueryKey = ['users'] as const;
