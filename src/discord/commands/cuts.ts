import { SlashCommandBuilder } from 'discord.js';
import { autocompletePlaces, cutsAnswer } from '../../answers/index.js';
import type { Command } from '../command.js';
import { focusedText, privateOption, requiredText } from '../options.js';

const PLACE = { name: 'place', label: 'place name', max: 100 } as const;

export const data = new SlashCommandBuilder()
  .setName('cuts')
  .setDescription('What is being cut in a council area, with key figures and quotes, each cited')
  .addStringOption((o) =>
    o.setName(PLACE.name).setDescription('Council area or town, e.g. Birmingham or Ebbw Vale').setRequired(true).setMaxLength(PLACE.max).setAutocomplete(true),
  )
  .addBooleanOption(privateOption);

export default {
  data,
  defer: true,
  cooldownMs: 10_000,
  execute: (interaction, { knowledge }) => ({
    answer: cutsAnswer(knowledge.current(), { place: requiredText(interaction, PLACE) }),
  }),
  autocomplete: (interaction, { knowledge }) => autocompletePlaces(knowledge.current(), focusedText(interaction, PLACE.max)),
} satisfies Command;
