import { SlashCommandBuilder } from 'discord.js';
import { searchAnswer } from '../../answers/index.js';
import type { Command } from '../command.js';
import { privateOption, requiredText } from '../options.js';

const QUERY = { name: 'query', label: 'search', max: 200 } as const;

export const data = new SlashCommandBuilder()
  .setName('search')
  .setDescription('Search every article for words, e.g. "enablement redundancies"')
  .addStringOption((o) => o.setName(QUERY.name).setDescription('Words to look for').setRequired(true).setMaxLength(QUERY.max))
  .addBooleanOption(privateOption);

export default {
  data,
  defer: true,
  cooldownMs: 10_000,
  execute: (interaction, { knowledge }) => ({
    answer: searchAnswer(knowledge.current(), { query: requiredText(interaction, QUERY) }),
  }),
} satisfies Command;
