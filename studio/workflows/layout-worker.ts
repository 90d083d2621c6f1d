/** ELK in a worker of its own, started at the first layout: laying out a large workflow never blocks the page. */
import elkApi, { type ELK } from 'elkjs/lib/elk-api.js';
import ElkWorker from 'elkjs/lib/elk-worker.min.js?worker';
import { layoutWith, type Layout, type LayoutShape } from './layout.ts';

// A CommonJS module whose constructor is its own `default` as well: TypeScript reads its types that way.
const ElkApi = elkApi.default;
let elk: ELK | undefined;

/** `shape` laid out off the page's thread. */
export const layoutOffThread = (shape: LayoutShape): Promise<Layout> => layoutWith((elk ??= new ElkApi({ workerFactory: () => new ElkWorker() })), shape);
