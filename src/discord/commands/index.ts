import type { Command } from '../command.js';
import consultations from './consultations.js';
import cuts from './cuts.js';
import figures from './figures.js';
import help from './help.js';
import kb from './kb.js';
import quote from './quote.js';
import remind from './remind.js';
import search from './search.js';
import sources from './sources.js';

/** Every slash command, in the order /help and the deploy list show them. Append new ones here. */
export const commands: Command[] = [cuts, quote, figures, search, sources, consultations, help, remind, kb];
