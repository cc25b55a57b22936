import { randomBytes } from 'node:crypto';

/** Discord allows nonces of up to 25 characters; 18 random url-safe characters do not collide. */
export function newNonce(): string {
  return `cb${randomBytes(12).toString('base64url')}`;
}
