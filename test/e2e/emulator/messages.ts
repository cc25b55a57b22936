/** Messages as the emulator stores them, and as the API returns them. */
import { MessageFlags, MessageType, type APIEmbed, type APIMessage } from 'discord-api-types/v10';
import { formErrors, snowflake } from './http.js';
import type { SentMessage, UploadedFile } from './types.js';
import { validateMessageBody } from './validate.js';
import type { World } from './world.js';

export function makeMessage(channelId: string, body: Record<string, unknown>, files: UploadedFile[], extra: { ephemeral?: boolean } = {}): SentMessage {
  const flags = Number(body.flags ?? 0);
  return {
    id: snowflake(),
    channelId,
    content: typeof body.content === 'string' ? body.content : '',
    embeds: (body.embeds as APIEmbed[] | undefined) ?? [],
    flags,
    ephemeral: extra.ephemeral ?? (flags & MessageFlags.Ephemeral) !== 0,
    allowedMentions: body.allowed_mentions,
    components: (body.components as unknown[] | undefined) ?? [],
    files,
    ...(body.nonce !== undefined ? { nonce: body.nonce as string | number } : {}),
    bodies: [body],
  };
}

export function editMessage(m: SentMessage, body: Record<string, unknown>, files: UploadedFile[]): void {
  if ('content' in body) m.content = typeof body.content === 'string' ? body.content : '';
  if ('embeds' in body) m.embeds = (body.embeds as APIEmbed[] | null) ?? [];
  if ('components' in body) m.components = (body.components as unknown[] | null) ?? [];
  if ('allowed_mentions' in body) m.allowedMentions = body.allowed_mentions;
  if (files.length > 0) m.files = files;
  m.bodies.push(body);
}

export function apiMessage(world: World, m: SentMessage, extra: Partial<APIMessage> = {}): APIMessage {
  const fileUrl = (f: UploadedFile) => `${world.baseUrl}/attachments/${m.channelId}/${m.id}/${encodeURIComponent(f.filename)}`;
  return {
    id: m.id,
    channel_id: m.channelId,
    author: world.botUser,
    content: m.content,
    timestamp: new Date(world.now()).toISOString(),
    edited_timestamp: m.bodies.length > 1 ? new Date(world.now()).toISOString() : null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: m.files.map((f, i) => ({
      id: String(i),
      filename: f.filename,
      size: f.data.length,
      url: fileUrl(f),
      proxy_url: fileUrl(f),
      ...(f.contentType ? { content_type: f.contentType } : {}),
    })),
    embeds: m.embeds,
    pinned: false,
    type: MessageType.Default,
    flags: m.flags,
    components: m.components as APIMessage['components'],
    ...(m.nonce !== undefined ? { nonce: m.nonce } : {}),
    ...extra,
  };
}

/** A message body Discord would accept, or the 400 it would answer. */
export function checkBody(body: unknown, creating: boolean): Record<string, unknown> {
  if (typeof body !== 'object' || body === null) throw formErrors([{ path: '_', message: 'Expected an object.' }]);
  const problems = validateMessageBody(body as Record<string, unknown>, { creating });
  if (problems.length > 0) throw formErrors(problems);
  return body as Record<string, unknown>;
}
