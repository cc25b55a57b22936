import { escapeText } from '../../escape.js';
import { reminderId, subcommand } from './subcommand.js';

const t = (ms: number) => `<t:${Math.floor(ms / 1000)}:F>`;

/** A member's own "Remind me" direct messages in this server, and cancelling one. */
export default subcommand({
  name: 'mine',
  description: 'Your own Remind me reminders (direct messages before a consultation closes)',
  options: { cancel: { kind: 'string', description: 'Cancel one: its number from this list', max: 20 } },
  execute: async (args, { rt, guildId, interaction }) => {
    const personal = rt.personal;
    const userId = interaction.user.id;
    if (args.cancel !== undefined) {
      const id = reminderId(args.cancel, '`/remind mine`');
      const done = await personal.cancel(userId, id, rt.deps.clock.now());
      return { message: done ? `Reminder ${id} cancelled: no more direct messages for it.` : `You have no reminder ${id}. \`/remind mine\` lists yours.`, ephemeral: true };
    }
    const mine = await personal.mine(userId, guildId);
    if (mine.length === 0) return { message: 'You have no Remind me reminders in this server. Press Remind me under a consultation in /consultations.', ephemeral: true };
    const lines = mine.map(
      (r) => `**${r.id}.** ${escapeText(r.title)}: closes ${t(r.closesMs)}; ${r.pendingMs.length ? `messages ${r.pendingMs.map(t).join(' and ')}` : 'no messages left'}`,
    );
    return { message: ['Your reminders (cancel one with `/remind mine cancel:<number>`):', ...lines].join('\n'), ephemeral: true };
  },
});
