import { HISTORY_EVENT_NAMES, historyEventName, isTechnicalEvent } from '../../../designer/src/cases/history-events.js';
import { engineHistoryTypes } from './engine-history-types.js';

// The case trail a citizen-service clerk reads: every history event type the engine writes has a
// Chinese name. A new event written without one fails here, naming the file that writes it.
const written = engineHistoryTypes();

test('the engine source is read: its history writers are found', () => {
  // One type from each kind of writer, so that a changed shape of the source is noticed.
  for (const type of ['instance.started', 'sla.clock.started', 'userTask.completed', 'userTask.returned', 'incident.created', 'attachment.added', 'sla.clock.stopped', 'job.failed']) {
    expect(written.has(type)).toBe(true);
  }
  expect(written.size).toBeGreaterThanOrEqual(70);
});

test('every history event type the engine writes has a Chinese name', () => {
  const missing = [...written].filter(([type]) => !HISTORY_EVENT_NAMES[type]).map(([type, file]) => `${type} (${file})`);
  expect(missing).toEqual([]);
  for (const [type] of written) expect(historyEventName(type, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
});

test('engine mechanics fold away, what a clerk does stays', () => {
  for (const type of ['sequenceFlow.taken', 'variables.set', 'sla.clock.started', 'sla.clock.stopped', 'timer.fired', 'element.activated']) expect(isTechnicalEvent(type)).toBe(true);
  for (const type of ['userTask.completed', 'userTask.claimed', 'instance.started', 'incident.created', 'sla.overdue', 'userTask.returned']) expect(isTechnicalEvent(type)).toBe(false);
  expect(isTechnicalEvent('some.future.type')).toBe(true);
  expect(historyEventName('some.future.type', 'zh-CN')).toBe('其他记录');
});
