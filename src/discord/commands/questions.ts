import { SlashCommandBuilder } from 'discord.js';
import { answerQuestion, QUESTIONS, type Question } from '../../answers/index.js';
import type { Command } from '../command.js';
import { addOptions, focusedText, PRIVATE_OPTION, PRIVATE_SPEC, readOptions, type OptionSpecs } from '../options.js';

/** The slash command of a catalogue question: its one text option (if any), then `private`. */
export function questionCommand(q: Question): Command {
  const opt = q.option;
  const specs: OptionSpecs = {
    ...(opt
      ? { [opt.name]: { kind: 'string', label: opt.label, description: opt.description, max: opt.max, required: opt.required, autocomplete: opt.suggest !== undefined } }
      : {}),
    [PRIVATE_OPTION]: PRIVATE_SPEC,
  };
  const data = addOptions(new SlashCommandBuilder().setName(q.name).setDescription(q.description), specs);
  const suggest = opt?.suggest;
  return {
    data,
    ...(q.slow ? { defer: true } : {}),
    ...(q.cooldownMs ? { cooldownMs: q.cooldownMs } : {}),
    execute: (interaction, { knowledge }) => {
      const input = opt ? readOptions(interaction, specs)[opt.name] : undefined;
      const text = typeof input === 'string' ? input : undefined;
      return { answer: answerQuestion(q, knowledge.current(), text), asked: { name: q.name, input: text } };
    },
    ...(suggest ? { autocomplete: (interaction, { knowledge }) => suggest(knowledge.current(), focusedText(interaction, opt!.max)) } : {}),
  };
}

export const questionCommands: Command[] = QUESTIONS.map(questionCommand);
