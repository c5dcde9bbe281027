import { OPTION_IDS } from '../core/options.js';
import type { Knowledge } from '../knowledge/knowledge.js';
import type { OptionRef } from './intents.js';

/** Option names before the rules base has loaded: the ids, and the ids with spaces. */
export function defaultOptionRefs(): OptionRef[] {
  return OPTION_IDS.map((id) => ({ id, name: id, aliases: [id.replace(/-/g, ' ')] }));
}

/** Option names as the rules base spells them, with the aliases a user may type. */
export function optionRefsFrom(knowledge: Knowledge): OptionRef[] {
  return knowledge.options.map((o) => ({ id: o.id, name: o.name, aliases: o.aliases }));
}
