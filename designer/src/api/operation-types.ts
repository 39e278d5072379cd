/** What the 办理操作 endpoints (issue 11) return. */
export interface ReturnTarget {
  elementId: string;
  name: string | null;
  completedBy: string | null;
  completedByName: string | null;
  completedAt: string;
}

export interface Opinion {
  at: string;
  type: string;
  elementId: string | null;
  elementName: string | null;
  actor: string | null;
  actorName: string | null;
  opinion: string;
}

export interface OpinionPhrase {
  id: string | null;
  scope: 'system' | 'department' | 'mine';
  text: string;
}

export type AttachmentKind = 'before' | 'after' | 'material' | 'other';

export interface Attachment {
  id: string;
  processInstanceId: string;
  taskId: string | null;
  name: string;
  kind: AttachmentKind;
  contentType: string;
  size: number;
  uploadedBy: string;
  uploadedByName: string | null;
  uploadedAt: string;
}

export type Duration = string | { value: number; unit: 'naturalDay' | 'workingDay' | string };

export interface ExtensionRequest {
  id: string;
  processInstanceId: string;
  taskId: string | null;
  duration: Duration;
  reason: string;
  legalBasis: string | null;
  requestedBy: string;
  requestedAt: string;
  state: 'pending' | 'approved' | 'rejected';
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
}
