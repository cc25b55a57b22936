import { SlashCommandBuilder } from 'discord.js';
import { autocompletePlaces, consultationsAnswer } from '../../answers/index.js';
import type { Command } from '../command.js';
import { focusedText, optionalText, privateOption } from '../options.js';

const PLACE = { name: 'place', label: 'place name', max: 100 } as const;

export const data = new SlashCommandBuilder()
  .setName('consultations')
  .setDescription('Council consultations still open, soonest closing first')
  .addStringOption((o) =>
    o.setName(PLACE.name).setDescription('Only consultations for this council area or town').setMaxLength(PLACE.max).setAutocomplete(true),
  )
  .addBooleanOption(privateOption);

export default {
  data,
  execute: (interaction, { knowledge }) => {
    const place = optionalText(interaction, PLACE);
    return { answer: consultationsAnswer(knowledge.current(), place === undefined ? {} : { place }) };
  },
  autocomplete: (interaction, { knowledge }) => autocompletePlaces(knowledge.current(), focusedText(interaction, PLACE.max)),
} satisfies Command;
