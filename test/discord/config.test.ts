import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, ConfigSchema, loadConfig, loadSettings, MissingTokenError } from '../../src/config.js';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';
const APP = '123456789012345678';
const base = { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP };

function failure(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('fills the defaults', () => {
    expect(loadConfig(base)).toEqual({
      ...base,
      KNOWLEDGE_DIR: 'knowledge',
      LOG_LEVEL: 'info',
      DATA_DIR: 'data',
      ATTACHMENT_HOSTS: ['cdn.discordapp.com', 'media.discordapp.net'],
      HEALTH_HOST: '127.0.0.1',
    });
  });

  it('reads the health server settings and refuses a port that is not one', () => {
    expect(loadConfig({ ...base, HEALTH_PORT: '9464', HEALTH_HOST: '0.0.0.0' })).toMatchObject({ HEALTH_PORT: 9464, HEALTH_HOST: '0.0.0.0' });
    expect(() => loadConfig({ ...base, HEALTH_PORT: '70000' })).toThrow('HEALTH_PORT must be 0–65535');
    expect(() => loadConfig({ ...base, HEALTH_PORT: 'eighty' })).toThrow('HEALTH_PORT must be a port number');
  });

  it('reads every optional setting', () => {
    const config = loadConfig({
      ...base,
      DISCORD_GUILD_ID: '223456789012345678',
      KNOWLEDGE_DIR: '/srv/knowledge',
      LOG_LEVEL: 'DEBUG',
      DISCORD_API_BASE: 'http://127.0.0.1:9999/api',
      DATA_DIR: '/srv/data',
      MOD_LOG_CHANNEL_ID: '323456789012345678',
      MODERATOR_ROLE_ID: '423456789012345678',
      ORGANISER_ROLE_ID: '523456789012345678',
    });
    expect(config).toMatchObject({ LOG_LEVEL: 'debug', DISCORD_GUILD_ID: '223456789012345678', ORGANISER_ROLE_ID: '523456789012345678' });
  });

  it('reads the server lists and attachment hosts, trimming spaces and a trailing comma', () => {
    const config = loadConfig({
      ...base,
      KB_GUILD_IDS: ' 223456789012345678, 323456789012345678,',
      ALLOWED_GUILD_IDS: '223456789012345678',
      ATTACHMENT_HOSTS: 'CDN.discordapp.com, 127.0.0.1:8080',
    });
    expect(config.KB_GUILD_IDS).toEqual(['223456789012345678', '323456789012345678']);
    expect(config.ALLOWED_GUILD_IDS).toEqual(['223456789012345678']);
    expect(config.ATTACHMENT_HOSTS).toEqual(['cdn.discordapp.com', '127.0.0.1:8080']);
    expect(loadConfig({ ...base, KB_GUILD_IDS: '' }).KB_GUILD_IDS).toBeUndefined();
  });

  it('names a bad server list or host list and says how to fix it', () => {
    expect(failure({ ...base, KB_GUILD_IDS: '223456789012345678,my server' }).message).toMatch(/^KB_GUILD_IDS must list server ids of 17–20 digits separated by commas .*Copy Server ID/);
    expect(failure({ ...base, ALLOWED_GUILD_IDS: ',' }).message).toMatch(/^ALLOWED_GUILD_IDS must list server ids/);
    expect(failure({ ...base, ATTACHMENT_HOSTS: 'https://cdn.discordapp.com/' }).message).toMatch(/^ATTACHMENT_HOSTS must list host names/);
  });

  it('reads a PostgreSQL DATABASE_URL and refuses anything else, naming the setting', () => {
    expect(loadConfig({ ...base, DATABASE_URL: 'postgres://cutsbot:pw@db.example.org:5432/cutsbot' }).DATABASE_URL).toBe(
      'postgres://cutsbot:pw@db.example.org:5432/cutsbot',
    );
    expect(loadConfig({ ...base, DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
    expect(failure({ ...base, DATABASE_URL: 'mysql://db/cutsbot' }).message).toBe(
      'DATABASE_URL must be a PostgreSQL URL such as postgres://cutsbot:secret@db.example.org:5432/cutsbot',
    );
  });

  it('explains how to get a token when there is none', () => {
    for (const token of [undefined, '', '   ']) {
      const error = failure({ DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: APP });
      expect(error).toBeInstanceOf(MissingTokenError);
      expect(error.message).toContain('Bot → Reset Token');
      expect(error.message).toContain('.env');
      expect(error.message).toContain('npm run ask -- "/cuts birmingham"');
    }
  });

  it('names the one bad variable in one line', () => {
    const error = failure({ ...base, DISCORD_APPLICATION_ID: 'my-bot' });
    expect(error.variables).toEqual(['DISCORD_APPLICATION_ID']);
    expect(error.message.split('\n')).toHaveLength(1);
    expect(error.message).toMatch(/^DISCORD_APPLICATION_ID must be the Application ID/);
  });

  it('says a required id is not set rather than showing a type error', () => {
    expect(failure({ DISCORD_TOKEN: TOKEN }).message).toBe('DISCORD_APPLICATION_ID is not set');
  });

  it('gives one line per bad variable', () => {
    const error = failure({ ...base, LOG_LEVEL: 'loud', DISCORD_API_BASE: 'discord.com', DISCORD_GUILD_ID: '12' });
    expect(error.variables.sort()).toEqual(['DISCORD_API_BASE', 'DISCORD_GUILD_ID', 'LOG_LEVEL']);
    expect(error.message.split('\n')).toHaveLength(3);
    expect(error.message).toContain('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent');
  });

  it('catches a pasted client secret and strips a "Bot " prefix', () => {
    expect(failure({ ...base, DISCORD_TOKEN: 'q1w2e3r4t5y6u7i8o9p0' }).message).toMatch(/^DISCORD_TOKEN does not look like a bot token/);
    expect(loadConfig({ ...base, DISCORD_TOKEN: `Bot ${TOKEN}` }).DISCORD_TOKEN).toBe(TOKEN);
  });

  it('treats NAME= lines copied from .env.example as unset', () => {
    const config = loadConfig({ ...base, DISCORD_GUILD_ID: '', DISCORD_API_BASE: '', LOG_LEVEL: '', KNOWLEDGE_DIR: '' });
    expect(config.DISCORD_GUILD_ID).toBeUndefined();
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.KNOWLEDGE_DIR).toBe('knowledge');
  });

  it('never puts the token in an error message', () => {
    const error = failure({ DISCORD_TOKEN: 'secret.secret.secret', DISCORD_APPLICATION_ID: 'x' });
    expect(error.message).not.toContain('secret');
  });

  it('reads a subset for tools that need no token', () => {
    expect(loadSettings({ KNOWLEDGE_DIR: '' }, ['KNOWLEDGE_DIR'])).toEqual({ KNOWLEDGE_DIR: 'knowledge' });
    expect(() => loadSettings({ LOG_LEVEL: 'loud' }, ['LOG_LEVEL'])).toThrow(/^LOG_LEVEL must be one of/);
  });

  it('is the only module that reads these variables from process.env', () => {
    const names = Object.keys(ConfigSchema.shape);
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const full = path.join(dir, entry);
        if (statSync(full).isDirectory()) walk(full);
        else if (full.endsWith('.ts') && !full.endsWith(path.join('src', 'config.ts'))) {
          const text = readFileSync(full, 'utf8');
          for (const name of names) if (new RegExp(`process\\.env(\\.${name}\\b|\\[['"]${name}['"]\\])`).test(text)) offenders.push(`${full}: ${name}`);
        }
      }
    };
    walk(path.resolve(import.meta.dirname, '../../src'));
    expect(offenders).toEqual([]);
  });
});
