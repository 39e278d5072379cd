import type { AttachmentKind } from '../api/operation-types.js';

/**
 * The kind of case, as its steps speak: an application an authority decides (审批: permits, confirmations,
 * services) or a citizen's appeal a unit handles (诉求: 12345 tickets, 城管事件, 基层治理 events). The case says
 * which: the catalog binds the matter's type (`matter.type`, catalog/binding/start-case.ts) to every case it starts.
 * Pure (no DOM, no i18n), so it is unit-tested in Node.
 */
export type CaseKind = 'approval' | 'appeal';

/** The catalog's matter types whose cases are appeals handled by a unit (catalog/model.ts MATTER_TYPES). */
const APPEAL_MATTER_TYPES: ReadonlySet<string> = new Set(['诉求工单', '城管事件', '协同事项']);

export function caseKind(variables: Record<string, unknown> | null | undefined): CaseKind {
  const matter = variables?.matter;
  const type = matter && typeof matter === 'object' ? (matter as Record<string, unknown>).type : undefined;
  return typeof type === 'string' && APPEAL_MATTER_TYPES.has(type) ? 'appeal' : 'approval';
}

/** The words a step of each kind uses (English keys of the i18n dictionaries). */
export interface CaseWords {
  applicant: string;
  opinion: string;
  opinionPlaceholder: string;
  opinions: string;
  noOpinions: string;
}

const WORDS: Readonly<Record<CaseKind, CaseWords>> = {
  approval: {
    applicant: 'Applicant',
    opinion: 'Opinion',
    opinionPlaceholder: 'Your opinion on this step, kept on the case trail',
    opinions: 'Opinions',
    noOpinions: 'No opinions yet',
  },
  appeal: {
    applicant: 'Complainant',
    opinion: 'Opinion on the handling',
    opinionPlaceholder: 'How this step handled the appeal, kept on the ticket trail',
    opinions: 'Handling opinions',
    noOpinions: 'No handling opinions yet',
  },
};

export function caseWords(kind: CaseKind): CaseWords {
  return WORDS[kind];
}

/** The attachment kinds offered, most fitting first: photos of the scene for an appeal, materials for an application. */
export function attachmentKinds(kind: CaseKind): AttachmentKind[] {
  return kind === 'appeal' ? ['before', 'after', 'other', 'material'] : ['material', 'before', 'after', 'other'];
}

/**
 * The kind an upload starts with, fitting the step: an application's materials; for an appeal the photo before
 * handling until this step has one (or the case has a photo after handling already), then the photo after.
 */
export function defaultAttachmentKind(kind: CaseKind, files: ReadonlyArray<{ kind: string; taskId: string | null }>, taskId?: string): AttachmentKind {
  if (kind === 'approval') return 'material';
  const handled = files.some((file) => file.kind === 'after') || (taskId !== undefined && files.some((file) => file.kind === 'before' && file.taskId === taskId));
  return handled ? 'after' : 'before';
}
