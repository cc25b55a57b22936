/**
 * What organisers can do with reminders, independent of Discord: the command file turns options
 * into these calls and their `message` into a reply. Every refusal is a sentence the organiser can
 * act on. One module per kind of operation; this one is where the commands find them all.
 */
export { canManage, DEFAULT_LIMITS, PAGE_SIZE, type Actor, type Outcome, type ServiceDeps } from './service-deps.js';
export { consultationChoices, createConsultationReminder, findConsultation, type ConsultationRequest } from './consultation-reminders.js';
export { createAtReminder, editReminder, type AtRequest, type EditRequest } from './message-reminders.js';
export { cancelReminder, listReminders, reminderChoices } from './existing-reminders.js';
export { configureGuild, setTimezone } from './guild-settings.js';
