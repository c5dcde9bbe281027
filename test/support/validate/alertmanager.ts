import { parse as parseYaml } from 'yaml';

/**
 * The shape of an Alertmanager configuration file, as Alertmanager v0.28.1 loads it: the keys its
 * config structs accept (the yaml tags of config/config.go and config/notifiers.go at the
 * v0.28.1 tag of github.com/prometheus/alertmanager, read 2026-12-03; unknown keys make
 * Alertmanager refuse the file), plus the checks its loader makes on each receiver kind used here:
 * a secret given once (inline or from a file, never both), PagerDuty's routing or service key,
 * a route whose receivers all exist.
 */

const NOTIFIER = ['send_resolved', 'http_config'];
const RECEIVER_KEYS: Record<string, string[]> = {
  slack_configs: [
    'api_url',
    'api_url_file',
    'channel',
    'username',
    'color',
    'title',
    'title_link',
    'pretext',
    'text',
    'fields',
    'short_fields',
    'footer',
    'fallback',
    'callback_id',
    'icon_emoji',
    'icon_url',
    'image_url',
    'thumb_url',
    'link_names',
    'mrkdwn_in',
    'actions',
  ],
  msteams_configs: ['webhook_url', 'webhook_url_file', 'title', 'summary', 'text'],
  msteamsv2_configs: ['webhook_url', 'webhook_url_file', 'title', 'text'],
  pagerduty_configs: [
    'service_key',
    'service_key_file',
    'routing_key',
    'routing_key_file',
    'url',
    'client',
    'client_url',
    'description',
    'details',
    'images',
    'links',
    'source',
    'severity',
    'class',
    'component',
    'group',
  ],
  opsgenie_configs: [
    'api_key',
    'api_key_file',
    'api_url',
    'message',
    'description',
    'source',
    'details',
    'entity',
    'responders',
    'actions',
    'tags',
    'note',
    'priority',
    'update_alerts',
  ],
  webhook_configs: ['url', 'url_file', 'max_alerts', 'timeout'],
};
/** The other receiver kinds Alertmanager knows (not checked in depth here). */
const OTHER_RECEIVERS = [
  'discord_configs',
  'email_configs',
  'wechat_configs',
  'pushover_configs',
  'victorops_configs',
  'sns_configs',
  'telegram_configs',
  'webex_configs',
  'jira_configs',
  'rocketchat_configs',
];
const TOP = [
  'global',
  'route',
  'inhibit_rules',
  'receivers',
  'templates',
  'mute_time_intervals',
  'time_intervals',
];
const ROUTE = [
  'receiver',
  'group_by',
  'match',
  'match_re',
  'matchers',
  'mute_time_intervals',
  'active_time_intervals',
  'continue',
  'routes',
  'group_wait',
  'group_interval',
  'repeat_interval',
];
/** Pairs of keys of which Alertmanager accepts one only. */
const EXCLUSIVE: Record<string, [string, string][]> = {
  slack_configs: [['api_url', 'api_url_file']],
  msteams_configs: [['webhook_url', 'webhook_url_file']],
  msteamsv2_configs: [['webhook_url', 'webhook_url_file']],
  pagerduty_configs: [
    ['routing_key', 'routing_key_file'],
    ['service_key', 'service_key_file'],
  ],
  opsgenie_configs: [['api_key', 'api_key_file']],
  webhook_configs: [['url', 'url_file']],
};
/** Keys of which each config needs one (the secret or address it sends with). */
const NEEDS_ONE: Record<string, string[]> = {
  slack_configs: ['api_url', 'api_url_file'],
  msteams_configs: ['webhook_url', 'webhook_url_file'],
  msteamsv2_configs: ['webhook_url', 'webhook_url_file'],
  pagerduty_configs: ['routing_key', 'routing_key_file', 'service_key', 'service_key_file'],
  opsgenie_configs: ['api_key', 'api_key_file'],
  webhook_configs: ['url', 'url_file'],
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const unknownKeys = (obj: Obj, allowed: string[], where: string): string[] =>
  Object.keys(obj)
    .filter((k) => !allowed.includes(k))
    .map((k) => `${where}: unknown key ${k}`);

function checkRoute(route: unknown, where: string, names: Set<string>): string[] {
  if (!isObj(route)) return [`${where}: not a mapping`];
  const problems = unknownKeys(route, ROUTE, where);
  if (route.receiver !== undefined && !names.has(String(route.receiver)))
    problems.push(`${where}: receiver ${String(route.receiver)} is not defined`);
  for (const [i, child] of (Array.isArray(route.routes) ? route.routes : []).entries())
    problems.push(...checkRoute(child, `${where}.routes[${i}]`, names));
  return problems;
}

/** Problems with an Alertmanager configuration (empty when Alertmanager would load its shape). */
export function validateAlertmanagerConfig(src: string): string[] {
  let config: unknown;
  try {
    config = parseYaml(src);
  } catch (e) {
    return [(e as Error).message];
  }
  if (!isObj(config)) return ['not a mapping'];
  const problems = unknownKeys(config, TOP, 'config');
  const receivers = Array.isArray(config.receivers) ? config.receivers : [];
  const names = new Set<string>();
  for (const [i, receiver] of receivers.entries()) {
    const where = `receivers[${i}]`;
    if (!isObj(receiver) || typeof receiver.name !== 'string' || receiver.name === '') {
      problems.push(`${where}: needs a name`);
      continue;
    }
    if (names.has(receiver.name)) problems.push(`${where}: receiver ${receiver.name} defined twice`);
    names.add(receiver.name);
    for (const [kind, configs] of Object.entries(receiver)) {
      if (kind === 'name') continue;
      if (OTHER_RECEIVERS.includes(kind)) continue;
      const allowed = RECEIVER_KEYS[kind];
      if (!allowed) {
        problems.push(`${where}: unknown key ${kind}`);
        continue;
      }
      if (!Array.isArray(configs)) {
        problems.push(`${where}.${kind}: not a list`);
        continue;
      }
      for (const [j, c] of configs.entries()) {
        const at = `${where}.${kind}[${j}]`;
        if (!isObj(c)) {
          problems.push(`${at}: not a mapping`);
          continue;
        }
        problems.push(...unknownKeys(c, [...NOTIFIER, ...allowed], at));
        for (const [a, b] of EXCLUSIVE[kind] ?? [])
          if (c[a] !== undefined && c[b] !== undefined) problems.push(`${at}: at most one of ${a} and ${b}`);
        const needs = NEEDS_ONE[kind] ?? [];
        if (!needs.some((k) => typeof c[k] === 'string' && c[k] !== ''))
          problems.push(`${at}: needs one of ${needs.join(', ')}`);
      }
    }
  }
  if (config.route === undefined) problems.push('config: no route');
  else {
    problems.push(...checkRoute(config.route, 'route', names));
    if (isObj(config.route) && config.route.receiver === undefined)
      problems.push('route: the root route needs a receiver');
  }
  return problems;
}
