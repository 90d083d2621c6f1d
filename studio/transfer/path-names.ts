/** Where in a configuration a difference or problem sits, in words: a rule per known place, the raw keys after it. */
import type { Part } from '../../runtime/browser-safe/diff.ts';

/** A known place: `key` names its message (`transfer.path.<key>`), `args` fill it, `rest` are the keys below it. */
export interface Place {
  key: string | null;
  args: string[];
  rest: string[];
}

// '*' captures one key as an argument; the first rule whose pattern starts the path wins.
const RULES: Record<Part, [string[], string][]> = {
  entities: [
    [['form', 'schema', 'properties', '*'], 'field'],
    [['form', 'schema', 'required'], 'required'],
    [['form', 'uischema'], 'layout'],
    [['i18n', '*', '*'], 'text'],
    [['label'], 'label'],
    [['pluralLabel'], 'pluralLabel'],
    [['titleField'], 'titleField'],
    [['workflow'], 'workflow'],
    [['pipeline'], 'pipeline'],
    [['email', 'templates', '*'], 'emailTemplate'],
    [['email'], 'emailFiling'],
    [['serviceLevels', 'targets', '*', 'firstResponse'], 'slaFirstResponse'],
    [['serviceLevels', 'targets', '*', 'resolution'], 'slaResolution'],
    [['serviceLevels', 'targets', '*'], 'slaTargets'],
    [['serviceLevels', 'targets'], 'slaAllTargets'],
    [['serviceLevels', 'priorityField'], 'slaPriorityField'],
    [['serviceLevels', 'pauseStates'], 'slaPauseStates'],
    [['serviceLevels', 'resolvedStates'], 'slaResolvedStates'],
    [['serviceLevels', 'warning'], 'slaWarning'],
    [['serviceLevels', 'breach'], 'slaBreach'],
    [['serviceLevels'], 'serviceLevels'],
  ],
  workflows: [
    [['states', '*'], 'state'],
    [['initial'], 'initial'],
    [['description'], 'description'],
  ],
  pipelines: [
    [['stages', '~order'], 'stageOrder'],
    [['stages', '*'], 'stage'],
    [['i18n', '*', '*'], 'text'],
    [['label'], 'label'],
  ],
  roles: [
    [['entities', '*', '*'], 'privilege'],
    [['entities', '*'], 'privileges'],
    [['tasks'], 'tasks'],
    [['fields', '*'], 'fieldRules'],
    [['label'], 'label'],
    [['description'], 'description'],
  ],
  publicForms: [
    [['entity'], 'formEntity'],
    [['fields'], 'formFields'],
    [['labels', '*', '*'], 'formLabel'],
    [['title', '*'], 'formTitle'],
    [['intro', '*'], 'formIntro'],
    [['thankYou', '*'], 'formThankYou'],
    [['allowedSites'], 'formSites'],
    [['proofOfWork'], 'formProof'],
    [['active'], 'formActive'],
  ],
};

function match(pattern: string[], where: string[]): string[] | null {
  if (where.length < pattern.length) return null;
  const args: string[] = [];
  for (const [i, p] of pattern.entries()) {
    if (p === '*') args.push(where[i]!);
    else if (p !== where[i]) return null;
  }
  return args;
}

// Translation ids (`stage.won`, `budget.label`, `rating.hot`) name what they translate: [pattern, message, which groups fill it].
const TEXT_IDS: [RegExp, string][] = [
  [/^stage\.(.+)$/, 'stageName'],
  [/^entity\.label$/, 'nameIn'],
  [/^entity\.pluralLabel$/, 'pluralIn'],
  [/^label$/, 'nameIn'],
  [/^group\.(.+)\.label$/, 'groupLabel'],
  [/^(.+)\.label$/, 'fieldLabel'],
  [/^(.+)\.description$/, 'fieldHelp'],
  [/^([^.]+)\.(.+)$/, 'optionText'],
];

/** A translation in words: `{locale, id}` → "Name of stage "won" (de)"; ids of no known shape stay a plain text. */
function textPlace(locale: string, id: string): { key: string; args: string[] } {
  for (const [re, key] of TEXT_IDS) {
    const m = re.exec(id);
    if (m) return { key, args: [...m.slice(1), locale] };
  }
  return { key: 'text', args: [locale, id] };
}

/** The place `where` (keys under one part's key) names, or `key: null` with every key as `rest` when no rule knows it. */
export function placeOf(part: Part, where: readonly string[]): Place {
  for (const [pattern, key] of RULES[part]) {
    const args = match(pattern, [...where]);
    if (!args) continue;
    const rest = where.slice(pattern.length);
    return key === 'text' ? { ...textPlace(args[0]!, args[1]!), rest } : { key, args, rest };
  }
  return { key: null, args: [], rest: [...where] };
}
