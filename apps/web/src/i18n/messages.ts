import { accessMessages } from './catalog/access.messages.js';
import { adminMessages } from './catalog/admin.messages.js';
import { administrationMessages } from './catalog/administration.messages.js';
import { crossBorderMessages } from './catalog/cross-border.messages.js';
import { enumMessages } from './catalog/enum.messages.js';
import { findingsMessages } from './catalog/findings.messages.js';
import { notificationsMessages } from './catalog/notifications.messages.js';
import { overviewMessages } from './catalog/overview.messages.js';
import { peopleMessages } from './catalog/people.messages.js';
import { rotationMessages } from './catalog/rotation.messages.js';
import { shellMessages } from './catalog/shell.messages.js';
import { uploadMessages } from './catalog/upload.messages.js';
import type { Language } from './language.js';

const areas = [shellMessages, enumMessages, overviewMessages, findingsMessages, rotationMessages, peopleMessages, crossBorderMessages, adminMessages,
  administrationMessages, notificationsMessages, accessMessages, uploadMessages] as const;

type Area = (typeof areas)[number];
export type MessageKey = Area extends infer A ? (A extends { en: Record<infer K, string> } ? K : never) : never;

const merge = (lang: Language): Record<MessageKey, string> =>
  Object.assign({}, ...areas.map((area) => area[lang])) as Record<MessageKey, string>;

export const messages: Record<Language, Record<MessageKey, string>> = { en: merge('en'), ko: merge('ko') };

/** Whether the catalogue has a key (for names the API may add before the web knows them, e.g. a new metric). */
export const isMessageKey = (key: string): key is MessageKey => key in messages.en;
