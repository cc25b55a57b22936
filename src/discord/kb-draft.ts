import { ButtonStyle, ComponentType, MessageFlags, type ButtonInteraction } from 'discord.js';
import { draftArticle } from '../knowledge/import/draft.js';
import { DRAFT_TTL_MS, dropDraft, keepDraft, pruneDrafts, readDraft } from '../knowledge/import/draft-store.js';
import { readPlainText } from '../knowledge/import/plain-text.js';
import type { KnowledgeKeeper } from '../knowledge/keeper.js';
import { writeNewFileAtomically } from '../knowledge/knowledge-files.js';
import { parseKnowledgeText } from '../knowledge/loader.js';
import type { Logger } from '../log.js';
import type { Row } from './buttons.js';
import type { CommandContext, CommandResult, CommandSettings } from './command.js';
import { isModerator, kbRefusal, NO_KEEPER, NOT_A_MODERATOR } from './kb-access.js';
import { fit, problemLines, refusalText } from './kb-report.js';
import { clip } from '../knowledge/text.js';
import { escapeText, NO_MENTIONS } from './render.js';

/**
 * `/kb upload` of a plain-text article: drafted as `kb import` drafts it, shown privately with the
 * draft attached, and written only when the moderator who uploaded it presses Save. The draft waits
 * in the folder's `.drafts/` under its content hash, which the buttons carry:
 *
 *   1ds|<moderator>|<key>   Save the draft as <id>.md
 *   1dd|<moderator>|<key>   Discard it
 */

const BUTTON = /^1d([sd])\|(\d{17,20})\|([0-9a-f]{24})$/;
const DAYS = DRAFT_TTL_MS / 86_400_000;

export interface DraftPress {
  save: boolean;
  owner: string;
  key: string;
}

export function decodeDraftButton(customId: string): DraftPress | null {
  const m = BUTTON.exec(customId);
  return m ? { save: m[1] === 's', owner: m[2]!, key: m[3]! } : null;
}

function draftButtons(id: string, owner: string, key: string): Row[] {
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        { type: ComponentType.Button, custom_id: `1ds|${owner}|${key}`, label: clip(`Save as ${id}.md`, 80), style: ButtonStyle.Primary },
        { type: ComponentType.Button, custom_id: `1dd|${owner}|${key}`, label: 'Discard', style: ButtonStyle.Secondary },
      ],
    },
  ];
}

const privately = (message: string): CommandResult => ({ message, ephemeral: true });
const bullet = (line: string) => `• ${escapeText(line)}`;

/** The private reply to a `.txt` upload: the draft attached, what was found, what to check, Save and Discard. */
export async function draftFromText(bytes: Uint8Array, shownName: string, ctx: CommandContext, keeper: KnowledgeKeeper, owner: string): Promise<CommandResult> {
  const bold = `**${escapeText(shownName)}**`;
  const plain = readPlainText(bytes, shownName);
  if (!plain.ok) return privately(refusalText(`${bold} was not drafted: ${escapeText(plain.message)}.`));
  const kb = keeper.latest().kb;
  const result = draftArticle(kb, plain.text, shownName);
  if (!result.ok) {
    // The CLI's hint names its --council flag; here the way out is to write the front matter.
    const message = escapeText(result.message.replace(/ Give the council with --council "Name of Council"\.$/, '')) + ' Add front matter naming the council and upload it as `.md`.';
    return privately(refusalText(`${bold} was not drafted: ${message}`, [], 'Nothing was saved.'));
  }
  const { draft } = result;
  await pruneDrafts(keeper.dir);
  const key = await keepDraft(keeper.dir, draft.text);
  ctx.log.info({ file: shownName, id: draft.id, key }, 'kb upload: drafted from plain text');
  const used = kb.byId.get(draft.id);
  const head = [
    `**Draft of \`${draft.id}.md\`** from ${bold}, attached. Nothing is saved until you press Save (the draft is kept for ${DAYS} days).`,
    ...(used
      ? [`**The id \`${draft.id}\` is already used by \`${used.file}\`**, so Save will refuse: download the draft, give it another id and upload it as \`.md\`.`]
      : []),
    '**Found**',
  ];
  const lines = [...draft.found.map(bullet), '**Check before saving** (or fix the attached file and upload it as `.md`)', ...draft.check.map(bullet)];
  return {
    message: fit(head, lines),
    files: [{ attachment: Buffer.from(draft.text), name: `${draft.id}.md` }],
    components: draftButtons(draft.id, owner, key),
    ephemeral: true,
  };
}

export interface DraftDeps {
  keeper: KnowledgeKeeper | null;
  settings: CommandSettings;
  log: Logger;
}

const GONE = {
  missing: 'This draft is no longer kept: it was saved or discarded already. Upload the `.txt` again to draft it anew.',
  expired: `This draft was kept ${DAYS} days and has expired, so it was not saved. Upload the \`.txt\` again to draft it anew.`,
};

/** Save or Discard under a draft: the same checks as /kb, and only for the moderator who uploaded it. */
export async function runDraftButton(interaction: ButtonInteraction, press: DraftPress, { keeper, settings, log }: DraftDeps): Promise<void> {
  const refuse = (content: string) => interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
  const refusal = kbRefusal(interaction.guildId, settings.KB_GUILD_IDS);
  if (refusal) return void (await refuse(refusal));
  if (!keeper) return void (await refuse(NO_KEEPER));
  if (!isModerator(interaction, keeper.moderatorRoleId)) {
    log.info('kb draft refused: not a moderator');
    return void (await refuse(NOT_A_MODERATOR));
  }
  if (press.owner !== interaction.user.id) {
    log.info({ owner: press.owner }, 'kb draft refused: not the uploader');
    return void (await refuse('Only the moderator who uploaded this draft can save or discard it. Upload the `.txt` yourself to get your own draft.'));
  }
  const done = (content: string) => interaction.editReply({ content: clip(content, 2000), components: [], allowedMentions: NO_MENTIONS });
  // Writing and reloading can take longer than the 3 seconds Discord waits for an answer.
  await interaction.deferUpdate();
  if (!press.save) {
    await keeper.exclusive(() => dropDraft(keeper.dir, press.key));
    log.info({ key: press.key }, 'kb draft discarded');
    await done('Discarded: the draft was deleted and nothing was saved.');
    return;
  }
  const outcome = await keeper.exclusive(() => saveDraft(keeper, press.key));
  log.info({ key: press.key, outcome: outcome.kind }, 'kb draft save');
  if (outcome.kind === 'refused') {
    await interaction.followUp({ content: outcome.text, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
  } else {
    await done(outcome.text);
  }
}

/** `final`: the message's buttons are done with; `refused`: nothing changed and the moderator may still Discard. */
type SaveOutcome = { kind: 'final' | 'refused'; text: string };

async function saveDraft(keeper: KnowledgeKeeper, key: string): Promise<SaveOutcome> {
  const kept = await readDraft(keeper.dir, key);
  if (!kept.ok) return { kind: 'final', text: GONE[kept.reason] };
  const bytes = Buffer.from(kept.text);
  const parsed = parseKnowledgeText(bytes, 'the draft');
  // The folder's places.yaml may have changed since the draft was made.
  if (!parsed.article) return { kind: 'refused', text: refusalText('The draft no longer passes the checks:', parsed.problems) };
  const id = parsed.article.id;
  const target = `${id}.md`;
  const existing = keeper.latest().kb.byId.get(id);
  if (existing) {
    return {
      kind: 'refused',
      text: refusalText(
        `The id \`${id}\` is already used by \`${existing.file}\` (“${escapeText(clip(existing.title, 120))}”), so the draft was not saved. Download the draft, give it another id and upload it as \`.md\`, or press Discard.`,
      ),
    };
  }
  if (!(await writeNewFileAtomically(keeper.dir, target, bytes))) {
    return { kind: 'refused', text: refusalText(`\`${target}\` already exists in the knowledge folder (it is not being served: see \`/kb status\`), so the draft was not saved.`) };
  }
  await dropDraft(keeper.dir, key);
  const after = await keeper.reload();
  if (after.kb.byId.get(id)?.file !== target) {
    const problems = after.problems.filter((p) => p.file === target);
    return { kind: 'final', text: fit([`Saved as \`${target}\`, but it is not being served:`], problemLines(problems, [])) };
  }
  const place = after.kb.places.find((p) => p.articleIds.includes(id))?.name;
  return {
    kind: 'final',
    text:
      `Saved as \`${target}\` in the knowledge folder: members now get it${place ? `, e.g. with /cuts ${escapeText(place)}` : ''}. ` +
      `\`/kb preview id:${id}\` shows every quote and figure taken from it; add the source, URL and date to the file when you know them.`,
  };
}
