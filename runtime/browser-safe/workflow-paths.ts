/** Paths through a workflow as the simulator's checklist shows them (generated on the server, runtime/workflows/paths.ts). */

/** One step of a path: the event fired (a timer's own event when it is a wait), from which state to which. */
export interface PathStep {
  event: string;
  /** Set when the step is a wait: the delay, as the workflow writes it (`P3D`). */
  delay?: string;
  from: string;
  to: string;
}
export interface WorkflowPath {
  steps: PathStep[];
}
/** A transition no path takes with the role and data: the state it belongs to, what fires it and the state it names. */
export interface Untaken {
  from: string;
  kind: 'on' | 'always' | 'after';
  trigger: string;
  target: string | null;
}

/** What tells one path from another: its events and where each leads. */
export const pathSign = (path: WorkflowPath) => path.steps.map((s) => `${s.event}>${s.to}`).join('|');
