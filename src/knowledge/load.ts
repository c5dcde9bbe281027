import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { $ZodType, output } from 'zod/v4/core';
import { factsUsed } from '../core/condition.js';
import { FACT_NAMES } from '../core/facts.js';
import { OPTION_IDS } from '../core/options.js';
import { knowledgeDir } from '../paths.js';
import { instancesFileSchema } from './instances-schema.js';
import { INSTANCES_FILE, loadInstanceCatalogue } from './instances.js';
import { readTextFileSync, TEXT_LIMITS } from '../read-text.js';
import type { Knowledge } from './knowledge.js';
import {
  correctionsFileSchema,
  limitsFileSchema,
  optionsFileSchema,
  retiredFileSchema,
  rulesFileSchema,
  savingsPlansSchema,
  sizingSchema,
} from './schema.js';
import { tcoSchema } from './tco-schema.js';
import {
  FileProblemError,
  parseYamlText,
  readYamlFile,
  type ParsedYaml,
  type SchemaSource,
} from './yaml-file.js';

/** The files of a rules base, each with its schema. Prices live in knowledge/prices/ (pricing/). */
export const KNOWLEDGE_FILES = {
  options: ['options.yaml', optionsFileSchema],
  limits: ['limits.yaml', limitsFileSchema],
  rules: ['rules.yaml', rulesFileSchema],
  corrections: ['corrections.yaml', correctionsFileSchema],
  retired: ['retired.yaml', retiredFileSchema],
  sizing: ['sizing.yaml', sizingSchema],
  instances: ['instances.yaml', instancesFileSchema],
  tco: ['tco.yaml', tcoSchema],
  savingsPlans: ['savings-plans.yaml', savingsPlansSchema],
} as const;

const cache = new Map<string, Knowledge>();

/**
 * Loads and validates a rules base. Every problem, whether YAML syntax, schema or a cross-file
 * reference, is a FileProblemError naming the file and line (exit 2).
 */
export function loadKnowledge(dir: string = knowledgeDir(), shownAs?: string): Knowledge {
  const cached = cache.get(dir);
  if (cached) return cached;
  const label = (file: string) => join(shownAs ?? relative(process.cwd(), dir) ?? dir, file);
  const read = <S extends $ZodType>(
    file: string,
    schema: SchemaSource<S>,
  ): { data: output<S>; parsed: () => ParsedYaml } => {
    const path = join(dir, file);
    if (!existsSync(path)) throw new FileProblemError(label(file), undefined, 'file is missing');
    // The line map is needed only to report a cross-file problem: parse again then.
    const parsed = () => parseYamlText(readTextFileSync(path, label(file), TEXT_LIMITS.knowledge), label(file));
    return { data: readYamlFile(path, schema, label(file)), parsed };
  };

  const options = read(...KNOWLEDGE_FILES.options);
  const limits = read(...KNOWLEDGE_FILES.limits);
  const rules = read(...KNOWLEDGE_FILES.rules);
  const corrections = read(...KNOWLEDGE_FILES.corrections);
  const retired = read(...KNOWLEDGE_FILES.retired);
  const sizing = read(...KNOWLEDGE_FILES.sizing);
  const tco = read(...KNOWLEDGE_FILES.tco);
  const savingsPlans = read(...KNOWLEDGE_FILES.savingsPlans);
  const instances = loadInstanceCatalogue(join(dir, INSTANCES_FILE), label(INSTANCES_FILE));

  // Cross-file checks: the ten options exactly once, known facts, unique ids.
  const seen = new Set<string>();
  options.data.options.forEach((option, i) => {
    if (seen.has(option.id)) {
      throw problem(label(KNOWLEDGE_FILES.options[0]), options.parsed(), ['options', i, 'id'], `option ${option.id} twice`);
    }
    seen.add(option.id);
  });
  const missing = OPTION_IDS.filter((id) => !seen.has(id));
  if (missing.length) {
    throw new FileProblemError(label(KNOWLEDGE_FILES.options[0]), 1, `options missing: ${missing.join(', ')}`);
  }
  const aliasOwner = new Map<string, string>();
  options.data.options.forEach((option, i) => {
    for (const alias of option.aliases) {
      const key = alias.toLowerCase();
      const owner = aliasOwner.get(key);
      if (owner && owner !== option.id) {
        throw problem(
          label(KNOWLEDGE_FILES.options[0]),
          options.parsed(),
          ['options', i, 'aliases'],
          `alias "${alias}" names both ${owner} and ${option.id}`,
        );
      }
      aliasOwner.set(key, option.id);
    }
  });
  checkIdsAndFacts(
    limits.data.limits.map((l) => ({ id: l.id, facts: factsUsed(l.violatedWhen) })),
    label(KNOWLEDGE_FILES.limits[0]),
    limits.parsed,
    'limits',
    'violatedWhen',
  );
  checkIdsAndFacts(
    rules.data.rules.map((r) => ({ id: r.id, facts: factsUsed(r.when) })),
    label(KNOWLEDGE_FILES.rules[0]),
    rules.parsed,
    'rules',
    'when',
  );

  const knowledge: Knowledge = {
    options: options.data.options,
    limits: limits.data.limits,
    rules: rules.data.rules,
    corrections: corrections.data.corrections,
    retired: retired.data.retired,
    sizing: sizing.data,
    instances,
    tco: tco.data,
    savingsPlans: savingsPlans.data,
  };
  cache.set(dir, knowledge);
  return knowledge;
}

function checkIdsAndFacts(
  entries: { id: string; facts: string[] }[],
  file: string,
  parsed: () => ParsedYaml,
  list: string,
  conditionKey: string,
): void {
  const ids = new Set<string>();
  entries.forEach((entry, i) => {
    if (ids.has(entry.id)) throw problem(file, parsed(), [list, i, 'id'], `id "${entry.id}" is used twice`);
    ids.add(entry.id);
    const unknown = entry.facts.find((fact) => !(FACT_NAMES as readonly string[]).includes(fact));
    if (unknown) {
      throw problem(
        file,
        parsed(),
        [list, i, conditionKey],
        `unknown fact "${unknown}"; facts are ${FACT_NAMES.join(', ')}`,
      );
    }
  });
}

function problem(file: string, parsed: ParsedYaml, path: (string | number)[], message: string): FileProblemError {
  return new FileProblemError(file, parsed.lineOf(path), `${path.join('.')}: ${message}`);
}
