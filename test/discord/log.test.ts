import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';

const capture = () => {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (s: string) => void lines.push(s) } });
  return { logger, text: () => lines.join('') };
};

describe('logger', () => {
  it('never writes the bot token', () => {
    const { logger, text } = capture();
    const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.topsecretvalue';
    logger.info({ config: { DISCORD_TOKEN: token, LOG_LEVEL: 'info' } }, 'config');
    logger.info({ DISCORD_TOKEN: token }, 'flat');
    logger.info({ token }, 'token');
    logger.info({ req: { headers: { authorization: `Bot ${token}` } } }, 'request');
    expect(text()).not.toContain('topsecretvalue');
    expect(text()).toContain('[redacted]');
  });

  it('keeps interaction tokens out of logged request errors', () => {
    const { logger, text } = capture();
    const err = Object.assign(new Error('Unknown interaction'), {
      url: 'https://discord.com/api/v10/interactions/1234567890/aW50ZXJhY3Rpb24SECRET/callback?with_response=false',
    });
    logger.error({ err }, 'failed');
    expect(text()).not.toContain('SECRET');
    expect(text()).toContain('/interactions/1234567890/:token/callback');
  });
});
