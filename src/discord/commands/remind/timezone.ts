import { setTimezone } from '../../../reminders/service.js';
import { reply, subcommand } from './subcommand.js';

export default subcommand({
  name: 'timezone',
  description: 'The time zone that typed times are read in (Europe/London by default)',
  options: { zone: { kind: 'string', description: 'e.g. Europe/London', required: true, autocomplete: true, max: 64 } },
  execute: async (args, { rt, guildId, actor }) => reply(await setTimezone(rt.deps, { guildId, actor, zone: args.zone })),
  autocomplete: (_focused, typed) => {
    const t = typed.toLowerCase().replace(/\s+/g, '_');
    return Intl.supportedValuesOf('timeZone')
      .filter((z) => z.toLowerCase().includes(t))
      .slice(0, 25)
      .map((z) => ({ name: z, value: z }));
  },
});
