/** A formula's problem in the interface language, from an ExpressionError's code and params and the `formula` messages. */
import { useI18n } from 'vue-i18n';
import {
  checkExpression,
  ExpressionError,
  parseExpression,
  type ExpressionProblems,
  type ExpressionType,
} from '../../runtime/browser-safe/expressions/index.ts';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** The text of `error` in `t`'s language: types in words, a position counted from 1 (as people count characters). */
export function formulaProblemText(t: Translate, error: ExpressionError): string {
  const p = error.params;
  const type = (name: ExpressionType) => t(`formula.types.${name}`);
  const values: Record<string, unknown> = { ...p };
  if ('at' in p) values.at = p.at + 1;
  if ('actual' in p) Object.assign(values, { expected: anyOf(t, p.expected.map(type)), actual: type(p.actual) });
  if ('first' in p) Object.assign(values, { first: type(p.first), second: type(p.second) });
  if (error.code === 'wrong-arity') values.arity = arity(t, p as ExpressionProblems['wrong-arity']);
  return t(`formula.problems.${error.code}`, values);
}

/** "a number, a text or a date" */
const anyOf = (t: Translate, words: readonly string[]) =>
  words.length === 1 ? words[0]! : t('formula.or', { first: words.slice(0, -1).join(', '), second: words.at(-1) });

function arity(t: Translate, { min, max }: ExpressionProblems['wrong-arity']): string {
  if (max === 0) return t('formula.arity.none');
  if (max === null) return t('formula.arity.atLeast', { min });
  return min === max ? String(min) : t('formula.arity.between', { min, max });
}

/**
 * Checks an expression as it is typed: '' when it reads only `types` and gives `wanted` (any type when undefined),
 * else what is wrong, in the interface language.
 */
export function useFormulaCheck() {
  const { t } = useI18n();
  return (text: string, types: Readonly<Record<string, ExpressionType>>, wanted: ExpressionType | undefined): string => {
    try {
      const gives = checkExpression(parseExpression(text), types);
      if (wanted === undefined || gives === wanted) return '';
      return t('designer.calc.wrongType', { gives: t(`formula.types.${gives}`), holds: t(`formula.types.${wanted}`) });
    } catch (e) {
      if (e instanceof ExpressionError) return formulaProblemText(t, e);
      throw e;
    }
  };
}
