import { createContext, useContext } from 'react';
import { ApiClient, ApiError } from '../api/client';
import type { Role } from '../api/types';

const STORAGE_KEY = 'runbook.apiKey';

/** Who is signed in. `roles` is undefined when the host cannot say (no GET /api/me). */
export interface Session {
  client: ApiClient;
  name?: string;
  roles?: string[];
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

export function useClient(): ApiClient {
  return useSession().client;
}

/** The roles the host gives every admin besides admin (not approver: an admin approves only when also made an approver). */
const impliedByAdmin: readonly Role[] = ['operator', 'viewer'];

/**
 * Whether to offer an action that needs `role`. When the roles are unknown the action is offered
 * and the server's 403 is shown if the key lacks the role.
 */
export function hasRole(session: Session, role: Role): boolean {
  const roles = session.roles;
  return roles === undefined || roles.includes(role) || (roles.includes('admin') && impliedByAdmin.includes(role));
}

export function storedKey(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

export function storeKey(key: string | null): void {
  if (key) sessionStorage.setItem(STORAGE_KEY, key);
  else sessionStorage.removeItem(STORAGE_KEY);
}

/**
 * Checks a key: `GET /api/me` when the host has it, otherwise a viewer probe (`GET /api/workflows`).
 * Throws ApiError 401 for a bad key.
 */
export async function signIn(apiKey: string): Promise<Session> {
  const client = new ApiClient({ apiKey });
  const me = await client.me();
  if (me) return { client, name: me.name, roles: me.roles };
  try {
    await client.workflows();
    return { client };
  } catch (e) {
    // 403 here: a valid key without the viewer role; still signed in, the pages will say so.
    if (e instanceof ApiError && e.status === 403) return { client, roles: [] };
    throw e;
  }
}
