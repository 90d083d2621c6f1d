import { describe, expect, it } from 'vitest';
import type { Bundle } from '../../runtime/browser-safe/bundle.ts';
import { differingPaths, diffBundles, privilegesFor } from '../../runtime/browser-safe/diff.ts';

const base = (): Bundle => ({
  format: 'crm-studio/config',
  formatVersion: 1,
  entities: {
    lead: {
      label: 'Lead',
      pluralLabel: 'Leads',
      titleField: 'name',
      i18n: {},
      workflow: 'lead',
      form: { schema: { type: 'object', properties: { name: { type: 'string', 'x-field': 'text' } } }, uischema: { type: 'VerticalLayout', elements: [] } },
    },
  },
  workflows: { lead: { id: 'lead', initial: 'new', states: { new: {} } } },
  pipelines: {},
  roles: { owner: { label: 'Owner', entities: {}, tasks: [] } },
});

describe('differingPaths', () => {
  it.each([
    [{ a: 1 }, { a: 1 }, []],
    [{ a: 1 }, { a: 2 }, ['/a']],
    [{ a: { b: 1, c: 2 } }, { a: { b: 1, c: 3 } }, ['/a/c']],
    [{ a: [1, 2] }, { a: [2, 1] }, ['/a']],
    [{ 'x/y': 1 }, {}, ['/x~1y']],
    [1, 2, ['/']],
  ])('%j → %j gives %j', (a, b, expected) => {
    expect(differingPaths(a, b)).toEqual(expected);
  });
});

describe('diffBundles and the privileges a change needs', () => {
  const cases: [string, (b: Bundle) => void, object[], string[]][] = [
    ['nothing', () => {}, [], []],
    [
      'a form label',
      (b) => (b.entities.lead!.label = 'Prospect'),
      [{ part: 'entities', key: 'lead', change: 'changed', paths: ['/label'] }],
      ['configure.forms'],
    ],
    ['an entity added', (b) => (b.entities.deal = { ...b.entities.lead! }), [{ part: 'entities', key: 'deal', change: 'added' }], ['configure.forms']],
    [
      'the workflow an entity uses',
      (b) => delete b.entities.lead!.workflow,
      [{ part: 'entities', key: 'lead', change: 'changed', paths: ['/workflow'] }],
      ['configure.workflows'],
    ],
    ['a workflow removed', (b) => (b.workflows = {}), [{ part: 'workflows', key: 'lead', change: 'removed' }], ['configure.workflows']],
    [
      'a pipeline added',
      (b) => (b.pipelines.sales = { label: 'Sales', stages: [] }),
      [{ part: 'pipelines', key: 'sales', change: 'added' }],
      ['configure.pipelines'],
    ],
    ['a role task', (b) => b.roles.owner!.tasks.push('audit.view'), [{ part: 'roles', key: 'owner', change: 'changed', paths: ['/tasks'] }], ['manage.users']],
  ];
  it.each(cases)('%s', (_name, change, expected, privileges) => {
    const after = base();
    change(after);
    const changes = diffBundles(base(), after);
    expect(changes).toEqual(expected);
    expect([...privilegesFor(changes)].sort()).toEqual(privileges);
  });
});
