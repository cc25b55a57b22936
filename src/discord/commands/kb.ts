import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { reviewAnswer } from '../../answers/review.js';
import type { Choice } from '../../answers/types.js';
import { extractArticle } from '../../knowledge/extract-article.js';
import { MAX_FILE_BYTES, parseKnowledgeText } from '../../knowledge/loader.js';
import { downloadAttachment } from '../attachment-download.js';
import { isModerator, kbRefusal, NO_KEEPER, NOT_A_MODERATOR } from '../kb-access.js';
import { draftFromText } from '../kb-draft.js';
import type { Command, CommandContext, CommandResult } from '../command.js';
import { articleReport, refusalText, reloadText, statusText } from '../kb-report.js';
import { fileExists, moveToTrash, writeFileAtomically } from '../../knowledge/knowledge-files.js';
import type { KnowledgeKeeper } from '../../knowledge/keeper.js';
import { focusedText, requiredText } from '../options.js';
import { clip } from '../../knowledge/text.js';
import { escapeText } from '../render.js';

const ID = { name: 'id', label: 'article id', max: 80 } as const;

export const data = new SlashCommandBuilder()
  .setName('kb')
  .setDescription('Moderators: keep the knowledge base (status, reload, upload, remove, preview)')
  // Hidden from members by default; checked again below, since server admins can change who sees it.
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((s) => s.setName('status').setDescription('Articles loaded, last reload, problems, and what was extracted'))
  .addSubcommand((s) => s.setName('reload').setDescription('Reload the knowledge folder now and report what changed'))
  .addSubcommand((s) =>
    s
      .setName('upload')
      .setDescription('Add an article from a .md file, or draft one from a .txt (nothing changes without your say)')
      .addAttachmentOption((o) => o.setName('file').setDescription('A .md knowledge file, or a plain-text article (.txt) to draft').setRequired(true))
      .addBooleanOption((o) => o.setName('replace').setDescription('Replace the article that already has this id (default: refuse)')),
  )
  .addSubcommand((s) =>
    s
      .setName('remove')
      .setDescription('Take an article out (its file is moved to .trash/, not deleted)')
      .addStringOption((o) => o.setName(ID.name).setDescription('The article').setRequired(true).setMaxLength(ID.max).setAutocomplete(true)),
  )
  .addSubcommand((s) =>
    s
      .setName('preview')
      .setDescription('Every quote and figure taken from this article, what needs a check first')
      .addStringOption((o) => o.setName(ID.name).setDescription('The article').setRequired(true).setMaxLength(ID.max).setAutocomplete(true)),
  );

const privately = (message: string): CommandResult => ({ message, ephemeral: true });

async function execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<CommandResult> {
  const refusal = kbRefusal(interaction.guildId, ctx.settings.KB_GUILD_IDS);
  if (refusal) {
    ctx.log.info({ guildId: interaction.guildId }, 'kb refused: not a knowledge-base server');
    return privately(refusal);
  }
  const keeper = ctx.keeper;
  if (!isModerator(interaction, keeper?.moderatorRoleId)) {
    ctx.log.info('kb refused: not a moderator');
    return privately(NOT_A_MODERATOR);
  }
  if (!keeper) return privately(NO_KEEPER);
  const sub = interaction.options.getSubcommand(true);
  switch (sub) {
    case 'status':
      return privately(statusText(keeper.latest()));
    case 'reload':
      return privately(reloadText(await keeper.exclusive(() => keeper.reload())));
    case 'upload':
      return keeper.exclusive(() => upload(interaction, ctx, keeper));
    case 'remove':
      return keeper.exclusive(() => remove(interaction, ctx, keeper));
    case 'preview':
      return preview(interaction, keeper);
    default:
      return privately(`Unknown subcommand ${sub}.`);
  }
}

async function upload(interaction: ChatInputCommandInteraction, ctx: CommandContext, keeper: KnowledgeKeeper): Promise<CommandResult> {
  const attachment = interaction.options.getAttachment('file', true);
  const replace = interaction.options.getBoolean('replace') ?? false;
  const shownName = clip(attachment.name.replace(/[\u0000-\u001f`]/g, ''), 80) || 'the file';
  const bold = `**${escapeText(shownName)}**`;
  const plain = /\.txt$/i.test(attachment.name);
  if (!plain && !/\.md$/i.test(attachment.name)) {
    return privately(refusalText(`${bold} is not a knowledge file: upload a Markdown file ending in \`.md\`, or a plain-text article ending in \`.txt\` to have it drafted.`));
  }
  if (attachment.size > MAX_FILE_BYTES) {
    return privately(refusalText(`${bold} is ${Math.ceil(attachment.size / 1024)} KB; a knowledge file may be at most ${MAX_FILE_BYTES / 1024} KB.`));
  }
  const download = await downloadAttachment(attachment.url, { maxBytes: MAX_FILE_BYTES, hosts: ctx.settings.ATTACHMENT_HOSTS });
  if (!download.ok) return privately(refusalText(`${bold} was not taken: ${download.reason}.`));
  // Plain text is only drafted here; nothing is written until the moderator presses Save (kb-draft.ts).
  if (plain) return draftFromText(download.bytes, shownName, ctx, keeper, interaction.user.id);

  // Exactly the loader's checks, with problems named after the file as the moderator knows it.
  const parsed = parseKnowledgeText(download.bytes, shownName);
  if (!parsed.article) {
    ctx.log.info({ file: shownName, problems: parsed.problems.length }, 'kb upload refused: invalid file');
    return privately(refusalText(`${bold} has ${parsed.problems.length} problem${parsed.problems.length === 1 ? '' : 's'}:`, parsed.problems));
  }
  const id = parsed.article.id;
  const serving = keeper.latest();
  const existing = serving.kb.byId.get(id);
  if (existing && !replace) {
    return privately(
      refusalText(`The id \`${id}\` is already used by \`${existing.file}\` (“${escapeText(clip(existing.title, 120))}”). To replace that article, upload again with \`replace: True\`.`),
    );
  }
  // A replacement goes into the file that held the id; a new article gets a file named after its id.
  const target = existing?.file ?? `${id}.md`;
  // The loader skips README.md as documentation; an article saved there would never be served.
  if (target.toLowerCase() === 'readme.md') return privately(refusalText('The id `readme` is kept for the folder’s README; give the article another id.'));
  if (!existing && (await fileExists(keeper.dir, target))) {
    const other = serving.articles.find((a) => a.file === target);
    if (other) return privately(refusalText(`\`${target}\` already holds the article \`${other.id}\`; remove it first or give the new article another id.`));
    if (!replace) return privately(refusalText(`\`${target}\` already exists but is not being served (it has problems: see \`/kb status\`). Upload with \`replace: True\` to overwrite it.`));
  }

  await writeFileAtomically(keeper.dir, target, download.bytes);
  const after = await keeper.reload();
  const served = after.kb.byId.get(id);
  ctx.log.info({ id, file: target, replace: Boolean(existing), served: served?.file === target }, 'kb upload saved');
  if (served?.file !== target) {
    const problems = after.problems.filter((p) => p.file === target);
    return privately(refusalText(`\`${target}\` was written but is not being served:`, problems, null));
  }
  const place = after.kb.places.find((p) => p.articleIds.includes(id))?.name;
  // The summary is shown as plain text (escaped), so no Markdown here.
  const summary =
    `Saved as ${target} (${existing ? `replaced the article from ${existing.file}` : 'new article'}). ` +
    `This is what members now get${place ? `, e.g. with /cuts ${place}` : ''}.`;
  return { answer: articleReport(after.kb, id, summary), ephemeral: true };
}

async function remove(interaction: ChatInputCommandInteraction, ctx: CommandContext, keeper: KnowledgeKeeper): Promise<CommandResult> {
  const id = requiredText(interaction, ID);
  const article = keeper.latest().kb.byId.get(id);
  if (!article) return privately(`No article with the id **${escapeText(clip(id, 80))}** is being served; nothing was moved.`);
  let trashed: string;
  try {
    trashed = await moveToTrash(keeper.dir, article.file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    // Deleted by hand a moment ago; the reload that follows catches up.
    await keeper.reload();
    return privately(`\`${article.file}\` was already gone from the knowledge folder; members no longer get \`${id}\`.`);
  }
  const after = await keeper.reload();
  ctx.log.info({ id, file: article.file, trashed }, 'kb remove');
  const heir = after.kb.byId.get(id);
  return privately(
    `Moved \`${article.file}\` to \`${trashed}\` (“${escapeText(clip(article.title, 120))}”): members no longer get it. Move the file back to restore it.` +
      (heir ? `\nNote: \`${heir.file}\` also has the id \`${id}\` and is now served instead.` : ''),
  );
}

/** Every quote and figure of one served article, what needs a human look first (the same listing as `kb check --review`). */
function preview(interaction: ChatInputCommandInteraction, keeper: KnowledgeKeeper): CommandResult {
  const id = requiredText(interaction, ID);
  const kb = keeper.latest().kb;
  const article = kb.byId.get(id);
  if (!article) return privately(`No article with the id **${escapeText(clip(id, 80))}** is being served.`);
  const answer = reviewAnswer(article, extractArticle(article), { allHint: `run npm run --silent cli -- kb check --review ${article.file} in the knowledge folder for every line` });
  const place = kb.places.find((p) => p.articleIds.includes(id));
  if (place) answer.summary += ` Members see it with /cuts ${place.name}.`;
  return { answer, ephemeral: true };
}

function autocomplete(query: string, ctx: CommandContext): Choice[] {
  const q = query.toLowerCase();
  return ctx.knowledge
    .current()
    .articles.filter((a) => q === '' || a.id.includes(q) || a.title.toLowerCase().includes(q))
    .slice(0, 25)
    .map((a) => ({ name: clip(`${a.title} (${a.id})`, 100), value: a.id }));
}

export default {
  data,
  // Acknowledged at once, privately: downloads and reloads can take longer than Discord waits.
  defer: true,
  private: true,
  execute,
  autocomplete: (interaction, ctx) => (kbRefusal(interaction.guildId, ctx.settings.KB_GUILD_IDS) ? [] : autocomplete(focusedText(interaction, ID.max), ctx)),
} satisfies Command;
