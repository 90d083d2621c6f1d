import { describe, expect, it } from 'vitest';
import type { PipelineDef } from '../../runtime/browser-safe/bundle.ts';
import { checkMove, type MoveInput, type Mover } from '../../runtime/pipelines/move.ts';

const PIPELINE: PipelineDef = {
  label: 'Sales',
  stages: [
    { key: 'lead', label: 'Lead', probability: 10, kind: 'open', requiredFields: [], color: '#000000' },
    { key: 'offer', label: 'Offer', probability: 50, kind: 'open', requiredFields: ['amount', 'closeDate'], color: '#000000' },
    { key: 'won', label: 'Won', probability: 100, kind: 'won', requiredFields: ['amount'], rolesAllowed: ['manager'], color: '#000000' },
    { key: 'lost', label: 'Lost', probability: 0, kind: 'lost', requiredFields: [], color: '#000000' },
  ],
};
const MEMBER: Mover = { roles: ['member'], hidden: new Set() };
const MANAGER: Mover = { roles: ['manager'], hidden: new Set() };
const FULL = { amount: 100, closeDate: '2030-01-01' };

type Case = [string, string | null, Mover, MoveInput, { status: number; errors?: { path: string; message: string }[] } | 'ok'];

const CASES: Case[] = [
  ['an open stage with nothing required', 'lead', MEMBER, { stage: 'offer', data: FULL }, 'ok'],
  ['back to an earlier stage', 'offer', MEMBER, { stage: 'lead', data: {} }, 'ok'],
  [
    'a stage the pipeline lacks',
    'lead',
    MEMBER,
    { stage: 'nope', data: {} },
    { status: 422, errors: [{ path: '/stage', message: 'is not a stage of Sales' }] },
  ],
  ['the current stage', 'lead', MEMBER, { stage: 'lead', data: {} }, { status: 409 }],
  ['a role the stage does not admit', 'offer', MEMBER, { stage: 'won', data: FULL, closeReason: 'Signed' }, { status: 403 }],
  ['a role the stage admits', 'offer', MANAGER, { stage: 'won', data: FULL, closeReason: 'Signed' }, 'ok'],
  [
    'every missing required field, each at its path',
    'lead',
    MEMBER,
    { stage: 'offer', data: { amount: null, closeDate: '  ' } },
    {
      status: 422,
      errors: [
        { path: '/data/amount', message: 'is required for the stage Offer' },
        { path: '/data/closeDate', message: 'is required for the stage Offer' },
      ],
    },
  ],
  ['zero is an answer', 'lead', MEMBER, { stage: 'offer', data: { amount: 0, closeDate: '2030-01-01' } }, 'ok'],
  [
    'a required field the role hides is not asked for',
    'lead',
    { roles: ['member'], hidden: new Set(['closeDate']) },
    { stage: 'offer', data: { amount: 1 } },
    'ok',
  ],
  [
    'won without a reason',
    'offer',
    MANAGER,
    { stage: 'won', data: FULL },
    { status: 422, errors: [{ path: '/closeReason', message: 'is required to close as won' }] },
  ],
  [
    'lost with a blank reason',
    'offer',
    MEMBER,
    { stage: 'lost', data: {}, closeReason: ' ' },
    { status: 422, errors: [{ path: '/closeReason', message: 'is required to close as lost' }] },
  ],
  [
    'won missing both a field and a reason',
    'lead',
    MANAGER,
    { stage: 'won', data: {} },
    {
      status: 422,
      errors: [
        { path: '/data/amount', message: 'is required for the stage Won' },
        { path: '/closeReason', message: 'is required to close as won' },
      ],
    },
  ],
  [
    'an open stage with a reason',
    'lead',
    MEMBER,
    { stage: 'offer', data: FULL, closeReason: 'why' },
    { status: 400, errors: [{ path: '/closeReason', message: 'is only for won or lost stages' }] },
  ],
  ['out of a closed stage (reopening)', 'lost', MEMBER, { stage: 'lead', data: {} }, 'ok'],
];

describe('checkMove', () => {
  it.each(CASES)('%s', (_name, current, mover, input, expected) => {
    const result = checkMove(current, PIPELINE, mover, input);
    if (expected === 'ok') {
      expect(result).toMatchObject({ ok: true, to: { key: input.stage } });
      return;
    }
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(expected.status);
    if (expected.errors) expect(result.errors).toEqual(expected.errors);
  });

  it('keeps the trimmed reason for closing stages only, and names where the record came from', () => {
    expect(checkMove('offer', PIPELINE, MEMBER, { stage: 'lost', data: {}, closeReason: '  Too expensive ' })).toMatchObject({
      ok: true,
      closeReason: 'Too expensive',
      from: { key: 'offer' },
    });
    expect(checkMove('lead', PIPELINE, MEMBER, { stage: 'offer', data: FULL })).toMatchObject({ ok: true, closeReason: null });
  });

  it('names the stage a role may not enter', () => {
    expect(checkMove('offer', PIPELINE, MEMBER, { stage: 'won', data: FULL, closeReason: 'x' })).toMatchObject({ detail: expect.stringContaining('Won') });
  });
});
