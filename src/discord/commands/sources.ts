import { SlashCommandBuilder } from 'discord.js';
import { autocompletePlaces, sourcesAnswer } from '../../answers/index.js';
import type { Command } from '../command.js';
import { focusedText, optionalText, privateOption } from '../options.js';

const PLACE = { name: 'place', label: 'place name', max: 100 } as const;

export const data = new SlashCommandBuilder()
  .setName('sources')
  .setDescription('The articles the answers come from, for one place or all')
  .addStringOption((o) =>
    o.setName(PLACE.name).setDescription('Only articles about this council area or town').setMaxLength(PLACE.max).setAutocomplete(true),
  )
  .addBooleanOption(privateOption);

export default {
  data,
  execute: (interaction, { knowledge }) => {
    const place = optionalText(interaction, PLACE);
    return { answer: sourcesAnswer(knowledge.current(), place === undefined ? {} : { place }) };
  },
  autocomplete: (interaction, { knowledge }) => autocompletePlaces(knowledge.current(), focusedText(interaction, PLACE.max)),
} satisfies Command;
