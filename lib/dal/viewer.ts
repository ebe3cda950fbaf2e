import type { Role } from '@/db/schema';

/** The signed-in user as the data access layer sees them: who is asking. */
export type Viewer = {
  userId: string;
  role: Role;
  organisationId: string | null;
  name: string;
  email: string;
  mustChangePassword: boolean;
};
