import { createHash } from 'node:crypto';

/**
 * What identifies one version of a knowledge file's content: the SHA-256 of its bytes, hex. The
 * extraction cache is keyed by it and reloads compare it, so every reader hashes with this one function.
 */
export const fileHash = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');
