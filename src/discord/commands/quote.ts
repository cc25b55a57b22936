import { SlashCommandBuilder } from 'discord.js';
import { autocompleteSpeakersOrTopics, quoteAnswer } from '../../answers/index.js';
import type { Command } from '../command.js';
import { focusedText, privateOption, requiredText } from '../options.js';

const QUERY = { name: 'speaker-or-topic', label: 'speaker or topic', max: 100 } as const;

export const data = new SlashCommandBuilder()
  .setName('quote')
  .setDescription('Who said what: quotes by a speaker or about a topic, each cited')
  .addStringOption((o) =>
    o.setName(QUERY.name).setDescription('A name (e.g. Hamilton) or a topic (e.g. enablement)').setRequired(true).setMaxLength(QUERY.max).setAutocomplete(true),
  )
  .addBooleanOption(privateOption);

export default {
  data,
  defer: true,
  execute: (interaction, { knowledge }) => ({
    answer: quoteAnswer(knowledge.current(), { query: requiredText(interaction, QUERY) }),
  }),
  autocomplete: (interaction, { knowledge }) =>
    autocompleteSpeakersOrTopics(knowledge.current(), focusedText(interaction, QUERY.max)),
} satisfies Command;
