import { z } from 'zod';
import { InviteKey } from './api';
import { Role } from './roles';

/** `POST /api/boards/:id/invite-role`: which role an invite link gives, so the join page can say it. */
export const InviteRoleBody = z.object({ invite: InviteKey }).strict();
export type InviteRoleBody = z.infer<typeof InviteRoleBody>;
export const InviteRoleResponse = z.object({ role: Role });
export type InviteRoleResponse = z.infer<typeof InviteRoleResponse>;
