import { SlashCommandBuilder } from 'discord.js';
import { helpAnswer } from '../../answers/index.js';
import type { Command } from '../command.js';
import { privateOption } from '../options.js';

export const data = new SlashCommandBuilder()
  .setName('help')
  .setDescription('What cutsbot can answer, with an example of each command')
  .addBooleanOption(privateOption);

export default {
  data,
  execute: () => ({ answer: helpAnswer() }),
} satisfies Command;
