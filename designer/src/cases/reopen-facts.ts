/**
 * 不满意重办 as the case trail records it (engine/sla/sla-extension.ts, evaluations.ts): a reopen is a new
 * case; the new one's trail has `case.reopen.started` naming the original and the round, the original's has
 * `case.evaluated` (the citizen's 不满意 and why) and `case.reopened` naming the new case. Pure, unit-tested in Node.
 */
interface TrailEvent {
  at: string;
  type: string;
  data: Record<string, unknown> | null;
}

export interface ReopenFacts {
  /** This case reopens that one (第 reopenCount+1 次办理). */
  original: { instanceId: string; reopenCount: number; at: string } | null;
  /** This case was reopened as that one. */
  reopenedAs: { instanceId: string; at: string } | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

export function reopenFacts(history: readonly TrailEvent[]): ReopenFacts {
  const started = history.find((event) => event.type === 'case.reopen.started');
  const reopened = [...history].reverse().find((event) => event.type === 'case.reopened');
  const originalId = text(started?.data?.originalInstanceId);
  const reopenedId = text(reopened?.data?.reopenedInstanceId);
  return {
    original: started && originalId ? { instanceId: originalId, reopenCount: typeof started.data?.reopenCount === 'number' ? started.data.reopenCount : 1, at: started.at } : null,
    reopenedAs: reopened && reopenedId ? { instanceId: reopenedId, at: reopened.at } : null,
  };
}

/** The evaluation that reopened a case: the last unsatisfied one on its trail (result, comment, when). */
export function reopeningEvaluation(history: readonly TrailEvent[]): { result: string; comment: string | null; at: string } | null {
  const event = [...history].reverse().find((entry) => entry.type === 'case.evaluated' && entry.data?.satisfied === false);
  const result = text(event?.data?.result);
  return event && result ? { result, comment: text(event.data?.comment), at: event.at } : null;
}
