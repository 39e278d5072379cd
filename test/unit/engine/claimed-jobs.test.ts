import { ClaimedJobs } from '../../../engine/jobs/claimed-jobs.js';
import type { JobRow } from '../../../engine/store/rows.js';

const clerk = { userId: 'clerk', department: 'SCJGJ', roles: ['integrator'] };
const claimOf = (id: string, department = 'SCJGJ') => ({ job: { id, department } as JobRow, instance: { id: `case-${id}`, region_path: '/' } });

describe('ClaimedJobs: the copies a completion may start from', () => {
  test('keeps at most its capacity, dropping the oldest claim first; a claim made again counts as new', () => {
    const claims = new ClaimedJobs(3);
    for (const id of ['a', 'b', 'c']) claims.remember(claimOf(id));
    claims.remember(claimOf('a'));
    claims.remember(claimOf('d'));
    expect(claims.size).toBe(3);
    expect(claims.take('b', clerk)).toBeUndefined();
    expect(claims.take('a', clerk)?.job.id).toBe('a');
  });

  test('a copy serves once, and only someone who may see the job; forget drops it', () => {
    const claims = new ClaimedJobs();
    claims.remember(claimOf('a', 'ZJJ'));
    expect(claims.take('a', clerk)).toBeUndefined();
    expect(claims.take('a', { ...clerk, department: 'ZJJ' })?.job.id).toBe('a');
    expect(claims.take('a', { ...clerk, department: 'ZJJ' })).toBeUndefined();
    claims.remember(claimOf('b'));
    claims.forget('b');
    expect(claims.size).toBe(0);
  });
});
