import { SlashCommandBuilder } from 'discord.js';
import { autocompletePlaces } from '../../answers/index.js';
import { resolvePlace } from '../../knowledge/places.js';
import { canManage } from '../../reminders/service.js';
import { whyCannotPostIn } from '../channel-check.js';
import { UserFacingError, type Command, type CommandResult } from '../command.js';
import { escapeText } from '../escape.js';
import { itemsOf } from '../follow-announcer.js';
import { addOptions, focusedText, readOptions } from '../options.js';
import { withStoreFaults } from '../store-faults.js';
import { actorOf, reminderId, TEXT_CHANNELS } from './remind/subcommand.js';

/** /follow: a channel hears once of every new article and consultation about a place (organisers). */

const PLACE = { kind: 'string', label: 'place name', description: 'Council area or town, e.g. Birmingham', required: true, autocomplete: true, max: 100 } as const;
const OPTIONS = {
  place: { place: PLACE, channel: { kind: 'channel', description: 'Where to post them', required: true, channelTypes: TEXT_CHANNELS } },
  list: {},
  stop: { follow: { kind: 'string', description: 'The number shown by /follow list', required: true, max: 20 } },
} as const;

export const data = new SlashCommandBuilder()
  .setName('follow')
  .setDescription('Organisers: post new articles and consultations about a place in a channel')
  .setDMPermission(false)
  .addSubcommand((s) => addOptions(s.setName('place').setDescription('Follow a council area or town in a channel'), OPTIONS.place))
  .addSubcommand((s) => s.setName('list').setDescription("This server's follows"))
  .addSubcommand((s) => addOptions(s.setName('stop').setDescription('Stop a follow'), OPTIONS.stop));

const privately = (message: string): CommandResult => ({ message, ephemeral: true });

export default withStoreFaults({
  data,
  private: true,
  async execute(interaction, ctx) {
    const guildId = interaction.guildId;
    const rt = ctx.reminders;
    if (!guildId) throw new UserFacingError('Follows belong to a server; use /follow in a server channel.');
    if (!rt) throw new UserFacingError('Follows are kept with the reminders, which are not switched on for this bot.');
    const follows = rt.follows;
    const sub = interaction.options.getSubcommand(true);
    if (sub === 'list') {
      const all = await follows.ofGuild(guildId);
      if (all.length === 0) return privately('This server follows no place yet. `/follow place` starts one.');
      return privately(['Follows in this server (stop one with `/follow stop`):', ...all.map((f) => `**${f.id}.** ${escapeText(f.place)} in <#${f.channelId}>`)].join('\n'));
    }
    if (!canManage(rt.deps, await rt.store.settings(guildId), actorOf(interaction))) {
      return privately('Only organisers (Manage Events, or the organiser role set with `/remind settings`) can start or stop follows.');
    }
    const now = rt.deps.clock.now();
    if (sub === 'stop') {
      const id = reminderId(readOptions(interaction, OPTIONS.stop).follow, '`/follow list`');
      return privately((await follows.stop(guildId, id, now)) ? `Follow ${id} stopped: nothing more will be posted for it.` : `There is no follow ${id} in this server. \`/follow list\` shows them.`);
    }
    const args = readOptions(interaction, OPTIONS.place);
    const problem = await whyCannotPostIn(interaction, args.channel);
    if (problem) return privately(problem);
    const kb = ctx.knowledge.current();
    const r = resolvePlace(kb, args.place);
    if (r.kind !== 'found') {
      const near = r.suggestions.length ? ` Did you mean ${r.suggestions.slice(0, 5).map((s) => `**${escapeText(s)}**`).join(', ')}?` : '';
      return privately(`No place called “${escapeText(args.place)}” is in the knowledge base.${near}`);
    }
    const known = itemsOf(kb, r.place.name).map((i) => i.key);
    const { created, follow } = await follows.follow(guildId, args.channel, r.place.name, interaction.user.id, known, now);
    return privately(
      created
        ? `Following ${escapeText(r.place.name)} in <#${args.channel}> (follow ${follow.id}): each new article and consultation about it will be posted there once. The ${known.length} already known are not.`
        : `<#${args.channel}> already follows ${escapeText(r.place.name)} (follow ${follow.id}).`,
    );
  },
  autocomplete: (interaction, { knowledge }) => autocompletePlaces(knowledge.current(), focusedText(interaction, PLACE.max)),
} satisfies Command);
