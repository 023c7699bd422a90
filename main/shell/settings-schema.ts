// The JSON schema electron-store checks the settings file against (its `schema` option: one entry per top-level key).
import { DEFAULT_SETTINGS, SETTINGS_LIMITS } from '../../contracts/settings.ts';
import { SERVICE_IDS } from '../../contracts/status.ts';

const interval = (limits: { min: number; max: number }) => ({ type: 'integer', minimum: limits.min, maximum: limits.max });
const hhmm = { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' };
const perService = (value: object) => ({
  type: 'object',
  additionalProperties: false,
  required: [...SERVICE_IDS],
  properties: Object.fromEntries(SERVICE_IDS.map((id) => [id, value])),
});

/** Property schemas keyed like Settings; defaults come from DEFAULT_SETTINGS. */
export const SETTINGS_JSON_SCHEMA = {
  schemaVersion: { type: 'integer', const: DEFAULT_SETTINGS.schemaVersion },
  probeIntervalMs: interval(SETTINGS_LIMITS.probeIntervalMs),
  officialPollMs: interval(SETTINGS_LIMITS.officialPollMs),
  communityPollMs: interval(SETTINGS_LIMITS.communityPollMs),
  notifications: perService({
    type: 'object',
    additionalProperties: false,
    required: ['down', 'recovered'],
    properties: { down: { type: 'boolean' }, recovered: { type: 'boolean' } },
  }),
  quietHours: {
    type: 'object',
    additionalProperties: false,
    required: ['enabled', 'start', 'end'],
    properties: { enabled: { type: 'boolean' }, start: hhmm, end: hhmm },
  },
  launchAtLogin: { type: 'boolean' },
  aggregatorUrl: { type: 'string', maxLength: 2048 },
  crowdAlerts: { type: 'boolean' },
  officialFeed: { type: 'boolean' },
  communityReports: { type: 'boolean' },
  messagesSource: { type: 'boolean' },
  messagesAutoReport: { type: 'boolean' },
  notifyWhenBack: perService({ type: 'boolean' }),
} as const;
