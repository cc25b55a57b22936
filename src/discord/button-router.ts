import { DiscordAPIError, MessageFlags, Routes, type ButtonInteraction } from 'discord.js';
import { answerQuestion, findQuestion } from '../answers/index.js';
import type { Answer } from '../answers/types.js';
import type { Logger } from '../log.js';
import { answerButtons, decodeButton, listingButtons, type ButtonAction } from './buttons.js';
import { storeFaultMessage } from './store-faults.js';
import type { CommandSettings } from './command.js';
import { decodeDraftButton, runDraftButton } from './kb-draft.js';
import type { KnowledgeKeeper } from '../knowledge/keeper.js';
import type { KnowledgeStore } from '../knowledge/knowledge-store.js';
import type { ReminderRuntime } from '../reminders/runtime.js';
import { listReminders } from '../reminders/service.js';
import { PERSONAL_LEADS } from '../reminders/personal.js';
import { REMIND_LIST } from './commands/remind/list.js';
import { NO_MENTIONS, renderAnswer } from './render.js';

/**
 * What a button press does, for the one router: every answer is rebuilt from the knowledge base as
 * it is now (never from stored state), and every press gets a reply a person can read.
 */

export interface ButtonDeps {
  knowledge: KnowledgeStore;
  reminders: ReminderRuntime | null;
  /** For a knowledge-base draft's Save and Discard. */
  keeper: KnowledgeKeeper | null;
  settings: CommandSettings;
  log: Logger;
}

const UNKNOWN =
  'This button no longer works: it comes from an older version of the bot or was changed on the way. Ask the question again, e.g. /cuts birmingham.';

const notYours = (usage: string) => `These buttons belong to the member who asked. Ask ${usage} yourself (with private: true if only you should see it).`;

function message(answer: Answer, action: ButtonAction, owner: string | null, share: boolean) {
  const components = answerButtons(answer, { name: action.question, input: action.input }, { owner, share });
  return { ...renderAnswer(answer), components, allowedMentions: NO_MENTIONS };
}

export async function runButton(interaction: ButtonInteraction, { knowledge, reminders, keeper, settings, log }: ButtonDeps): Promise<void> {
  const privately = (content: string) => ({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS }) as const;
  try {
    const draft = decodeDraftButton(interaction.customId);
    if (draft) {
      await runDraftButton(interaction, draft, { keeper, settings, log });
      return;
    }
    const action = decodeButton(interaction.customId);
    if (action?.kind === 'list' && action.question === REMIND_LIST && interaction.guildId) {
      if (action.owner !== interaction.user.id) await interaction.reply(privately(notYours('/remind list')));
      else await remindListPage(interaction, reminders, interaction.guildId, action.page);
      return;
    }
    if (action?.kind === 'remind' && action.input) {
      await remindMe(interaction, reminders, knowledge, action.input, log);
      return;
    }
    const question = action && action.kind !== 'list' && action.kind !== 'remind' ? findQuestion(action.question) : undefined;
    if (!action || !question) {
      log.info('unknown button');
      await interaction.reply(privately(UNKNOWN));
      return;
    }
    if (action.owner !== null && action.owner !== interaction.user.id) {
      log.info({ owner: action.owner }, 'button refused: not the asker');
      await interaction.reply(privately(notYours(question.usage)));
      return;
    }
    const kb = knowledge.current();
    const slow = question.slow === true;
    switch (action.kind) {
      case 'page': {
        // Deferred first when the answer may take a while: Discord drops a press not acknowledged within 3 s.
        if (slow) await interaction.deferUpdate();
        const answer = answerQuestion(question, kb, action.input, { page: action.page });
        const body = message(answer, action, action.owner, action.owner !== null);
        await (slow ? interaction.editReply(body) : interaction.update(body));
        break;
      }
      case 'share': {
        if (slow) await interaction.deferUpdate();
        const answer = answerQuestion(question, kb, action.input, { page: action.page });
        // The private copy loses its Share button, so the same page is not posted twice.
        const mine = message(answer, action, action.owner, false);
        await (slow ? interaction.editReply(mine) : interaction.update(mine));
        await interaction.followUp(message(answer, { ...action, owner: null }, null, false));
        break;
      }
      case 'ask': {
        // A suggestion on a private answer replaces it; on a public one, the answer is posted for everyone.
        const inPlace = action.owner !== null;
        if (slow) await (inPlace ? interaction.deferUpdate() : interaction.deferReply());
        const answer = answerQuestion(question, kb, action.input);
        const body = message(answer, action, action.owner, inPlace);
        if (slow) await interaction.editReply(body);
        else await (inPlace ? interaction.update(body) : interaction.reply(body));
        break;
      }
    }
    log.info({ kind: action.kind, page: action.page }, 'button answered');
  } catch (err) {
    const fault = storeFaultMessage(err);
    if (fault) log.warn({ err }, 'button refused: the reminders database cannot be used');
    else log.error({ err }, 'button failed');
    const sorry = privately(fault ?? `Sorry — something went wrong on my side with that button. Please try again; if it keeps happening, quote reference ${interaction.id}.`);
    try {
      await (interaction.deferred || interaction.replied ? interaction.followUp(sorry) : interaction.reply(sorry));
    } catch (e) {
      log.error({ err: e }, 'could not tell the member about the failure');
    }
  }
}

/** A page of /remind list, read from the store as it is now; a page past the end says how many there are. */
async function remindListPage(interaction: ButtonInteraction, rt: ReminderRuntime | null, guildId: string, page: number): Promise<void> {
  if (!rt) {
    await interaction.reply({ content: 'Reminders are not switched on for this bot any more.', flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return;
  }
  const outcome = await listReminders(rt.deps, guildId, page);
  const count = outcome.ok ? outcome.value.pages : page;
  await interaction.update({ content: outcome.message, components: listingButtons(REMIND_LIST, Math.min(page, count), count, interaction.user.id), allowedMentions: NO_MENTIONS });
}

const t = (ms: number, style: 'F' | 'R') => `<t:${Math.floor(ms / 1000)}:${style}>`;

/**
 * "Remind me": a test direct message first, so a member whose DMs are closed is told now, once and
 * privately, and nothing is saved; then direct messages 7 days and 1 day before the deadline.
 */
async function remindMe(interaction: ButtonInteraction, rt: ReminderRuntime | null, knowledge: KnowledgeStore, key: string, log: Logger): Promise<void> {
  const say = (content: string) => interaction.editReply({ content, allowedMentions: NO_MENTIONS });
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const guildId = interaction.guildId;
  if (!rt || !guildId) {
    await say(!rt ? 'Reminders are not switched on for this bot, so I cannot remind you.' : 'Remind me works in a server, where the consultation was posted.');
    return;
  }
  const c = knowledge.current().consultations.find((x) => x.key === key);
  const closesMs = c ? Date.parse(c.closes) : NaN;
  const now = rt.deps.clock.now();
  if (!c || !(closesMs > now)) {
    await say(c ? `${c.title} has closed, so there is nothing to remind you of.` : 'That consultation is no longer in the knowledge base. /consultations lists the open ones.');
    return;
  }
  const personal = rt.personal;
  const times = PERSONAL_LEADS.map((l) => closesMs - l.ms).filter((ms) => ms > now);
  if (times.length === 0) {
    await say(`${c.title} closes ${t(closesMs, 'R')}, too soon for a reminder: have your say now.`);
    return;
  }
  const already = (await personal.mine(interaction.user.id, guildId)).find((r) => r.consultationKey === key);
  if (already) {
    await say(`You already have a reminder for ${c.title}: I will message you ${already.pendingMs.map((ms) => t(ms, 'F')).join(' and ')}. \`/remind mine\` lists and cancels your reminders.`);
    return;
  }
  // Saved before the confirmation is sent, so a database that cannot take it never leaves a member
  // holding a direct message that promises reminders; a confirmation that cannot be sent takes it back.
  const dmChannelId = ((await rt.rest.post(Routes.userChannels(), { body: { recipient_id: interaction.user.id } })) as { id: string }).id;
  const { reminder } = await personal.subscribe({ userId: interaction.user.id, guildId, dmChannelId, consultationKey: key, title: c.title, url: c.url ?? null, closesMs }, now);
  try {
    await rt.rest.post(Routes.channelMessages(dmChannelId), {
      body: { content: `I will remind you here 7 days and 1 day before ${c.title} closes (${t(closesMs, 'F')}).`, allowed_mentions: NO_MENTIONS },
    });
  } catch (err) {
    await personal.cancel(interaction.user.id, reminder.id, now);
    // 50007: the member does not accept direct messages from this server's members or from bots.
    if (err instanceof DiscordAPIError && err.code === 50007) {
      log.info('remind me: direct messages closed');
      await say('I cannot send you direct messages: your privacy settings block them for this server. Allow direct messages from server members (Privacy Settings) and press Remind me again. Nothing was saved.');
      return;
    }
    throw err;
  }
  log.info({ personal: reminder.id }, 'remind me: saved');
  await say(`Done: I will message you ${reminder.pendingMs.map((ms) => t(ms, 'F')).join(' and ')}, before ${c.title} closes. \`/remind mine\` lists and cancels your reminders.`);
}
