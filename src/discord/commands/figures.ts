import { SlashCommandBuilder } from 'discord.js';
import { autocompletePlaces, figuresAnswer } from '../../answers/index.js';
import type { Command } from '../command.js';
import { focusedText, privateOption, requiredText } from '../options.js';

const PLACE = { name: 'place', label: 'place name', max: 100 } as const;

export const data = new SlashCommandBuilder()
  .setName('figures')
  .setDescription('Every job, £ and per cent figure reported for a council area, each cited')
  .addStringOption((o) =>
    o.setName(PLACE.name).setDescription('Council area or town, e.g. Birmingham').setRequired(true).setMaxLength(PLACE.max).setAutocomplete(true),
  )
  .addBooleanOption(privateOption);

export default {
  data,
  defer: true,
  execute: (interaction, { knowledge }) => ({
    answer: figuresAnswer(knowledge.current(), { place: requiredText(interaction, PLACE) }),
  }),
  autocomplete: (interaction, { knowledge }) => autocompletePlaces(knowledge.current(), focusedText(interaction, PLACE.max)),
} satisfies Command;
