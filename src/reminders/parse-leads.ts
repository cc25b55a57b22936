import { fail, quote, type Parsed } from './parsed.js';
import type { Lead } from './time.js';

const MAX_LEAD_DAYS = 60;

/**
 * Leads for a consultation reminder: "7d, 1d, 0", "3 days, 2 hours, deadline". Days are calendar
 * days; hours and minutes are exact.
 */
export function parseLeads(text: string): Parsed<Lead[]> {
  const parts = text
    .split(/[,;]|\band\b/i)
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
  if (parts.length === 0) return fail('empty', 'Give at least one lead, e.g. “7d, 1d, 0”.');
  if (parts.length > 5) return fail('too-many', 'Give at most 5 leads.');
  const leads: Lead[] = [];
  for (const p of parts) {
    if (p === '0' || /^(at (the )?)?deadline$/.test(p)) {
      leads.push({ minutes: 0 });
      continue;
    }
    const m = /^(\d{1,4})\s*(d|days?|h|hrs?|hours?|m|mins?|minutes?|w|weeks?)(\s+before)?$/.exec(p);
    if (!m) return fail('unparseable', `I could not read ${quote(p)} as a lead. Use e.g. “7d”, “2 hours” or “0” (at the deadline).`);
    const n = Number(m[1]);
    const unit = (m[2] ?? '')[0];
    const lead: Lead =
      unit === 'w' ? { days: 7 * n } : unit === 'd' ? { days: n } : unit === 'h' ? { minutes: 60 * n } : { minutes: n };
    const days = 'days' in lead ? lead.days : lead.minutes / 1440;
    if (days > MAX_LEAD_DAYS) return fail('too-far', `${quote(p)} is too early: leads can be at most ${MAX_LEAD_DAYS} days.`);
    leads.push(lead);
  }
  const seen = new Set<string>();
  const unique = leads.filter((l) => {
    const k = JSON.stringify(l);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return { ok: true, value: unique };
}
