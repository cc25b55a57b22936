import type { Command } from '../command.js';
import follow from './follow.js';
import kb from './kb.js';
import { questionCommands } from './questions.js';
import remind from './remind.js';

/** Every slash command, in the order /help and the deploy list show them: the catalogue's questions, then the rest. */
export const commands: Command[] = [...questionCommands, remind, follow, kb];
